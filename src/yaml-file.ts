import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
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

/** Parse YAML text and validate it; throws InputError with located problems. */
export function parseYaml<S extends z.ZodType>(file: string, text: string, schema: S): z.infer<S> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
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
  const parsed = schema.safeParse(doc.toJS() ?? {});
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

export function loadYaml<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError([{ file, line: 1, column: 1, key: '', message: `cannot read: ${(e as Error).message}` }]);
  }
  return parseYaml(file, text, schema);
}
