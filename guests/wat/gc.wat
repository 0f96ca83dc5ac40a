;; GC: allocate a struct and a 3-element array; read a field, a mutated field and the length: 40 + 2 + 3.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (type $pair (struct (field i32) (field (mut i32))))
  (type $ints (array (mut i32)))
  (func $probe (result i32)
    (local $p (ref $pair))
    (local $a (ref $ints))
    (local.set $p (struct.new $pair (i32.const 40) (i32.const 1)))
    (struct.set $pair 1 (local.get $p) (i32.const 2))
    (local.set $a (array.new $ints (i32.const 7) (i32.const 3)))
    (i32.add (i32.add (struct.get $pair 0 (local.get $p)) (struct.get $pair 1 (local.get $p)))
             (array.len (local.get $a))))
  (data (i32.const 1400) "gc-struct-sum")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 13) (call $probe) (i32.const 45)))))
  (memory (export "memory") 1))
