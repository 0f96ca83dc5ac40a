# Exits with the status given as its first argument.
check(ARGV.length == 1, "exit-arg", "argc=#{ARGV.length + 1}")
exit Integer(ARGV.fetch(0), exception: false) || 99
