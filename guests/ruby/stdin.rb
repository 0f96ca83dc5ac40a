# Copies stdin to stdout until end of file.
begin
  data, err = $stdin.binmode.read, nil
rescue SystemCallError, IOError => e
  data, err = "".b, e
end
$stdout.binmode.write(data)
$stdout.flush
check(err.nil?, "stdin-eof", "read failed: #{err}")
check(!data.empty?, "stdin-read", "read 0 bytes")
exit status
