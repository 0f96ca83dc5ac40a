;; wasi-threads: four threads started through the host's `wasi.thread-spawn`, each adding its
;; argument 1000 times to one counter with atomic read-modify-write on the shared memory, then
;; counting itself done and waking the main thread, which sleeps in memory.atomic.wait32.
;; Every thread first waits (up to 2 s) for a gate the main thread opens only after all four
;; spawns returned: a host that ran each thread inside thread-spawn, one after another, would
;; pass the other checks, and fails threads-concurrent instead.
;; Reports thread-spawn (all four spawns got a thread id), threads-concurrent (no thread found
;; the gate still closed after waiting), threads-join (all four finished within 10 s) and
;; atomic-sum (1000 * (1 + 2 + 3 + 4)); exit 0 only when all four hold.
(module
  (import "wasi" "thread-spawn" (func $spawn (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; wasi-threads gives every thread its own instance over one imported shared memory.
  (import "env" "memory" (memory 1 1 shared))
  ;; Hosts read the guest's memory through this export, as they do for wasi-libc programs.
  (export "memory" (memory 0))
  ;; @report
  (global $counter i32 (i32.const 64))
  (global $done i32 (i32.const 68))
  (global $gate i32 (i32.const 72))
  (global $early i32 (i32.const 76))

  (func (export "wasi_thread_start") (param $tid i32) (param $arg i32)
    (local $i i32)
    (local $rounds i32)
    (block $open
      (loop $wait
        (br_if $open (i32.atomic.load (global.get $gate)))
        (br_if $open (i32.ge_u (local.get $rounds) (i32.const 20)))
        (drop (memory.atomic.wait32 (global.get $gate) (i32.const 0) (i64.const 100000000)))
        (local.set $rounds (i32.add (local.get $rounds) (i32.const 1)))
        (br $wait)))
    (if (i32.eqz (i32.atomic.load (global.get $gate)))
      (then (drop (i32.atomic.rmw.add (global.get $early) (i32.const 1)))))
    (loop $add
      (drop (i32.atomic.rmw.add (global.get $counter) (local.get $arg)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $add (i32.lt_u (local.get $i) (i32.const 1000))))
    (drop (i32.atomic.rmw.add (global.get $done) (i32.const 1)))
    (drop (memory.atomic.notify (global.get $done) (i32.const 1))))

  (data (i32.const 1400) "thread-spawn")
  (data (i32.const 1420) "threads-join")
  (data (i32.const 1440) "atomic-sum")
  (data (i32.const 1460) "threads-concurrent")

  (func (export "_start")
    (local $k i32)
    (local $spawned i32)
    (local $seen i32)
    (local $rounds i32)
    (local $spawn-ok i32)
    (local $join-ok i32)
    (local $sum-ok i32)
    (local $concurrent-ok i32)
    (local.set $k (i32.const 1))
    (loop $start
      ;; A negative thread id is the host's refusal.
      (if (i32.ge_s (call $spawn (local.get $k)) (i32.const 0))
        (then (local.set $spawned (i32.add (local.get $spawned) (i32.const 1)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $start (i32.le_u (local.get $k) (i32.const 4))))
    (local.set $spawn-ok (call $report (i32.const 1400) (i32.const 12) (local.get $spawned) (i32.const 4)))
    (i32.atomic.store (global.get $gate) (i32.const 1))
    (drop (memory.atomic.notify (global.get $gate) (i32.const 4)))
    (block $joined
      (loop $join
        (local.set $seen (i32.atomic.load (global.get $done)))
        (br_if $joined (i32.ge_u (local.get $seen) (local.get $spawned)))
        (br_if $joined (i32.ge_u (local.get $rounds) (i32.const 100)))
        ;; Sleep until `done` changes from what we saw, at most 100 ms a round.
        (drop (memory.atomic.wait32 (global.get $done) (local.get $seen) (i64.const 100000000)))
        (local.set $rounds (i32.add (local.get $rounds) (i32.const 1)))
        (br $join)))
    ;; Each result goes to its own local: on @wasmer/sdk 0.16, a value left on the operand stack
    ;; across these host calls (i32.and of the running result and the next report) came back as 0.
    (local.set $join-ok (call $report (i32.const 1420) (i32.const 12) (i32.atomic.load (global.get $done)) (i32.const 4)))
    (local.set $sum-ok (call $report (i32.const 1440) (i32.const 10) (i32.atomic.load (global.get $counter)) (i32.const 10000)))
    (local.set $concurrent-ok (call $report (i32.const 1460) (i32.const 18) (i32.atomic.load (global.get $early)) (i32.const 0)))
    (call $exit (i32.eqz (i32.and (i32.and (local.get $spawn-ok) (local.get $concurrent-ok)) (i32.and (local.get $join-ok) (local.get $sum-ok)))))))
