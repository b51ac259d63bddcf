/**
 * Sessions of client steps for the `sessions/` checks (CONTRACT.md §2 retries, §4 conflicts): 2–4 devices editing
 * and deleting a few shared keys offline, syncing (some syncs throttled, some answers lost and resent, some with
 * another device syncing between a device's listing and its push), and a conflict policy. The device count and the
 * step array are drawn as such, so fast-check's shrinker drops steps and devices; device indexes are folded onto the
 * device count drawn.
 */
import fc from 'fast-check';
import type { ConflictPolicy, SessionStep, SyncFault, SyncSession } from '../model/index.ts';
import { constraintsObject, intField } from './_internal/constraints.ts';
import { datasetName } from './datasetName.ts';
import { identity } from './identity.ts';

/** Constraints of {@link clientSession}. */
export interface ClientSessionConstraints {
  /** Fewest devices (at least 2). @defaultValue 2 */
  readonly minDevices?: number;
  /** Most devices. @defaultValue 3 */
  readonly maxDevices?: number;
  /** Most steps. @defaultValue 8 */
  readonly maxSteps?: number;
  /** Record keys the devices edit (the handler's known keys come first); few keys make devices collide. */
  readonly keys?: readonly string[];
  /** The dataset name every session uses; drawn when absent. */
  readonly datasetName?: string;
  /**
   * Value arbitraries of the user's domain keys (the config's `values`): those keys come first, and every edit of
   * one draws its value from its arbitrary. No other device then syncs in between a device's listing and its push:
   * that device's edit would write a value outside them.
   */
  readonly values?: Readonly<Record<string, fc.Arbitrary<string>>>;
}

/** Keys devices edit when the handler's own are not known: short, SDK-safe, colliding often. */
const DEFAULT_KEYS = ['score', 'level', 'name'];
/** Keys every AWS client can send (the JS client's pattern). */
const SDK_KEY = /^[a-zA-Z0-9_.:-]{1,128}$/;

/**
 * A session of client steps, one edit at least among them.
 * @param constraints - see {@link ClientSessionConstraints}
 * @example
 * fc.sample(clientSession({ maxSteps: 6 }), 1)[0].steps // [{ kind: 'edit', device: 0, key: 1, value: 'a' }, …]
 */
export function clientSession(constraints: ClientSessionConstraints = {}): fc.Arbitrary<SyncSession> {
  const c = constraintsObject('clientSession', constraints);
  const minDevices = intField('clientSession', 'minDevices', c.minDevices, 2, 2, 4);
  const maxDevices = intField('clientSession', 'maxDevices', c.maxDevices, 3, minDevices, 4);
  const maxSteps = intField('clientSession', 'maxSteps', c.maxSteps, 8, 1, 64);
  const known = Array.isArray(c.keys)
    ? c.keys.filter((k): k is string => typeof k === 'string' && SDK_KEY.test(k))
    : [];
  const domain = domainValues(c.values);
  const keys = [...new Set([...Object.keys(domain).slice(0, 3), ...known.slice(0, 2), ...DEFAULT_KEYS])].slice(0, 3);
  const device = fc.nat({ max: maxDevices - 1 });
  const key = fc.nat({ max: keys.length - 1 });
  // Short values, a few of them repeated on purpose: equal values on two devices are not a conflict.
  const anyValue = fc.oneof(fc.constantFrom('1', '2', 'x'), fc.string({ unit: 'grapheme-ascii', maxLength: 6 }));
  const between = Object.keys(domain).length ? 0 : 1;
  // With domain keys, one value per key is drawn and the edit keeps its key's: the key and its value shrink apart.
  const edit: fc.Arbitrary<Extract<SessionStep, { kind: 'edit' }>> = between
    ? fc.record({ kind: fc.constant<'edit'>('edit'), device, key, value: anyValue })
    : fc
        .record({
          kind: fc.constant<'edit'>('edit'),
          device,
          key,
          values: fc.tuple(...keys.map((k) => domain[k] ?? anyValue)),
        })
        .map(({ values, ...e }) => ({ ...e, value: values[e.key] ?? '' }));
  const fault = fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.constant<SyncFault>('none'), weight: 4 },
    { arbitrary: fc.constant<SyncFault>('throttled'), weight: 1 },
    { arbitrary: fc.constant<SyncFault>('lost'), weight: 1 },
  );
  const step: fc.Arbitrary<SessionStep> = fc.oneof(
    { withCrossShrink: true },
    { arbitrary: fc.record({ kind: fc.constant<'sync'>('sync'), device, fault }), weight: 3 },
    { arbitrary: edit, weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant<'delete'>('delete'), device, key }), weight: 2 },
    ...(between
      ? [{ arbitrary: fc.record({ kind: fc.constant<'sync'>('sync'), device, fault, between: device }), weight: 1 }]
      : []),
  );
  const policy = fc.constantFrom<ConflictPolicy>('remote', 'local', 'last-writer');
  return fc
    .record({
      identity: identity(),
      datasetName: typeof c.datasetName === 'string' ? fc.constant(c.datasetName) : datasetName(),
      devices: fc.integer({ min: minDevices, max: maxDevices }),
      policy,
      // One edit at least, somewhere among the steps: with none, no device has anything to push, the trigger
      // never runs, and the session shows nothing of the handler. It shrinks to the front.
      edit,
      others: fc.array(step, { minLength: 0, maxLength: maxSteps - 1 }),
      at: fc.nat({ max: maxSteps - 1 }),
    })
    .map(({ edit: first, others, at, devices, ...rest }) => {
      const i = at % (others.length + 1);
      const steps = [...others.slice(0, i), first, ...others.slice(i)];
      return { ...rest, devices, keys, steps: steps.map((s) => foldDevices(s, devices)) };
    });
}

/** The domain keys an SDK can send, with their arbitraries. */
function domainValues(values: unknown): Record<string, fc.Arbitrary<string>> {
  if (typeof values !== 'object' || values === null) return {};
  return Object.fromEntries(
    Object.entries(values).filter(
      (e): e is [string, fc.Arbitrary<string>] => SDK_KEY.test(e[0]) && e[1] instanceof fc.Arbitrary,
    ),
  );
}

function foldDevices(s: SessionStep, n: number): SessionStep {
  const device = s.device % n;
  if (s.kind !== 'sync' || s.between === undefined) return { ...s, device };
  const between = s.between % n;
  // Another device syncs in between: the device itself cannot.
  if (between === device) return { kind: 'sync', device, fault: s.fault };
  return { ...s, device, between };
}
