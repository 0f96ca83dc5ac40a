// System.nanoTime increases across Thread.sleep; System.currentTimeMillis is plausible and advances.
public final class Clocks {
  public static void main(String[] args) throws InterruptedException {
    Check c = new Check();
    long a = System.nanoTime();
    Thread.sleep(20);
    long b = System.nanoTime();
    c.check(b > a, "monotonic-increases", "before=" + a + " after=" + b);
    c.check(b - a >= 15_000_000L, "monotonic-sleep", "20 ms sleep advanced " + (b - a) + " ns");
    // Java exposes no clock resolution: two readings in a row must differ by at most 1 ms once they differ.
    long first = System.nanoTime(), next;
    do next = System.nanoTime(); while (next == first);
    c.check(next - first <= 1_000_000L, "monotonic-resolution", "smallest observed step " + (next - first) + " ns");
    long now = System.currentTimeMillis();
    // 2025-01-01 .. 2100-01-01
    c.check(now > 1735689600000L && now < 4102444800000L, "realtime-plausible", "ms=" + now);
    Thread.sleep(20);
    long later = System.currentTimeMillis();
    c.check(later > now, "realtime-advances", "before=" + now + " after=" + later);
    c.exitOnFailure();
  }
}
