// Directory operations inside the preopened directory argv[1] with java.io.File; the fixture
// holds listing/ with exactly a.txt, b.txt and c.txt. What this leaves behind (made/ kept,
// gone/ removed, listing/ intact) is checked on the host by suites/fs/dirs.yaml.
import java.io.File;
import java.util.Arrays;

public final class Dirs {
  public static void main(String[] args) {
    Check c = new Check();
    File root = new File(args[0]);
    String[] names = new File(root, "listing").list();
    if (names != null) Arrays.sort(names);
    c.check(names != null && Arrays.equals(names, new String[] {"a.txt", "b.txt", "c.txt"}), "readdir", "list()=" + Arrays.toString(names));
    File made = new File(root, "made");
    boolean mk = made.mkdir();
    c.check(mk && made.isDirectory(), "mkdir", "mkdir=" + mk + " isDirectory=" + made.isDirectory());
    File gone = new File(root, "gone");
    boolean again = gone.mkdir();
    boolean rm = gone.delete();
    c.check(again && rm && !gone.exists(), "rmdir", "mkdir=" + again + " delete=" + rm);
    File listing = new File(root, "listing");
    boolean busy = listing.delete();
    // java.io reports only false, not why: the directory must still be there.
    c.check(!busy && listing.isDirectory(), "rmdir-nonempty-fails", "delete=" + busy);
    c.exitOnFailure();
  }
}
