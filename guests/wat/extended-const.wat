;; Extended constant expressions: a global initialised with i32.add and i32.mul.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (global $g i32 (i32.add (i32.mul (i32.const 6) (i32.const 7)) (i32.const 1)))
  (func (export "_start")
    (call $exit (i32.ne (global.get $g) (i32.const 43))))
  (memory (export "memory") 1))
