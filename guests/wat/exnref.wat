;; Exception handling with exnref (try_table): throw 41, catch it, add 1.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (tag $boom (param i32))
  (func $probe (result i32)
    (block $caught (result i32)
      (try_table (catch $boom $caught)
        (throw $boom (i32.const 41)))
      (i32.const 0))
    (i32.add (i32.const 1)))
  (func (export "_start")
    (call $exit (i32.ne (call $probe) (i32.const 42))))
  (memory (export "memory") 1))
