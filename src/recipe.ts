import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * A language's recipe: guests/<language>/toolchain.ts and what it imports from its own folder,
 * transitively (paths relative to root, sorted). Not the guests: their sources are inputs apart.
 */
export function recipeFiles(root: string, language: string): string[] {
  const dir = join('guests', language);
  const seen = new Set<string>();
  const visit = (rel: string) => {
    if (seen.has(rel) || !existsSync(join(root, rel))) return;
    seen.add(rel);
    const text = readFileSync(join(root, rel), 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const next = relative(root, resolve(root, dirname(rel), m[1]!));
      if (next.startsWith(`${dir}/`)) visit(next);
    }
  };
  visit(join(dir, 'toolchain.ts'));
  return [...seen].sort();
}
