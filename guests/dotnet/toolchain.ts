import { existsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectOnPath } from '../../src/path-tool.ts';
import { ROOT } from '../../src/paths.ts';
import type { Toolchain } from '../../src/types.ts';

const here = join(ROOT, 'guests', 'dotnet');

/** A project per guest: the wasi-experimental workload's `wasi-wasm` runtime, one Program.cs. */
const PROJECT = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net9.0</TargetFramework>
    <RuntimeIdentifier>wasi-wasm</RuntimeIdentifier>
    <WasmSingleFileBundle>true</WasmSingleFileBundle>
    <Nullable>enable</Nullable>
  </PropertyGroup>
</Project>
`;

const dotnet: Toolchain = {
  language: 'dotnet',
  targets: {
    p1: { ok: true },
    p2: { ok: false, reason: 'components need componentize-dotnet from an experimental NuGet feed, unreachable here', local: true },
    p3: { ok: false, reason: 'no WASI 0.3 route for .NET' },
  },

  detect: (where) =>
    detectOnPath(where, ['--version'], /^(\d+\.\d+\.\d+)/m, 'install the .NET SDK (https://dot.net), then `dotnet workload install wasi-experimental` (needs NuGet, unreachable here)'),

  async sources(guest) {
    const main = join(here, `${guest}.cs`);
    return existsSync(main) ? [main] : [];
  },

  flags() {
    return ['-c Release', 'RuntimeIdentifier=wasi-wasm', 'WasmSingleFileBundle=true'];
  },

  async build({ guest, out }, ctx) {
    await ctx.glue('guest.csproj', PROJECT);
    await copyFile(join(here, `${guest}.cs`), join(ctx.tmpDir, 'Program.cs'));
    await ctx.exec(ctx.where.binary ?? 'dotnet', ['build', '-c', 'Release', '-o', 'bin'], { cwd: ctx.tmpDir });
    await copyFile(join(ctx.tmpDir, 'bin', 'guest.wasm'), out);
    return { tools: ['dotnet', 'wasi-experimental workload'] };
  },
};

export default dotnet;
