import { execa } from 'execa';
import type { Located } from './types.ts';

export interface JsHost {
  binary: string;
  version: string;
}

const checked = new Map<string, Promise<JsHost>>();

/**
 * The Node a JS-hosted runtime runs on: the column's own version (matrix.yaml `hosts:`), or the
 * harness's Node. A host from the cache must start and name the version it was fetched as (its smoke test).
 */
export function jsHost(where: Located): Promise<JsHost> {
  if (!where.host) return Promise.resolve({ binary: process.execPath, version: process.versions.node });
  const { binary, version } = where.host;
  let p = checked.get(binary);
  if (!p) {
    p = execa(binary, ['-p', 'process.versions.node'], { env: {}, extendEnv: false, timeout: 30_000 }).then((r) => {
      const said = r.stdout.trim();
      if (said !== version) throw new Error(`${binary} says it is Node ${said}, fetched as ${version}`);
      return { binary, version };
    });
    checked.set(binary, p);
  }
  return p;
}

/** `1.35.0+node22.23.3`: a hosted runtime's version names the host it ran on (semver build metadata). */
export const hostedVersion = (own: string, host: JsHost) => `${own}+node${host.version}`;
