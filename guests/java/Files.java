// File operations inside the preopened directory argv[1] with java.io (TeaVM's WASI class
// library implements java.io.File and its streams, not java.nio.file); the fixture holds
// hello.txt = "hello, fixture\n" and unlink-me.txt. What this leaves behind (renamed.txt =
// "fresh bytes", an empty created.txt, no written.txt, no unlink-me.txt) is checked on the
// host by suites/fs/files.yaml.
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

public final class Files {
  static String read(File f) throws IOException {
    try (InputStream in = new FileInputStream(f)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  public static void main(String[] args) {
    Check c = new Check();
    File root = new File(args[0]);
    File hello = new File(root, "hello.txt");
    try {
      String text = read(hello);
      c.check(text.equals("hello, fixture\n"), "read", "got '" + text + "'");
    } catch (IOException e) {
      c.check(false, "read", e.toString());
    }
    c.check(hello.isFile() && hello.length() == 15, "stat", "isFile=" + hello.isFile() + " length=" + hello.length());
    File written = new File(root, "written.txt");
    try {
      try (OutputStream out = new FileOutputStream(written)) {
        out.write("fresh bytes".getBytes(StandardCharsets.UTF_8));
      }
      String back = read(written);
      c.check(back.equals("fresh bytes"), "write", "read back '" + back + "'");
    } catch (IOException e) {
      c.check(false, "write", e.toString());
    }
    try {
      File created = new File(root, "created.txt");
      boolean first = created.createNewFile(), second = created.createNewFile();
      c.check(first && !second, "create-exclusive", "first=" + first + " second=" + second);
    } catch (IOException e) {
      c.check(false, "create-exclusive", e.toString());
    }
    File renamed = new File(root, "renamed.txt");
    boolean moved = written.renameTo(renamed);
    c.check(moved && !written.exists() && renamed.exists(), "rename", "renameTo=" + moved + " old-gone=" + !written.exists() + " new-there=" + renamed.exists());
    File doomed = new File(root, "unlink-me.txt");
    boolean deleted = doomed.delete();
    c.check(deleted && !doomed.exists(), "unlink", "delete=" + deleted);
    c.exitOnFailure();
  }
}
