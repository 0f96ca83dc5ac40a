// Receives the arguments declared by suites/cli/args.yaml and compares them (the stdlib has no
// argv: wasi.kt reads it through wasi_snapshot_preview1).
fun main() {
    val a = wasiArgs()
    val at = { i: Int -> a.getOrElse(i) { "(none)" } }
    check(a.size == 4, "argc") { "argc=${a.size}, want 4" }
    check(a.isNotEmpty() && a[0] != "", "argv0-present") { "argv[0] empty" }
    check(at(1) == "alpha", "argv-plain") { "argv[1]=${at(1)}" }
    check(at(2) == "beta gamma", "argv-space") { "argv[2]=${at(2)}" }
    check(at(3) == "ünicøde", "argv-utf8") { "argv[3]=${at(3)}" }
    finish()
}
