// Sub-check reporting for Kotlin guests: one TAP-like line per check on stdout.
private var failures = 0

fun check(ok: Boolean, name: String, detail: () -> String = { "" }) {
    if (ok) println("ok $name") else {
        failures++
        println("not ok $name # ${detail()}")
    }
}

/** Ends the program with 0 when every check passed, else 1. */
fun finish(): Nothing = wasiExit(if (failures == 0) 0 else 1)
