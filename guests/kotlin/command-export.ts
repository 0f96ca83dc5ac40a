/**
 * Kotlin/Wasm's wasi target emits a WASI reactor: it exports `memory` and `_initialize`, and
 * `_initialize` runs `main`. Hosts that start commands (node:wasi's `start()`, wasmer) look for
 * `_start`, so the export is renamed; the code is untouched. Returns the new module bytes.
 */
export function reactorAsCommand(wasm: Uint8Array): Uint8Array<ArrayBuffer> {
  const leb = (at: number): [number, number] => {
    let value = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = wasm[at++]!;
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return [value >>> 0, at];
  };
  const enc = (n: number): number[] => {
    const out: number[] = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return out;
  };
  const parts: Uint8Array[] = [wasm.subarray(0, 8)];
  let at = 8;
  let renamed = false;
  while (at < wasm.length) {
    const id = wasm[at]!;
    const [size, body] = leb(at + 1);
    const end = body + size;
    if (id !== 7) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    let p: number;
    let count: number;
    [count, p] = leb(body);
    const entries: number[] = enc(count);
    for (let i = 0; i < count; i++) {
      let len: number;
      [len, p] = leb(p);
      let name = new TextDecoder().decode(wasm.subarray(p, p + len));
      p += len;
      const kind = wasm[p++]!;
      const indexAt = p;
      [, p] = leb(p);
      if (name === '_start') throw new Error('the module already exports _start');
      if (name === '_initialize' && kind === 0) {
        name = '_start';
        renamed = true;
      }
      const bytes = new TextEncoder().encode(name);
      entries.push(...enc(bytes.length), ...bytes, kind, ...wasm.subarray(indexAt, p));
    }
    parts.push(new Uint8Array([7, ...enc(entries.length), ...entries]));
    at = end;
  }
  if (!renamed) throw new Error('no _initialize function export to rename');
  const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of parts) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}
