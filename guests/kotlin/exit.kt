// Exits with the status given as its first argument.
fun main() {
    val a = wasiArgs()
    check(a.size == 2, "exit-arg") { "argc=${a.size}" }
    wasiExit(a.getOrNull(1)?.toIntOrNull() ?: 99)
}
