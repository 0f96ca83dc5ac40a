// WasmGC from a language: the Kotlin compiler lowers classes, arrays, lists and maps to GC
// structs and arrays; the program churns through short-lived trees so the collector must run,
// then reads every value back and checks it against what arithmetic says it must be.
class Node(val id: Int, var left: Node? = null, var right: Node? = null) {
    val payload = IntArray(16) { it * id }
}

fun build(depth: Int, counter: IntArray): Node? {
    if (depth == 0) return null
    val n = Node(counter[0]++)
    n.left = build(depth - 1, counter)
    n.right = build(depth - 1, counter)
    return n
}

fun checksum(n: Node?): Long = if (n == null) 0 else n.id.toLong() + n.payload[15] + checksum(n.left) + checksum(n.right)

data class Point(val x: Int, val y: Int)

fun main() {
    // 50 trees of 4095 nodes, ids 0..4094 each: sum(id) + sum(15 * id) = 16 * 4094 * 4095 / 2 per tree.
    var total = 0L
    repeat(50) { total += checksum(build(12, intArrayOf(0))) }
    val want = 50L * 16 * 4094 * 4095 / 2
    check(total == want, "tree-checksum") { "got $total, want $want" }

    val points = ArrayList<Point>()
    for (i in 0 until 100_000) points.add(Point(i, i * 2))
    val byX = HashMap<Int, Point>()
    for (p in points) if (p.x % 1000 == 0) byX[p.x] = p
    check(points.size == 100_000 && byX.size == 100 && byX[77000] == Point(77000, 154000), "list-map") { "size ${points.size}, map ${byX.size}, ${byX[77000]}" }

    val joined = (0 until 1000).joinToString(",") { "s$it" }
    check(joined.length == 4889 && joined.endsWith("s999"), "strings") { "length ${joined.length}" }

    val caught = try {
        error("boom")
    } catch (e: IllegalStateException) {
        e.message
    }
    check(caught == "boom", "exception") { "caught $caught" }
    finish()
}
