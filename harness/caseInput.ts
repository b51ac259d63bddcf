/**
 * A check's input kept as JSON — in the failure store, in report.json, in a regression test's input file — and read
 * back. A case is kept as its abstract scenario alone (a few hundred bytes where its event can be a megabyte) and
 * rebuilt by the generators' one builder; a check that draws a constant (the init check's `null`) keeps it as is.
 */
import fc from 'fast-check';
import { syncCaseOf } from '../generators/index.ts';
import { DEFAULT_READINGS, isJsonObject } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import type { Check } from '../suites/check.ts';
import { scenarioFromJson } from './scenarioJson.ts';
import { sessionInputFromJson } from './sessionJson.ts';
import { eventHash } from './seeds.ts';

/** What a check draws: cases (objects with a `scenario`), sessions (objects with a `session`), or one constant. */
type InputKind =
  | { readonly cases: true }
  | { readonly cases: false; readonly sessions: true }
  | { readonly cases: false; readonly sessions?: false; readonly constant: string };

const kinds = new WeakMap<Check, InputKind>();

/** Finds out what a check draws from one sample of its generator (cheap, and the same for every run). */
function kindOf(check: Check): InputKind {
  const known = kinds.get(check);
  if (known) return known;
  const [sample] = fc.sample(check.arbitrary({ readings: DEFAULT_READINGS }), { seed: 0, numRuns: 1 });
  const kind: InputKind =
    isJsonObject(sample) && 'scenario' in sample
      ? { cases: true }
      : isJsonObject(sample) && 'session' in sample
        ? { cases: false, sessions: true }
        : { cases: false, constant: JSON.stringify(sample) };
  kinds.set(check, kind);
  return kind;
}

/**
 * The compact JSON form of a check input: a case as its scenario, anything else as it is.
 * @param input - a check input as drawn
 */
export function encodeInput(input: unknown): unknown {
  return isJsonObject(input) && 'scenario' in input ? { scenario: input.scenario } : input;
}

/**
 * Rebuilds a check input from JSON. A case is rebuilt from its scenario (checked field by field); when the JSON, or
 * `known`, also holds the event the case handed the handler (or its hash), the rebuilt case must hand the same one.
 * @param check - the check the input is for
 * @param json - the parsed input (compact or whole)
 * @param source - where it came from, for the message (`report.json`, `.conformance/failures.json`)
 * @param known - the event the case is known to have handed the handler, or its hash (a failure store's key)
 * @throws HarnessError `E_REPLAY_INPUT` naming what is wrong
 */
export function decodeInput(
  check: Check,
  json: unknown,
  source: string,
  known: { readonly event?: unknown; readonly eventHash?: string } = {},
): unknown {
  const bad = (why: string): HarnessError =>
    new HarnessError('E_REPLAY_INPUT', `${source}: the input of ${check.id} ${why}`);
  const kind = kindOf(check);
  if (!kind.cases && kind.sessions === true) {
    const read = sessionInputFromJson(json);
    if (!read.ok) throw bad(`is not a session: ${read.problem}`);
    const event = known.event ?? (isJsonObject(json) ? json.event : undefined);
    const built = check.eventOf(read.input);
    if (
      (event !== undefined && JSON.stringify(built) !== JSON.stringify(event)) ||
      (known.eventHash !== undefined && eventHash(built) !== known.eventHash)
    )
      throw bad(
        'does not build the event it failed with: the file was edited, or written by another version of the tool',
      );
    return read.input;
  }
  if (!kind.cases) {
    if (JSON.stringify(json) !== kind.constant) throw bad(`is not ${kind.constant}, the only input this check draws`);
    return json;
  }
  if (!isJsonObject(json) || !('scenario' in json)) throw bad('is not a case (an object with a scenario)');
  const read = scenarioFromJson(json.scenario);
  if (!read.ok) throw bad(`is not a case: ${read.problem}`);
  const rebuilt = syncCaseOf(read.scenario);
  const event = known.event ?? json.event;
  const built = check.eventOf(rebuilt);
  if (
    (event !== undefined && JSON.stringify(built) !== JSON.stringify(event)) ||
    (known.eventHash !== undefined && eventHash(built) !== known.eventHash)
  )
    throw bad(
      'does not build the event it failed with: the file was edited, or written by another version of the tool',
    );
  return rebuilt;
}
