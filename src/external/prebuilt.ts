import { copyFile } from 'node:fs/promises';
import type { Toolchain } from '../types.ts';

/**
 * External suites ship their guests built: "building" one copies it into the content-addressed
 * cache, so the artifact check, hashing and provenance work as for our own guests.
 */
export const prebuilt: Toolchain = {
  language: 'prebuilt',
  targets: { p1: { ok: true }, p2: { ok: true }, p3: { ok: true } },
  detect: async () => ({ available: true, version: 'prebuilt' }),
  // For prebuilt cases the guest name is the artifact's absolute path.
  sources: async (guest) => [guest],
  flags: () => [],
  async build({ guest, out }) {
    await copyFile(guest, out);
    return { tools: [] };
  },
};
