import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { cacheDir, ROOT } from '../../src/paths.ts';
import type { NativeBuild } from '../../src/perf-plugins.ts';

// TinyGo's linux target compiles musl from TINYGOROOT/lib/musl, which our build (guests/tinygo/provision:
// the wasm targets only) leaves out. Debian's musl source package supplies it: fetched once into the
// cache through a private deb-src list (as the provisioning script fetches wasi-libc's), and laid
// beside the provisioned TinyGo in a root of links, so the provisioned tree is not touched.
const RELEASE = 'trixie';

/** Debian's musl source, unpacked once into the cache; returns its folder and version. */
async function muslSource(): Promise<{ dir: string; version: string }> {
  const base = join(cacheDir(), 'tinygo-native');
  const have = existsSync(base) ? readdirSync(base).find((d) => /^musl-[\d.]+$/.test(d)) : undefined;
  if (have) return { dir: join(base, have), version: have.slice('musl-'.length) };
  const apt = join(base, 'apt-src');
  mkdirSync(join(apt, 'lists', 'partial'), { recursive: true });
  mkdirSync(join(apt, 'dl'), { recursive: true });
  const list = join(apt, 'sources.list');
  writeFileSync(list, `deb-src http://deb.debian.org/debian ${RELEASE} main\n`);
  const opts = ['-o', `Dir::Etc::SourceList=${list}`, '-o', 'Dir::Etc::SourceParts=/nonexistent', '-o', `Dir::State::Lists=${join(apt, 'lists')}`, '-o', 'APT::Sandbox::User=root'];
  await execa('apt-get', [...opts, 'update', '-qq']);
  await execa('apt-get', [...opts, 'source', '--download-only', 'musl'], { cwd: join(apt, 'dl') });
  const orig = readdirSync(join(apt, 'dl')).find((f) => /^musl_[\d.]+\.orig\.tar\.\w+$/.test(f));
  if (!orig) throw new Error(`no musl source in Debian ${RELEASE}`);
  const version = orig.split('_')[1]!.replace(/\.orig\..*$/, '');
  const dir = join(base, `musl-${version}`);
  const tmp = `${dir}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await execa('tar', ['-xf', join(apt, 'dl', orig), '-C', tmp, '--strip-components=1']);
  renameSync(tmp, dir);
  return { dir, version };
}

/** A TINYGOROOT of links to the provisioned one, with lib/musl added. */
function rootWithMusl(tinygoRoot: string, musl: string, tmpDir: string): string {
  const root = join(tmpDir, 'tinygoroot');
  // Every guest of one bench builds in the same folder: the root made for the first serves the rest.
  if (existsSync(root)) return root;
  mkdirSync(join(root, 'lib'), { recursive: true });
  for (const e of readdirSync(tinygoRoot)) if (e !== 'lib') symlinkSync(join(tinygoRoot, e), join(root, e));
  for (const e of readdirSync(join(tinygoRoot, 'lib'))) symlinkSync(join(tinygoRoot, 'lib', e), join(root, 'lib', e));
  symlinkSync(musl, join(root, 'lib', 'musl'));
  return root;
}

// The wasm builds' optimisation level and garbage collector (targets/wasip1.json: "gc": "precise"), for the host.
const native: NativeBuild = {
  async build(guest, out, tmpDir, where) {
    if (!where.binary) throw new Error(where.missing ?? 'tinygo is not installed');
    const musl = await muslSource();
    const root = rootWithMusl(dirname(dirname(where.binary)), musl.dir, tmpDir);
    const argv = [where.binary, 'build', '-opt=2', '-no-debug', '-gc=precise', '-o', out, `./${guest}`];
    const env = { TINYGOROOT: root, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
    await execa(argv[0]!, argv.slice(1), { cwd: join(ROOT, 'guests', 'go'), env });
    return { version: `${(await execa(where.binary, ['version'], { env })).stdout.trim()} (host, musl ${musl.version} from Debian ${RELEASE})`, argv };
  },
};

export default native;
