;; Threads proposal: the module's one memory is shared; atomic read-modify-write on it.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1 1 shared)
  (func $probe (result i32)
    (drop (i32.atomic.rmw.add (i32.const 64) (i32.const 40)))
    (drop (i32.atomic.rmw.add (i32.const 64) (i32.const 2)))
    (i32.atomic.load (i32.const 64)))
  (func (export "_start")
    (call $exit (i32.ne (call $probe) (i32.const 42)))))
