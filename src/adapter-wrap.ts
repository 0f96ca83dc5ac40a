import { npmTool } from './npm-bin.ts';
import type { BuildContext } from './types.ts';

/** The p1→p2 route every core-module toolchain can take: wrap with jco's preview1 command adapter. */
export function adapterTool(): string {
  const jco = npmTool('@bytecodealliance/jco');
  return 'missing' in jco ? 'jco (missing)' : `jco@${jco.version} new --wasi-command`;
}

export async function wrapAsCommand(ctx: BuildContext, core: string, out: string): Promise<void> {
  const jco = npmTool('@bytecodealliance/jco');
  if ('missing' in jco) throw new Error(jco.missing);
  await ctx.exec(process.execPath, [jco.script, 'new', core, '--wasi-command', '-o', out]);
}
