;; The other stack overflow: the stack compilers keep in linear memory (a `__stack_pointer` global)
;; runs below address 0, wraps, and the next store is out of bounds, a trap (CRASH).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 2)
  (global $sp (mut i32) (i32.const 131072))
  (func $frame (param $n i32) (result i32)
    ;; a 4 KiB frame, written as C's locals would be
    (global.set $sp (i32.sub (global.get $sp) (i32.const 4096)))
    (i32.store (global.get $sp) (local.get $n))
    (call $frame (i32.add (local.get $n) (i32.const 1))))
  (func (export "_start")
    (call $exit (call $frame (i32.const 0)))))
