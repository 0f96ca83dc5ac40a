;; Never returns: a tight loop the harness must cut at the time limit (TIMEOUT) and kill.
(module
  (func (export "_start")
    (loop $spin (br $spin)))
  (memory (export "memory") 1))
