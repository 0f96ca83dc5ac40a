// Exits with the status given as its first argument.
public final class Exit {
  public static void main(String[] args) {
    Check c = new Check();
    c.check(args.length == 1, "exit-arg", "argc=" + (args.length + 1));
    System.exit(args.length == 1 ? Integer.parseInt(args[0]) : 99);
  }
}
