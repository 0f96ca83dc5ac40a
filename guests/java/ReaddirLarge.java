// Creates more entries than one fd_readdir buffer holds, then lists them: the listing must
// resume from its cookie; a runtime that ignores it repeats entries.
import java.io.File;
import java.io.IOException;

public final class ReaddirLarge {
  static final int COUNT = 300;

  public static void main(String[] args) {
    Check c = new Check();
    File dir = new File(args[0], "many");
    dir.mkdir();
    int made = 0;
    for (int i = 0; i < COUNT; i++) {
      try {
        if (new File(dir, String.format("entry-with-a-deliberately-long-name-to-fill-buffers-%04d", i)).createNewFile()) made++;
      } catch (IOException e) {
        // counted as not made
      }
    }
    c.check(made == COUNT, "create-entries", "created " + made + " of " + COUNT);
    String[] names = dir.list();
    int seen = names == null ? 0 : names.length;
    c.check(seen == COUNT, "readdir-resumes", "listed " + seen + " entries, want " + COUNT);
    c.exitOnFailure();
  }
}
