import semver from 'semver';
import { runtimeMatches } from './filters.ts';
import { notInProfile, type Matrix, type Profile } from './matrix.ts';
import { loadAdapter, loadToolchain } from './plugins.ts';
import { provisionFailure } from './provision-failure.ts';
import { stepFor } from './provision.ts';
import { locate } from './sources.ts';
import type { Detection, Located, RuntimeAdapter, RuntimeInstance, Source, Toolchain } from './types.ts';

export interface RuntimeEntry {
  instance: RuntimeInstance;
  adapter: RuntimeAdapter;
  located: Located;
  detection: Detection;
}

export interface ToolchainEntry {
  toolchain: Toolchain;
  located: Located;
  detection: Detection;
  /** Targets built by another version of the toolchain (matrix.yaml `versionFor`), located and detected apart. */
  byTarget?: Record<string, { located: Located; detection: Detection }>;
}

/** Holds a found version against the range matrix.yaml pins for it. */
export function withinRange(d: Detection, range: string | undefined): Detection {
  if (!d.available || !range) return d;
  const v = semver.coerce(d.version);
  if (v && semver.satisfies(v, range)) return d;
  return { available: false, reason: `found ${d.version}, matrix.yaml wants ${range}`, hint: 'run `npm run provision`' };
}

/** A missing tool whose provisioning step failed (recorded beside its log) says so, rather than "not installed". */
function orProvisionFailure(d: Detection, sources: Source[]): Detection {
  if (d.available) return d;
  const failure = sources.map((s) => stepFor(s)).map((step) => step && provisionFailure(step.name)).find((f) => f);
  return failure ? { available: false, reason: `provisioning failed: ${failure.line}`, hint: `read ${failure.log}, then \`npm run provision\`` } : d;
}

/** Every runtime column and toolchain of the matrix, detected on this machine. */
export async function inventory(root: string, m: Matrix, languages?: string[], profile: Profile = 'full', runtimes?: string[]) {
  const outside = (fullOnly: boolean | undefined): Detection | null => (fullOnly && profile !== 'full' ? { available: false, reason: notInProfile(profile) } : null);
  const toolchains = new Map<string, ToolchainEntry>();
  // No list: every toolchain; a list (maybe empty): those only.
  const wanted = m.toolchains.filter(({ language }) => !languages || languages.includes(language));
  const found = await Promise.all(
    wanted.map(async ({ language }) => {
      const toolchain = await loadToolchain(root, language);
      const extras = m.toolchainExtras[language] ?? [];
      const also = extras.map(locate);
      const located = { ...locate(m.toolchainSources[language]!), ...(also.length ? { also } : {}) };
      const fullOnly = m.toolchains.find((t) => t.language === language)?.fullOnly;
      const detection = outside(fullOnly) ?? orProvisionFailure(await toolchain.detect(located), [located.source, ...extras]);
      const byTarget = Object.fromEntries(await Promise.all(Object.entries(m.toolchainFor[language] ?? {}).map(async ([target, source]) => {
        const other = { ...locate(source), ...(also.length ? { also } : {}) };
        return [target, { located: other, detection: outside(fullOnly || m.targets[target]?.fullOnly) ?? orProvisionFailure(await toolchain.detect(other), [source, ...extras]) }] as const;
      })));
      return [language, { toolchain, located, detection, ...(Object.keys(byTarget).length ? { byTarget } : {}) }] as const;
    }),
  );
  for (const [language, entry] of found) toolchains.set(language, entry);
  const columns = new Map<string, RuntimeEntry>();
  // Only the columns a run asks for are detected: a filtered run starts at once.
  const wantedRuntimes = m.instances.filter((i) => !runtimes?.length || runtimes.some((f) => runtimeMatches(f, i.id, i.label)));
  const entries = await Promise.all(
    wantedRuntimes.map(async (instance) => {
      const adapter = await loadAdapter(root, instance.id);
      const host = instance.host && locate(instance.host.source);
      const located: Located = {
        ...locate(instance.source),
        ...(host?.binary ? { host: { name: instance.host!.name, binary: host.binary, version: host.version! } } : {}),
      };
      const detection = outside(instance.fullOnly) ?? orProvisionFailure(
        (host?.missing ? { available: false as const, reason: `${instance.host!.name} ${host.missing}` } : null) ?? withinRange(await adapter.detect(located), instance.range),
        [instance.source, ...(instance.host ? [instance.host.source] : [])],
      );
      return { instance, adapter, located, detection };
    }),
  );
  for (const e of entries) columns.set(e.instance.label, e);
  return { toolchains, runtimes: columns };
}
