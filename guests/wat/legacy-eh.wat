;; Legacy exception handling (try/catch, the form engines shipped first): throw 41, catch, add 1.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  ;; @report
  (tag $boom (param i32))
  (func $probe (result i32)
    try (result i32)
      i32.const 41
      throw $boom
    catch $boom
      i32.const 1
      i32.add
    end)
  (data (i32.const 1400) "legacy-eh-catch")
  ;; Exit 0 only when the result is right; the line on stdout says which.
  (func (export "_start")
    (call $exit (i32.eqz (call $report (i32.const 1400) (i32.const 15) (call $probe) (i32.const 42)))))
  (memory (export "memory") 1))
