;; Bulk memory: memory.fill then memory.copy, and read the copied byte.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (memory (export "memory") 1)
  (func $probe (result i32)
    (memory.fill (i32.const 100) (i32.const 9) (i32.const 16))
    (memory.copy (i32.const 200) (i32.const 100) (i32.const 16))
    (i32.load8_u (i32.const 215)))
  (data (i32.const 1400) "bulk-memory-copy")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 16) (call $probe) (i32.const 9))))))
