import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { sha256 } from './hash.ts';
import { recipeFiles } from './recipe.ts';
import type { Result } from './types.ts';

/**
 * What a cell's result was made from, as content hashes of the repository's files, so that a report can
 * tell a result that still describes HEAD from a stale one without running anything. The same functions
 * hash at run time (recorded in the result) and at report time (recomputed from the working tree).
 *
 * - case: the case file;
 * - guest: the guest's sources as its build recorded them (path in the repository → content);
 * - toolchain: the language's matrix.yaml entry, and guests/<language>/toolchain.ts with the files it imports;
 * - runtime: the runtime's matrix.yaml entry (its host's too), and its folder less its expectations;
 * - matrix: matrix.yaml's defaults and the cell's target.
 * The harness (src/ outside the views) is one hash per run, in its provenance.
 */
export type Inputs = Record<InputName, string>;
export const INPUT_NAMES = ['case', 'guest', 'toolchain', 'runtime', 'matrix'] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/** Views and the history store read results; they do not shape them. */
const NOT_HARNESS = [join('src', 'report'), join('src', 'store')];

type Hashable = Pick<Result, 'suite' | 'case' | 'language' | 'runtime' | 'target'> & { build?: { sources: { path: string }[] } | undefined };

export class InputHasher {
  private readonly files = new Map<string, string>();
  private matrixDoc: Record<string, unknown> | undefined;
  private harnessSha: string | undefined;
  private readonly memo = new Map<string, string>();

  constructor(readonly root: string) {}

  /** A file's content hash by path in the repository; '' when it is gone. */
  file(rel: string): string {
    let h = this.files.get(rel);
    if (h === undefined) {
      const abs = join(this.root, rel);
      h = existsSync(abs) && statSync(abs).isFile() ? sha256(readFileSync(abs)) : '';
      this.files.set(rel, h);
    }
    return h;
  }

  private matrix(): Record<string, unknown> {
    this.matrixDoc ??= (parse(readFileSync(join(this.root, 'matrix.yaml'), 'utf8')) ?? {}) as Record<string, unknown>;
    return this.matrixDoc;
  }

  private files_(dir: string, skip: (rel: string) => boolean = () => false): string[] {
    const abs = join(this.root, dir);
    if (!existsSync(abs)) return [];
    return (readdirSync(abs, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
      .filter((d) => d.isFile())
      .map((d) => relative(this.root, join(d.parentPath, d.name)))
      .filter((rel) => !skip(rel))
      .sort();
  }

  private digest(parts: unknown): string {
    return sha256(JSON.stringify(parts));
  }

  /** src/ outside the views: the verdict, the driver, the run-file format. */
  harness(): string {
    this.harnessSha ??= this.digest(this.files_('src', (rel) => NOT_HARNESS.some((d) => rel.startsWith(`${d}/`))).map((f) => [f, this.file(f)]));
    return this.harnessSha;
  }

  private entry(list: string, field: string, id: string): unknown {
    const items = this.matrix()[list];
    return Array.isArray(items) ? (items as Record<string, unknown>[]).find((e) => e[field] === id) ?? null : null;
  }

  private once(key: string, make: () => string): string {
    let h = this.memo.get(key);
    if (h === undefined) this.memo.set(key, (h = make()));
    return h;
  }

  of(r: Hashable): Inputs {
    const m = this.matrix();
    const guest = (r.build?.sources ?? []).filter((s) => !s.path.startsWith('(generated)')).map((s) => s.path).sort();
    return {
      case: this.file(join('suites', r.suite, `${r.case}.yaml`)),
      guest: this.digest(guest.map((p) => [p, this.file(p)])),
      toolchain: this.once(`toolchain\0${r.language}`, () =>
        this.digest([this.entry('toolchains', 'language', r.language), recipeFiles(this.root, r.language).map((f) => [f, this.file(f)])])),
      runtime: this.once(`runtime\0${r.runtime}`, () => {
        const runtime = this.entry('runtimes', 'id', r.runtime) as { hostedBy?: string } | null;
        const hosts = (m.hosts ?? {}) as Record<string, unknown>;
        return this.digest([
          runtime,
          runtime?.hostedBy ? hosts[runtime.hostedBy] ?? null : null,
          this.files_(join('runtimes', r.runtime), (rel) => rel.endsWith('/expectations.yaml')).map((f) => [f, this.file(f)]),
        ]);
      }),
      matrix: this.once(`matrix\0${r.target}`, () => this.digest([m.defaults ?? null, ((m.targets ?? {}) as Record<string, unknown>)[r.target] ?? null])),
    };
  }
}

const WHAT: Record<InputName, string> = {
  case: 'case file changed',
  guest: 'guest source changed',
  toolchain: 'toolchain changed',
  runtime: 'runtime changed',
  matrix: 'matrix.yaml defaults or target changed',
};

/**
 * Why a result no longer describes the working tree (empty: it still does). `harness` is the run's
 * recorded harness hash.
 */
export function staleness(h: InputHasher, r: Result & { inputs?: Inputs }, harness: string | undefined): string[] {
  if (!r.inputs || !harness) return ['recorded before results named their inputs'];
  const why: string[] = [];
  if (harness !== h.harness()) why.push('harness changed: src/');
  const now = h.of(r);
  for (const name of INPUT_NAMES) {
    if (r.inputs[name] === now[name]) continue;
    if (name === 'guest') {
      const changed = (r.build?.sources ?? []).filter((s) => !s.path.startsWith('(generated)') && h.file(s.path) !== s.sha256).map((s) => s.path);
      why.push(changed.length ? `${WHAT.guest} (${changed.join(', ')})` : WHAT.guest);
    } else why.push(WHAT[name]);
  }
  return why;
}
