;; SIMD: add two i32x4 vectors and sum the lanes: (1+10)+(2+20)+(3+30)+(4+40) = 110.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (func $probe (result i32)
    (local $v v128)
    (local.set $v (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i32x4 10 20 30 40)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
      (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))
  (data (i32.const 1400) "simd-lane-sum")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 13) (call $probe) (i32.const 110)))))
  (memory (export "memory") 1))
