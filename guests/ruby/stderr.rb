# Writes a marker line to stderr; the case checks it arrived there and not on stdout.
begin
  $stderr.write("wasi-matrix-stderr-marker\n")
  $stderr.flush
  err = nil
rescue SystemCallError, IOError => e
  err = e
end
check(err.nil?, "stderr-write", err.to_s)
exit status
