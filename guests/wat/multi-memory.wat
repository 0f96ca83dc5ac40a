;; Multi-memory: two memories hold different values at the same address.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (memory (export "memory") 1)
  (memory $second 1)
  (func $probe (result i32)
    (i32.store (i32.const 8) (i32.const 5))
    (i32.store $second (i32.const 8) (i32.const 7))
    (i32.add (i32.load (i32.const 8)) (i32.mul (i32.load $second (i32.const 8)) (i32.const 10))))
  (data (i32.const 1400) "multi-memory-separate")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 21) (call $probe) (i32.const 75))))))
