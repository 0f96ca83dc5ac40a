;; Closes its own stdout, then writes to it: the write must fail (EBADF, 8) and the runtime must
;; go on. It says so on stderr, the only stream left.
(module
  (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "lost\n")
  (data (i32.const 80) "ok write-after-close-fails\n")
  (data (i32.const 112) "not ok write-after-close-fails\n")
  (func $say (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (call $write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
  (func (export "_start")
    (drop (call $close (i32.const 1)))
    (if (i32.eq (call $say (i32.const 1) (i32.const 64) (i32.const 5)) (i32.const 8))
      (then (drop (call $say (i32.const 2) (i32.const 80) (i32.const 27))) (call $exit (i32.const 0)))
      (else (drop (call $say (i32.const 2) (i32.const 112) (i32.const 31))) (call $exit (i32.const 1))))))
