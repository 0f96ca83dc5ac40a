// WASI 0.1 calls a Java guest makes itself where the class library hides what the host did: Java's
// main never sees argv[0], and TeaVM's SecureRandom on this backend is seeded java.util.Random, not
// the host's entropy. TeaVM links @Import methods as the module's imports.
import org.teavm.interop.Address;
import org.teavm.interop.Import;

final class Host {
  private Host() {}

  @Import(module = "wasi_snapshot_preview1", name = "args_sizes_get")
  private static native short argsSizesGet(Address argc, Address bufSize);

  @Import(module = "wasi_snapshot_preview1", name = "random_get")
  private static native short randomGet(Address buf, int len);

  /** The argument count the host hands over, argv[0] included; -1 and the errno if the call failed. */
  static int[] argc() {
    int[] out = new int[2];
    short errno = argsSizesGet(Address.ofData(out), Address.ofData(out).add(4));
    return errno == 0 ? new int[] {out[0], out[1]} : new int[] {-1, errno};
  }

  /** Fills `buf` from the host's entropy; the errno (0 on success). */
  static int random(byte[] buf) {
    return randomGet(Address.ofData(buf), buf.length);
  }
}
