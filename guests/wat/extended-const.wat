;; Extended constant expressions: a global initialised with i32.add and i32.mul.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (global $g i32 (i32.add (i32.mul (i32.const 6) (i32.const 7)) (i32.const 1)))
  (data (i32.const 1400) "extended-const-global")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 21) (global.get $g) (i32.const 43)))))
  (memory (export "memory") 1))
