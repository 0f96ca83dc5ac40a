;; Multi-value: a function returning two results, combined by the caller.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (func $divmod (param i32 i32) (result i32 i32)
    (i32.div_u (local.get 0) (local.get 1))
    (i32.rem_u (local.get 0) (local.get 1)))
  (func $probe (result i32)
    (local $q i32)
    (local $r i32)
    (call $divmod (i32.const 47) (i32.const 10))
    (local.set $r)
    (local.set $q)
    (i32.add (i32.mul (local.get $q) (i32.const 100)) (local.get $r)))
  (data (i32.const 1400) "multi-value-divmod")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 18) (call $probe) (i32.const 407)))))
  (memory (export "memory") 1))
