// Sees exactly the environment declared by suites/cli/env.yaml and no other variable
// (the inherit-env control adds WASI_MATRIX_HOST_SENTINEL, so a name prefix would not do).
fun main() {
    val env = wasiEnv()
    check(env["WASI_MATRIX_A"] == "one", "env-set") { "WASI_MATRIX_A=${env["WASI_MATRIX_A"]}" }
    check(env["WASI_MATRIX_UTF8"] == "grüß", "env-utf8") { "WASI_MATRIX_UTF8=${env["WASI_MATRIX_UTF8"]}" }
    val extra = env.keys.firstOrNull { it != "WASI_MATRIX_A" && it != "WASI_MATRIX_UTF8" }
    check(extra == null, "env-no-leak") { "${env.size} variables, first undeclared: ${extra?.take(60)}" }
    finish()
}
