/**
 * Multi-device sync sessions for stateful tests (CONTRACT.md §2 retries, §4 SyncCount, conflicts, tombstones).
 * A session is abstract: devices, a small key universe and steps. The SyncCounts a device sends depend on what the
 * service answered before, so they are computed while the session runs, by the model's session interpreter
 * (`sessionRunner`), whose device stores keep them as the AWS clients do.
 */
import fc from 'fast-check';
import type { SessionPatch, SessionRetry, SessionStep, SyncSession } from '../model/index.ts';
import { boolField, constraintsObject, intField } from './_internal/constraints.ts';
import { datasetName } from './datasetName.ts';
import { identity } from './identity.ts';
import { recordKey } from './recordKey.ts';
import { recordValue } from './recordValue.ts';

export type { SessionPatch, SessionRetry, SessionStep, SyncSession } from '../model/index.ts';

/** Constraints of {@link syncSession}. */
export interface SyncSessionConstraints {
  /** Most devices (at least 1). @defaultValue 3 */
  readonly maxDevices?: number;
  /** Most steps. @defaultValue 12 */
  readonly maxSteps?: number;
  /** Size of the key universe; few keys make devices collide. @defaultValue 4 */
  readonly maxKeys?: number;
  /** Let devices update without listing first, so some are stale and conflict. @defaultValue true */
  readonly stale?: boolean;
  /** Include throttle retries and resends after success. @defaultValue true */
  readonly retries?: boolean;
  /** Only keys the JS SDK can send. @defaultValue false */
  readonly sdkSafeKeys?: boolean;
}

/**
 * A multi-device session: devices listing and updating a few shared keys, some updating without listing first
 * (stale, conflicting), some retrying the same request. Run it with the model's `runSessionSteps` against the model or a target.
 * Shrinks toward fewer steps, devices and keys.
 * @param constraints - see {@link SyncSessionConstraints}
 * @example
 * await fc.assert(fc.asyncProperty(syncSession(), async (s) => {
 *   const run = await runSessionSteps(s, modelService(s.identity, s.datasetName, trigger));
 *   return run.log.every((e) => e.result?.ok !== false);
 * }));
 */
export function syncSession(constraints: SyncSessionConstraints = {}): fc.Arbitrary<SyncSession> {
  const c = constraintsObject('syncSession', constraints);
  const maxDevices = intField('syncSession', 'maxDevices', c.maxDevices, 3, 1, 16);
  const maxSteps = intField('syncSession', 'maxSteps', c.maxSteps, 12, 1, 200);
  const maxKeys = intField('syncSession', 'maxKeys', c.maxKeys, 4, 1, 64);
  const stale = boolField('syncSession', 'stale', c.stale, true);
  const retries = boolField('syncSession', 'retries', c.retries, true);
  const sdkSafe = boolField('syncSession', 'sdkSafeKeys', c.sdkSafeKeys, false);
  const keys = fc.uniqueArray(recordKey({ sdkSafe, maxLength: 64 }), { minLength: 1, maxLength: maxKeys });
  const patch = fc.record({
    key: fc.nat({ max: maxKeys - 1 }),
    op: fc.oneof({ withCrossShrink: true }, fc.constant<'replace'>('replace'), fc.constant<'remove'>('remove')),
    value: recordValue({ maxLength: 64 }),
  });
  const retry: fc.Arbitrary<SessionRetry> = retries
    ? fc.oneof(
        { withCrossShrink: true },
        { arbitrary: fc.constant<SessionRetry>('none'), weight: 6 },
        { arbitrary: fc.constant<SessionRetry>('throttled'), weight: 1 },
        { arbitrary: fc.constant<SessionRetry>('after-success'), weight: 1 },
      )
    : fc.constant<SessionRetry>('none');
  const device = fc.nat({ max: maxDevices - 1 });
  const update = fc.record({
    kind: fc.constant<'update'>('update'),
    device,
    syncFirst: stale ? fc.boolean() : fc.constant(true),
    patches: fc.uniqueArray(patch, { selector: (p) => p.key, minLength: 0, maxLength: maxKeys }),
    retry,
  });
  const list = fc.record({ kind: fc.constant<'list'>('list'), device });
  const step: fc.Arbitrary<SessionStep> = fc.oneof(
    { withCrossShrink: true },
    { arbitrary: update, weight: 3 },
    { arbitrary: list, weight: 1 },
  );
  return fc
    .record({
      identity: identity(),
      datasetName: datasetName(),
      keys,
      steps: fc.array(step, { minLength: 1, maxLength: maxSteps }),
    })
    .map(({ keys: ks, steps, ...rest }) => ({
      ...rest,
      keys: ks,
      // Key indexes are drawn against the largest universe; fold them onto the keys drawn.
      steps: steps.map((s) => (s.kind === 'update' ? { ...s, patches: foldKeys(s.patches, ks.length) } : s)),
      devices: 1 + Math.max(0, ...steps.map((s) => s.device)),
    }));
}

/** Folds key indexes onto `n` keys, keeping one patch per key (the first). */
function foldKeys(patches: readonly SessionPatch[], n: number): SessionPatch[] {
  const seen = new Set<number>();
  const out: SessionPatch[] = [];
  for (const p of patches) {
    const key = p.key % n;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...p, key });
  }
  return out;
}
