import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node, type Pair } from 'yaml';
import type { z } from 'zod';

export interface Problem {
  file: string;
  line: number;
  column: number;
  /** Dotted key path at fault, e.g. `runtimes.2.range`. */
  key: string;
  message: string;
}

/** Bad input: carries every problem found, each located by file, line and key. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

export function formatProblem(p: Problem): string {
  const where = `${relative(process.cwd(), p.file) || p.file}:${p.line}:${p.column}`;
  return p.key ? `${where}: \`${p.key}\`: ${p.message}` : `${where}: ${p.message}`;
}

type Segment = string | number;

/** The deepest node along `path`; for a map entry, its key (where a reader looks). */
function locate(root: unknown, path: Segment[]): Node | undefined {
  let node = root as Node | undefined;
  let found = node;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p: Pair) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      found = (pair.key as Node) ?? found;
      node = pair.value as Node | undefined;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as Node | undefined;
      if (!item) break;
      found = item;
      node = item;
    } else break;
  }
  return found;
}

/** Our inputs are a few kilobytes; a cap keeps a hostile or generated file from stalling the loader. */
export const MAX_INPUT_BYTES = 4 << 20;

/** Every key repeated within one mapping, in one pass (the parser's own check is quadratic per map). */
function duplicateKeys(doc: Document, lines: LineCounter, file: string): Problem[] {
  const problems: Problem[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          const pos = pair.key.range ? lines.linePos(pair.key.range[0]) : { line: 1, col: 1 };
          problems.push({ file, line: pos.line, column: pos.col, key, message: `duplicate key "${key}"` });
        }
        seen.add(key);
      }
    },
  });
  return problems;
}

/** The document as plain data; an alias expansion past the parser's limit is a located problem, not a throw. */
function toData(doc: Document, lines: LineCounter, file: string): unknown {
  try {
    return doc.toJS() ?? {};
  } catch (e) {
    let first: Node | undefined;
    visit(doc, { Alias(_, a) { first = a; return visit.BREAK; } });
    const pos = first?.range ? lines.linePos(first.range[0]) : { line: 1, col: 1 };
    throw new InputError([{ file, line: pos.line, column: pos.col, key: '', message: (e as Error).message }]);
  }
}

/** Parse YAML text and validate it; throws InputError with located problems. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  if (text.length > MAX_INPUT_BYTES) {
    throw new InputError([{ file, line: 1, column: 1, key: '', message: `${text.length} characters, over the ${MAX_INPUT_BYTES >> 20} MiB limit for input files` }]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  if (doc.errors.length > 0) {
    throw new InputError(
      doc.errors.map((e) => ({
        file,
        line: e.linePos?.[0].line ?? 1,
        column: e.linePos?.[0].col ?? 1,
        key: '',
        message: e.message.split('\n')[0] ?? e.message,
      })),
    );
  }
  const dups = duplicateKeys(doc, lines, file);
  if (dups.length) throw new InputError(dups);
  const parsed = schema.safeParse(toData(doc, lines, file));
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue): Problem => {
    const path = issue.path.filter((s): s is Segment => typeof s !== 'symbol');
    const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const full = keys.length ? [...path, keys[0] as string] : path;
    const node = locate(doc.contents, full);
    const pos = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
    return { file, line: pos.line, column: pos.col, key: full.join('.'), message: issue.message };
  });
  throw new InputError(problems);
}

/** Where a key path sits in a YAML file (for problems found after loading), or line 1. */
export function positionOf(file: string, path: Segment[]): { line: number; column: number } {
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, uniqueKeys: false });
  const node = locate(doc.contents, path);
  const pos = node?.range ? lines.linePos(node.range[0]) : { line: 1, col: 1 };
  return { line: pos.line, column: pos.col };
}

export function loadYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  const fail = (message: string) => new InputError([{ file, line: 1, column: 1, key: '', message }]);
  let text: string;
  try {
    const bytes = statSync(file).size;
    if (bytes > MAX_INPUT_BYTES) throw fail(`${bytes} bytes, over the ${MAX_INPUT_BYTES >> 20} MiB limit for input files`);
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw e instanceof InputError ? e : fail(`cannot read: ${(e as Error).message}`);
  }
  return parseYaml(file, text, schema);
}
