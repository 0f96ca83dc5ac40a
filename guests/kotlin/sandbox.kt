@file:OptIn(kotlin.wasm.unsafe.UnsafeWasmMemoryApi::class, kotlin.wasm.ExperimentalWasmInterop::class)
// Escapes from the preopened directory (argv[1]), made with raw WASI p1 calls (the stdlib has no
// file API at all), so they reach the runtime. The fixture puts outside/secret.txt beside the
// preopened sandbox/, and sandbox/link-out -> ../outside. An escape passes only on a refusal
// errno: the target exists on the host, so a missing file (ENOENT) proves nothing.

import kotlin.wasm.WasmImport
import kotlin.wasm.unsafe.MemoryAllocator
import kotlin.wasm.unsafe.Pointer
import kotlin.wasm.unsafe.withScopedMemoryAllocator

@WasmImport("wasi_snapshot_preview1", "fd_prestat_get")
private external fun fdPrestatGet(fd: Int, out: Int): Int

@WasmImport("wasi_snapshot_preview1", "fd_prestat_dir_name")
private external fun fdPrestatDirName(fd: Int, path: Int, len: Int): Int

@WasmImport("wasi_snapshot_preview1", "path_open")
private external fun pathOpen(fd: Int, dirflags: Int, path: Int, len: Int, oflags: Int, base: Long, inheriting: Long, fdflags: Int, out: Int): Int

@WasmImport("wasi_snapshot_preview1", "fd_read")
private external fun fdRead(fd: Int, iovs: Int, n: Int, nread: Int): Int

@WasmImport("wasi_snapshot_preview1", "fd_close")
private external fun fdClose(fd: Int): Int

/** Refusals that say "this path leaves the sandbox": ACCES, PERM, NOTCAPABLE. */
private val REFUSED = setOf(2, 63, 76)
private val ERRNO = mapOf(2 to "ACCES", 8 to "BADF", 28 to "INVAL", 32 to "LOOP", 44 to "NOENT", 54 to "NOTDIR", 63 to "PERM", 76 to "NOTCAPABLE")

private fun errnoName(e: Int) = "errno $e (${ERRNO[e] ?: "other"})"

private fun MemoryAllocator.bytes(b: ByteArray): Pointer {
    val p = allocate(b.size + 1)
    b.forEachIndexed { i, x -> (p + i).storeByte(x) }
    return p
}

/** Every preopened directory: fd and guest path without a trailing slash ("/" stays "/"). */
private fun preopens(): List<Pair<Int, String>> = withScopedMemoryAllocator { alloc ->
    val out = mutableListOf<Pair<Int, String>>()
    val ps = alloc.allocate(8)
    var fd = 3
    while (fdPrestatGet(fd, ps.address.toInt()) == 0) {
        val len = (ps + 4).loadInt()
        val name = alloc.allocate(len + 1)
        if (ps.loadByte() == 0.toByte() && fdPrestatDirName(fd, name.address.toInt(), len) == 0) {
            val s = ByteArray(len) { (name + it).loadByte() }.decodeToString().trimEnd('/')
            out.add(fd to s.ifEmpty { "/" })
        }
        fd++
    }
    out
}

/** The preopen a path falls under (longest prefix, as libc picks it) and the rest, `..` left in. */
private fun preopenFor(path: String): Pair<Int, String>? {
    var best: Pair<Int, Int>? = null
    for ((fd, name) in preopens()) {
        val len = if (name == "/") 0 else name.length
        val under = if (name == "/") path.startsWith("/") else path == name || path.startsWith("$name/")
        if (under && (best == null || len > best.second)) best = fd to len
    }
    return best?.let { (fd, len) -> fd to path.substring(len).trimStart('/').ifEmpty { "." } }
}

/** Opens rel under dir for reading: what it read, or the errno. */
private fun openRead(dir: Int, rel: String): Result<String> = withScopedMemoryAllocator { alloc ->
    val path = rel.encodeToByteArray()
    val p = alloc.bytes(path)
    val fdOut = alloc.allocate(4)
    val e = pathOpen(dir, 1, p.address.toInt(), path.size, 0, 1L shl 1, 0L, 0, fdOut.address.toInt())
    if (e != 0) return@withScopedMemoryAllocator Result.failure(WasiErrno(e))
    val fd = fdOut.loadInt()
    val buf = alloc.allocate(128)
    val iov = alloc.allocate(8)
    iov.storeInt(buf.address.toInt())
    (iov + 4).storeInt(128)
    val n = alloc.allocate(4)
    val r = fdRead(fd, iov.address.toInt(), 1, n.address.toInt())
    fdClose(fd)
    Result.success(if (r == 0) ByteArray(n.loadInt()) { (buf + it).loadByte() }.decodeToString() else "")
}

private class WasiErrno(val errno: Int) : Exception(errnoName(errno))

private fun escape(name: String, dir: Int, rel: String) {
    val r = openRead(dir, rel)
    val e = (r.exceptionOrNull() as? WasiErrno)?.errno
    when {
        r.isSuccess -> check(false, name) { "path_open(fd $dir, \"$rel\") opened it and read ${r.getOrThrow().length} bytes: ${r.getOrThrow().take(40)}" }
        // The errno each runtime refuses with is worth recording, so it rides on the ok line.
        e in REFUSED -> println("ok $name # refused with ${errnoName(e!!)}")
        else -> check(false, name) { "path_open(fd $dir, \"$rel\") failed with ${errnoName(e ?: -1)}, not a refusal" }
    }
}

private fun escapePath(name: String, path: String) {
    val at = preopenFor(path)
    if (at == null) check(false, name) { "no preopen holds $path" } else escape(name, at.first, at.second)
}

fun main() {
    val root = wasiArgs()[1]
    val inside = preopenFor("$root/inside.txt")
    val read = inside?.let { openRead(it.first, it.second) }
    check(read?.getOrNull() == "inside\n", "inside-opens") { "$inside ${read?.exceptionOrNull()?.message}" }
    escapePath("escape-dotdot", "$root/../outside/secret.txt")
    escapePath("escape-symlink", "$root/link-out/secret.txt")
    // An absolute path handed to path_open, which takes only relative ones.
    if (inside == null) check(false, "escape-absolute") { "no preopen holds $root" } else escape("escape-absolute", inside.first, "/etc/passwd")
    finish()
}
