  ;; Spliced into a probe at its `;; @report` line by toolchain.ts, so that every probe reports
  ;; through one helper: `ADDR` becomes the memory's index type (i32, or i64 for memory64) and
  ;; `(WASI_PTR x)` narrows an address to the i32 that WASI p1 takes.
  ;; Memory it uses: 1008-1019 iovec and count, 1024-1062 strings, 1100-1111 digits, 1200- the line.
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (data (ADDR.const 1024) "not ok ")
  (data (ADDR.const 1040) " # got ")
  (data (ADDR.const 1056) ", want ")

  ;; Appends len bytes from src at end; returns the new end.
  (func $put (param $end ADDR) (param $src ADDR) (param $len ADDR) (result ADDR)
    (block $done
      (loop $next
        (br_if $done (ADDR.eqz (local.get $len)))
        (i32.store8 (local.get $end) (i32.load8_u (local.get $src)))
        (local.set $end (ADDR.add (local.get $end) (ADDR.const 1)))
        (local.set $src (ADDR.add (local.get $src) (ADDR.const 1)))
        (local.set $len (ADDR.sub (local.get $len) (ADDR.const 1)))
        (br $next)))
    (local.get $end))

  ;; Appends n in decimal (signed).
  (func $num (param $end ADDR) (param $n i32) (result ADDR)
    (local $digits ADDR)
    (if (i32.lt_s (local.get $n) (i32.const 0))
      (then
        (i32.store8 (local.get $end) (i32.const 45))
        (local.set $end (ADDR.add (local.get $end) (ADDR.const 1)))
        (local.set $n (i32.sub (i32.const 0) (local.get $n)))))
    (local.set $digits (ADDR.const 1112))
    (loop $more
      (local.set $digits (ADDR.sub (local.get $digits) (ADDR.const 1)))
      (i32.store8 (local.get $digits) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
      (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
      (br_if $more (local.get $n)))
    (call $put (local.get $end) (local.get $digits) (ADDR.sub (ADDR.const 1112) (local.get $digits))))

  ;; Prints `ok NAME`, or `not ok NAME # got X, want Y`, for the name at [name, name+len);
  ;; returns 1 when got = want.
  (func $report (param $name ADDR) (param $len ADDR) (param $got i32) (param $want i32) (result i32)
    (local $ok i32)
    (local $end ADDR)
    (local.set $ok (i32.eq (local.get $got) (local.get $want)))
    ;; "not ok " is 7 bytes at 1024; its last 3 ("ok ") start at 1028.
    (local.set $end (call $put (ADDR.const 1200)
      (select (ADDR.const 1028) (ADDR.const 1024) (local.get $ok))
      (select (ADDR.const 3) (ADDR.const 7) (local.get $ok))))
    (local.set $end (call $put (local.get $end) (local.get $name) (local.get $len)))
    (if (i32.eqz (local.get $ok))
      (then
        (local.set $end (call $put (local.get $end) (ADDR.const 1040) (ADDR.const 7)))
        (local.set $end (call $num (local.get $end) (local.get $got)))
        (local.set $end (call $put (local.get $end) (ADDR.const 1056) (ADDR.const 7)))
        (local.set $end (call $num (local.get $end) (local.get $want)))))
    (i32.store8 (local.get $end) (i32.const 10))
    (local.set $end (ADDR.add (local.get $end) (ADDR.const 1)))
    (i32.store (ADDR.const 1008) (i32.const 1200))
    (i32.store (ADDR.const 1012) (WASI_PTR (ADDR.sub (local.get $end) (ADDR.const 1200))))
    (drop (call $fd_write (i32.const 1) (i32.const 1008) (i32.const 1) (i32.const 1016)))
    (local.get $ok))
