# Sub-check reporting for Ruby guests: one TAP-like line per check on stdout.
# The toolchain evaluates this file before the guest, in the same top-level binding.
$failures = 0

def check(ok, name, detail = "")
  if ok
    puts "ok #{name}"
  else
    $failures += 1
    puts "not ok #{name} # #{detail.respond_to?(:call) ? detail.call : detail}"
  end
  $stdout.flush
end

def status
  $failures.zero? ? 0 : 1
end
