;; Tail calls: count down from 10 million through return_call; without real tail calls the stack overflows.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (func $count (param $n i32) (param $acc i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (local.get $acc))
      (else (return_call $count (i32.sub (local.get $n) (i32.const 1)) (i32.add (local.get $acc) (i32.const 1))))))
  (data (i32.const 1400) "tail-call-depth")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 15) (call $count (i32.const 10000000) (i32.const 0)) (i32.const 10000000)))))
  (memory (export "memory") 1))
