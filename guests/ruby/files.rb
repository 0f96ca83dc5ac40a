# File operations inside a preopened directory (ARGV[0]); the fixture holds
# hello.txt = "hello, fixture\n" and unlink-me.txt. What this leaves behind
# (renamed.txt = "fresh bytes", an empty created.txt, no written.txt, no
# unlink-me.txt) is checked on the host by suites/fs/files.yaml.
def attempt
  [yield, nil]
rescue SystemCallError, IOError => e
  [nil, e]
end

root = ARGV.fetch(0)
p = ->(n) { "#{root}/#{n}" }

text, err = attempt { File.read(p["hello.txt"]) }
check(text == "hello, fixture\n", "read", "#{text.inspect} #{err}")

st, err = attempt { File.stat(p["hello.txt"]) }
check(st && st.size == 15 && st.file?, "stat", "#{st&.size} #{st&.ftype} #{err}")

back, err = attempt do
  File.write(p["written.txt"], "fresh bytes")
  File.read(p["written.txt"])
end
check(back == "fresh bytes", "write", "#{back.inspect} #{err}")

excl = File::CREAT | File::EXCL | File::WRONLY
first, e1 = attempt { File.open(p["created.txt"], excl, 0o644) }
second, e2 = attempt { File.open(p["created.txt"], excl, 0o644) }
check(first && e2.is_a?(Errno::EEXIST), "create-exclusive", "first=#{e1.inspect} second=#{second.inspect} #{e2.inspect}")
first&.close
second&.close

_, err = attempt { File.rename(p["written.txt"], p["renamed.txt"]) }
gone, there = !File.exist?(p["written.txt"]), File.exist?(p["renamed.txt"])
check(err.nil? && gone && there, "rename", "#{err} old-gone=#{gone} new-there=#{there}")

_, err = attempt { File.unlink(p["unlink-me.txt"]) }
check(err.nil? && !File.exist?(p["unlink-me.txt"]), "unlink", err.to_s)
exit status
