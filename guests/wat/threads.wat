;; Threads proposal: the module's one memory is shared; atomic read-modify-write on it.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (memory (export "memory") 1 1 shared)
  (func $probe (result i32)
    (drop (i32.atomic.rmw.add (i32.const 64) (i32.const 40)))
    (drop (i32.atomic.rmw.add (i32.const 64) (i32.const 2)))
    (i32.atomic.load (i32.const 64)))
  (data (i32.const 1400) "atomic-rmw")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 10) (call $probe) (i32.const 42))))))
