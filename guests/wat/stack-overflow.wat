;; Unbounded recursion: the engine's own call stack runs out, which every runtime must report as
;; a trap (CRASH), not as the guest failing a check.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $deeper (param $n i64) (result i64)
    (i64.add (call $deeper (i64.add (local.get $n) (i64.const 1))) (i64.const 1)))
  (func (export "_start")
    (call $exit (i32.wrap_i64 (call $deeper (i64.const 0))))))
