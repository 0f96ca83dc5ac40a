# Creates more entries than one readdir buffer holds, then lists them: the
# listing must resume from its cookie and neither repeat nor lose entries.
COUNT = 300
d = "#{ARGV.fetch(0)}/many"
Dir.mkdir(d) unless File.directory?(d)
made = COUNT.times.count do |i|
  File.open(format("%s/entry-with-a-deliberately-long-name-to-fill-buffers-%04d", d, i), "w").close
  true
rescue SystemCallError
  false
end
check(made == COUNT, "create-entries", "created #{made} of #{COUNT}")
# Bounded: a runtime that ignores cookies would otherwise repeat forever.
seen = Dir.new(d).each_child.lazy.first(10 * COUNT).length
check(seen == COUNT, "readdir-resumes", "listed #{seen} entries, want #{COUNT}")
exit status
