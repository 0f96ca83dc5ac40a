;; Exception handling with exnref (try_table): throw 41, catch it, add 1.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (tag $boom (param i32))
  (func $probe (result i32)
    (block $caught (result i32)
      (try_table (catch $boom $caught)
        (throw $boom (i32.const 41)))
      (i32.const 0))
    (i32.add (i32.const 1)))
  (data (i32.const 1400) "exnref-catch")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 12) (call $probe) (i32.const 42)))))
  (memory (export "memory") 1))
