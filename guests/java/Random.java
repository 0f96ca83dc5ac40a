// The host's entropy (random_get, asked directly: TeaVM's SecureRandom on this backend is a seeded
// java.util.Random, which would pass these checks without the host) gives non-zero bytes that
// differ between draws, up to 256 at once.
import java.util.Arrays;

public final class Random {
  private static boolean nonzero(byte[] b) {
    for (byte x : b) if (x != 0) return true;
    return false;
  }

  public static void main(String[] args) {
    Check c = new Check();
    byte[] x = new byte[32], y = new byte[32], big = new byte[256];
    int ex = Host.random(x), ey = Host.random(y);
    c.check(ex == 0 && ey == 0, "getentropy", "random_get errno " + ex + ", " + ey);
    c.check(nonzero(x) && nonzero(y), "nonzero", "a 32-byte draw was all zero");
    c.check(!Arrays.equals(x, y), "differ", "two 32-byte draws were equal");
    int eb = Host.random(big);
    c.check(eb == 0 && nonzero(big), "max-request", "a 256-byte draw: errno " + eb);
    c.exitOnFailure();
  }
}
