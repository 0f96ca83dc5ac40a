;; Relaxed SIMD: relaxed fused multiply-add on f32x4; 2*3+4 = 10 in lane 0 (exact either way).
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (func $probe (result i32)
    (i32.trunc_f32_s
      (f32x4.extract_lane 0
        (f32x4.relaxed_madd (v128.const f32x4 2 2 2 2) (v128.const f32x4 3 3 3 3) (v128.const f32x4 4 4 4 4)))))
  (data (i32.const 1400) "relaxed-madd")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 12) (call $probe) (i32.const 10)))))
  (memory (export "memory") 1))
