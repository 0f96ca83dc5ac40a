;; 10^6 lines on stdout (1 MB of newlines, under the 1 MiB cap), then its check line: the harness
;; must take them whole and judge them quickly. A runtime may write part of a buffer: loop on it.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 17)
  (data (i32.const 16) "ok million-lines\n")
  (func $all (param $ptr i32) (param $len i32)
    (loop $more
      (i32.store (i32.const 0) (local.get $ptr))
      (i32.store (i32.const 4) (local.get $len))
      (br_if 1 (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (local.set $ptr (i32.add (local.get $ptr) (i32.load (i32.const 8))))
      (local.set $len (i32.sub (local.get $len) (i32.load (i32.const 8))))
      (br_if $more (i32.gt_s (local.get $len) (i32.const 0)))))
  (func (export "_start")
    (memory.fill (i32.const 65536) (i32.const 10) (i32.const 1000000))
    (call $all (i32.const 65536) (i32.const 1000000))
    (call $all (i32.const 16) (i32.const 17))))
