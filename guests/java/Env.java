// Sees exactly the environment declared by suites/cli/env.yaml, nothing from the host.
import java.util.Map;

public final class Env {
  public static void main(String[] args) {
    Check c = new Check();
    Map<String, String> env = System.getenv();
    String a = env.get("WASI_MATRIX_A");
    String u = env.get("WASI_MATRIX_UTF8");
    c.check("one".equals(a), "env-set", "WASI_MATRIX_A=" + a);
    c.check("gr\u00fc\u00df".equals(u), "env-utf8", "WASI_MATRIX_UTF8=" + u);
    String extra = env.keySet().stream().filter(k -> !k.equals("WASI_MATRIX_A") && !k.equals("WASI_MATRIX_UTF8")).findFirst().orElse(null);
    c.check(extra == null, "env-no-leak", env.size() + " variables, first undeclared: " + extra);
    c.exitOnFailure();
  }
}
