;; Grows linear memory 1 MiB at a time, writing every byte of it, until memory.grow refuses.
;; Under a per-guest memory cap the refusal comes early: `ok capped` if it came below 1 GiB.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "ok capped\n")
  (data (i32.const 16) "not ok capped # memory.grow never refused below 1 GiB\n")
  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 32768) (local.get $ptr))
    (i32.store (i32.const 32772) (local.get $len))
    (drop (call $write (i32.const 1) (i32.const 32768) (i32.const 1) (i32.const 32776))))
  (func (export "_start")
    (local $old i32)
    (block $refused
      (loop $grow
        (local.set $old (memory.grow (i32.const 16)))
        (br_if $refused (i32.eq (local.get $old) (i32.const -1)))
        (memory.fill (i32.shl (local.get $old) (i32.const 16)) (i32.const 1) (i32.const 1048576))
        (br $grow)))
    (if (i32.lt_u (memory.size) (i32.const 16384))
      (then (call $print (i32.const 0) (i32.const 10)))
      (else (call $print (i32.const 16) (i32.const 54))))))
