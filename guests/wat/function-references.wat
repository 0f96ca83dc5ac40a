;; Typed function references: call_ref through a non-nullable reference to $triple.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (type $unary (func (param i32) (result i32)))
  (func $triple (type $unary) (i32.mul (local.get 0) (i32.const 3)))
  (elem declare func $triple)
  (func $probe (result i32)
    (call_ref $unary (i32.const 14) (ref.func $triple)))
  (data (i32.const 1400) "call-ref")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 8) (call $probe) (i32.const 42)))))
  (memory (export "memory") 1))
