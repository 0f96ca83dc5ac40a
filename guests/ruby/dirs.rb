# Directory operations inside a preopened directory (ARGV[0]); the fixture
# holds listing/ with exactly a.txt, b.txt and c.txt. What this leaves behind
# (made/ kept, gone/ removed, listing/ intact) is checked on the host by
# suites/fs/dirs.yaml.
def attempt
  [yield, nil]
rescue SystemCallError => e
  [nil, e]
end

root = ARGV.fetch(0)
names, err = attempt { Dir.children("#{root}/listing").sort }
check(names == %w[a.txt b.txt c.txt], "readdir", "#{names.inspect} #{err}")

made = "#{root}/made"
_, err = attempt { Dir.mkdir(made) }
check(err.nil? && File.directory?(made), "mkdir", err.to_s)

gone = "#{root}/gone"
_, err = attempt do
  Dir.mkdir(gone)
  Dir.rmdir(gone)
end
check(err.nil? && !File.exist?(gone), "rmdir", err.to_s)

_, err = attempt { Dir.rmdir("#{root}/listing") }
check(err.is_a?(Errno::ENOTEMPTY), "rmdir-nonempty-fails", err.inspect)
exit status
