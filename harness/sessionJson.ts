/**
 * A session check's input read back from JSON (a report, the failure store, a regression test's input file). The
 * file is not trusted: every field is checked, and the session is rebuilt from the checked fields alone.
 */
import type { ConflictPolicy, SessionStep, SyncFault, SyncSession } from '../model/index.ts';
import { DATASET_NAME_PATTERN, isJsonObject, MAX_DATASET_NAME_LENGTH, MAX_KEY_LENGTH } from '../model/index.ts';

/** Most devices, steps and keys a session check draws. */
const LIMITS = { devices: 4, steps: 64, keys: 8, value: 1024 } as const;
const POLICIES: readonly ConflictPolicy[] = ['remote', 'local', 'last-writer'];
const FAULTS: readonly SyncFault[] = ['none', 'throttled', 'lost'];

class Problem extends Error {}
const fail = (m: string): never => {
  throw new Problem(m);
};
const obj = (v: unknown, at: string): Record<string, unknown> => (isJsonObject(v) ? v : fail(`${at} is not an object`));
const int = (v: unknown, at: string, min: number, max: number): number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
    ? v
    : fail(`${at} is not an integer from ${String(min)} to ${String(max)}`);
const str = (v: unknown, at: string, max: number): string =>
  typeof v === 'string' && v.length <= max ? v : fail(`${at} is not a string of at most ${String(max)} characters`);
const oneOf = <T extends string>(v: unknown, at: string, all: readonly T[]): T =>
  all.find((x) => x === v) ?? fail(`${at} is not one of ${all.join(', ')}`);

function step(v: unknown, at: string, devices: number, keys: number): SessionStep {
  const s = obj(v, at);
  const device = int(s.device, `${at}.device`, 0, devices - 1);
  const key = (): number => int(s.key, `${at}.key`, 0, keys - 1);
  switch (s.kind) {
    case 'edit':
      return { kind: 'edit', device, key: key(), value: str(s.value, `${at}.value`, LIMITS.value) };
    case 'delete':
      return { kind: 'delete', device, key: key() };
    case 'sync': {
      const fault = oneOf(s.fault, `${at}.fault`, FAULTS);
      if (s.between === undefined) return { kind: 'sync', device, fault };
      const between = int(s.between, `${at}.between`, 0, devices - 1);
      return between === device
        ? fail(`${at}.between is the syncing device`)
        : { kind: 'sync', device, fault, between };
    }
    default:
      return fail(`${at}.kind is not edit, delete or sync`);
  }
}

/**
 * Reads a session check's input (`{ session }`) from JSON.
 * @param json - the parsed input
 * @returns the input, or the first problem found
 */
export function sessionInputFromJson(
  json: unknown,
):
  | { readonly ok: true; readonly input: { readonly session: SyncSession } }
  | { readonly ok: false; readonly problem: string } {
  try {
    const s = obj(obj(json, 'the input').session, 'session');
    const id = obj(s.identity, 'session.identity');
    const devices = int(s.devices, 'session.devices', 2, LIMITS.devices);
    const keys = Array.isArray(s.keys) ? s.keys : fail('session.keys is not a list');
    if (keys.length < 1 || keys.length > LIMITS.keys) fail('session.keys has no key, or too many');
    const steps = Array.isArray(s.steps) ? s.steps : fail('session.steps is not a list');
    if (steps.length < 1 || steps.length > LIMITS.steps) fail('session.steps has no step, or too many');
    const name = str(s.datasetName, 'session.datasetName', MAX_DATASET_NAME_LENGTH);
    if (!DATASET_NAME_PATTERN.test(name)) fail('session.datasetName is not a dataset name');
    const session: SyncSession = {
      identity: {
        region: str(id.region, 'session.identity.region', 64),
        identityPoolId: str(id.identityPoolId, 'session.identity.identityPoolId', 1024),
        identityId: str(id.identityId, 'session.identity.identityId', 1024),
      },
      datasetName: name,
      devices,
      policy: oneOf(s.policy, 'session.policy', POLICIES),
      keys: keys.map((k, i) => str(k, `session.keys[${String(i)}]`, MAX_KEY_LENGTH)),
      steps: steps.map((v, i) => step(v, `session.steps[${String(i)}]`, devices, keys.length)),
    };
    return { ok: true, input: { session } };
  } catch (e) {
    if (e instanceof Problem) return { ok: false, problem: e.message };
    throw e;
  }
}
