/**
 * Per-check sub-seeds: derived from the root seed and the check id, so filtering checks never changes the values
 * a check draws. Hashes are FNV-1a: tiny, stable across platforms and versions.
 */
import { createHash } from 'node:crypto';

/** A 32-bit signed seed for one check, from the root seed and the check id. */
export function subSeed(rootSeed: number, checkId: string): number {
  let h = 0x811c9dc5 ^ (rootSeed | 0);
  for (const ch of `${rootSeed}:${checkId}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/** A fresh root seed when the user gives none. */
export function randomSeed(): number {
  return (Math.random() * 0x7fffffff) | 0;
}

/** Stable short hash of an event (its JSON), the failure store's key with the check id. */
export function eventHash(event: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([event]))
    .digest('hex')
    .slice(0, 12);
}
