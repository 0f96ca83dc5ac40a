@file:OptIn(kotlin.wasm.unsafe.UnsafeWasmMemoryApi::class, kotlin.wasm.ExperimentalWasmInterop::class)
// Minimal WASI preview1 bindings for things the Kotlin/Wasm WASI stdlib does not expose
// (it only imports fd_write, clock_time_get and random_get). Shared by the guest programs.

import kotlin.wasm.WasmImport
import kotlin.wasm.unsafe.Pointer
import kotlin.wasm.unsafe.withScopedMemoryAllocator

@WasmImport("wasi_snapshot_preview1", "args_sizes_get")
private external fun wasiArgsSizesGet(argc: Int, bufSize: Int): Int

@WasmImport("wasi_snapshot_preview1", "args_get")
private external fun wasiArgsGet(argv: Int, buf: Int): Int

@WasmImport("wasi_snapshot_preview1", "environ_sizes_get")
private external fun wasiEnvironSizesGet(count: Int, bufSize: Int): Int

@WasmImport("wasi_snapshot_preview1", "environ_get")
private external fun wasiEnvironGet(env: Int, buf: Int): Int

@WasmImport("wasi_snapshot_preview1", "proc_exit")
private external fun wasiProcExit(code: Int)

private fun readCString(p: Pointer): String {
    var len = 0
    while ((p + len).loadByte() != 0.toByte()) len++
    val bytes = ByteArray(len) { (p + it).loadByte() }
    return bytes.decodeToString()
}

private fun readStringList(sizes: (Int, Int) -> Int, get: (Int, Int) -> Int): List<String> =
    withScopedMemoryAllocator { alloc ->
        val countP = alloc.allocate(4)
        val sizeP = alloc.allocate(4)
        check(sizes(countP.address.toInt(), sizeP.address.toInt()) == 0) { "sizes_get failed" }
        val count = countP.loadInt()
        val bufSize = sizeP.loadInt()
        val ptrs = alloc.allocate(4 * count + 4)
        val buf = alloc.allocate(bufSize + 1)
        check(get(ptrs.address.toInt(), buf.address.toInt()) == 0) { "get failed" }
        List(count) { i -> readCString(Pointer((ptrs + 4 * i).loadInt().toUInt())) }
    }

fun wasiArgs(): List<String> = readStringList(::wasiArgsSizesGet, ::wasiArgsGet)

fun wasiEnv(): Map<String, String> =
    readStringList(::wasiEnvironSizesGet, ::wasiEnvironGet).associate {
        val i = it.indexOf('=')
        if (i < 0) it to "" else it.substring(0, i) to it.substring(i + 1)
    }

fun wasiExit(code: Int): Nothing {
    wasiProcExit(code)
    throw IllegalStateException("unreachable")
}
