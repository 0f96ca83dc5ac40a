import { readFile } from 'node:fs/promises';

/** What a target demands of a built artifact, from matrix.yaml. */
export interface TargetSpec {
  kind: 'module' | 'component';
  /** A string the binary must contain, e.g. `@0.3.` for WASI 0.3 interfaces. */
  requires?: string;
  /** The WASI version (or snapshot) of the target's WIT. */
  wasi?: string;
  /** A folder holding that WIT (`wit/deps/`), when a fetched crate bundles it. */
  witDir?: string;
}

const MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);
const MODULE = Buffer.from([0x01, 0x00, 0x00, 0x00]);
const COMPONENT = Buffer.from([0x0d, 0x00, 0x01, 0x00]);

/** Reads the preamble: a core module and a component differ in their version/layer field. */
export function artifactKind(bytes: Uint8Array): 'module' | 'component' | 'not wasm' {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(8, bytes.length));
  if (b.length < 8 || !b.subarray(0, 4).equals(MAGIC)) return 'not wasm';
  if (b.subarray(4, 8).equals(MODULE)) return 'module';
  if (b.subarray(4, 8).equals(COMPONENT)) return 'component';
  return 'not wasm';
}

/**
 * A toolchain's word that it built "p3" is not enough: the artifact itself must be
 * of the target's kind and name its interfaces. Returns why not, or null.
 */
export async function checkArtifact(path: string, target: string, spec: TargetSpec): Promise<string | null> {
  const bytes = await readFile(path);
  const kind = artifactKind(bytes);
  if (kind !== spec.kind) return `target ${target} wants a ${spec.kind}, the toolchain produced ${kind === 'not wasm' ? 'no wasm binary' : `a ${kind}`}`;
  if (spec.requires && !bytes.includes(Buffer.from(spec.requires))) {
    return `target ${target} wants interfaces ${spec.requires}*; the artifact names none (it is an older WASI world)`;
  }
  return null;
}
