;; Memory64: the module's one memory is 64-bit indexed; store at an i64 address and load it back.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report i64
  (memory (export "memory") i64 1)
  (func $probe (result i32)
    (i32.store (i64.const 65532) (i32.const 64))
    (i32.load (i64.const 65532)))
  (data (i64.const 1400) "memory64-load")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i64.const 1400) (i64.const 13) (call $probe) (i32.const 64))))))
