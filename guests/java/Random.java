// SecureRandom (the host's entropy) gives non-zero bytes that differ between draws, up to 256 at once.
import java.security.SecureRandom;
import java.util.Arrays;

public final class Random {
  private static boolean nonzero(byte[] b) {
    for (byte x : b) if (x != 0) return true;
    return false;
  }

  public static void main(String[] args) {
    Check c = new Check();
    SecureRandom rng = new SecureRandom();
    byte[] x = new byte[32], y = new byte[32], big = new byte[256];
    rng.nextBytes(x);
    rng.nextBytes(y);
    c.check(true, "getentropy", "");
    c.check(nonzero(x) && nonzero(y), "nonzero", "a 32-byte draw was all zero");
    c.check(!Arrays.equals(x, y), "differ", "two 32-byte draws were equal");
    rng.nextBytes(big);
    c.check(nonzero(big), "max-request", "a 256-byte draw was all zero");
    c.exitOnFailure();
  }
}
