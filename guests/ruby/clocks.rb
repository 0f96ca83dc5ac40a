# Monotonic clock increases across a sleep; realtime is a plausible date.
a = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
sleep 0.02
b = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
check(b > a, "monotonic-increases", "#{a} then #{b}")
check(b - a >= 15_000_000, "monotonic-sleep", "20 ms sleep advanced #{b - a} ns")
begin
  res, err = Process.clock_getres(Process::CLOCK_MONOTONIC, :nanosecond), nil
rescue SystemCallError, NotImplementedError => e
  res, err = 0, e
end
check(res > 0 && res <= 1_000_000, "monotonic-resolution", "res=#{res} ns #{err}")
now = Time.now.to_i
check(now > 1735689600 && now < 4102444800, "realtime-plausible", "sec=#{now}")
t1 = Process.clock_gettime(Process::CLOCK_REALTIME, :nanosecond)
sleep 0.02
t2 = Process.clock_gettime(Process::CLOCK_REALTIME, :nanosecond)
check(t2 > t1, "realtime-advances", "#{t1} then #{t2}")
exit status
