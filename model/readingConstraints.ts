/**
 * Readings are not independent (CONTRACT.md §2): a combination under which AWS's own echo blueprint or its
 * documented sample handler is rejected is not a plausible reading of the service. Each constraint names such a
 * pair; `resolveReadings` refuses a choice that breaks one, and the generators draw only allowed combinations.
 * `readingConstraints.test.ts` runs both AWS handlers under every allowed combination: both are accepted, apart from
 * the sample's own crash on a null entry at the keys it writes, a real bug no reading could excuse.
 */
import { DEFAULT_READINGS, isOpenPointId, OPEN_POINTS, type OpenPointId, type Readings } from './registry.ts';

/** Two readings that cannot hold together. */
export interface ReadingConstraint {
  /** When this point has one of these readings… */
  readonly when: { readonly point: OpenPointId; readonly readings: readonly string[] };
  /** …this point cannot have one of these. */
  readonly excludes: { readonly point: OpenPointId; readonly readings: readonly string[] };
  /** Why the pair is not a plausible reading of the service. */
  readonly why: string;
}

/** Every constraint between readings. */
export const READING_CONSTRAINTS: readonly ReadingConstraint[] = [
  {
    when: { point: 'event.untouchedRecord', readings: ['op-absent'] },
    excludes: { point: 'reply.opMissing', readings: ['invalid'] },
    why: 'the echo blueprint and the documented sample return untouched records as they came: without an op, every sync would fail',
  },
  {
    when: { point: 'event.untouchedTombstone', readings: ['null-entry'] },
    excludes: { point: 'reply.nullEntry', readings: ['invalid'] },
    why: 'the echo blueprint returns every entry as it came: every sync of a dataset with a deleted record would fail',
  },
  {
    when: { point: 'event.readdOverTombstone', readings: ['null-entry'] },
    excludes: { point: 'reply.nullEntry', readings: ['invalid'] },
    why: 'the echo blueprint returns every entry as it came: writing a deleted key again would always fail, where amazon-cognito-js#61 saw the update succeed',
  },
];

/**
 * The constraints a full choice of readings breaks.
 * @param readings - the choice
 */
export function brokenConstraints(readings: Readings): ReadingConstraint[] {
  return READING_CONSTRAINTS.filter(
    (c) => c.when.readings.includes(readings[c.when.point]) && c.excludes.readings.includes(readings[c.excludes.point]),
  );
}

/**
 * The readings of one point that break no constraint when every other point keeps its reading in `readings`.
 * @param point - the point to choose
 * @param readings - the other points' readings
 */
export function allowedReadings(point: OpenPointId, readings: Readings): string[] {
  const p = OPEN_POINTS.find((x) => x.id === point);
  if (!p) return [];
  return p.readings.map((r) => r.id).filter((id) => brokenConstraints({ ...readings, [point]: id }).length === 0);
}

const pair = (point: OpenPointId, reading: string, given: ReadonlySet<string>): string =>
  `${point}=${reading}${given.has(point) ? '' : ' (the default)'}`;

function constraintProblem(c: ReadingConstraint, r: Readings, given: ReadonlySet<string>): string {
  const a = c.when.point;
  const b = c.excludes.point;
  const fix = (point: OpenPointId): string =>
    allowedReadings(point, r)
      .map((id) => `${point}=${id}`)
      .join(' or ');
  const fixes = [given.has(b) ? '' : fix(b), given.has(a) ? '' : fix(a)].filter(Boolean);
  const options = fixes.length ? fixes : [fix(b), fix(a)].filter(Boolean);
  return `${pair(a, r[a], given)} cannot go with ${pair(b, r[b], given)}: ${c.why}; choose ${options.join(', or ')}`;
}

/** Options of `resolveReadings`. */
export interface ResolveOptions {
  /**
   * Refuse a choice that breaks a constraint. Off only for a service that disagrees with the model on purpose (the
   * emulator's deviant mode). @defaultValue true
   */
  readonly constraints?: boolean;
}

/**
 * Merges a partial choice over the defaults, rejecting unknown points and readings, and combinations the
 * constraints exclude (defaults included: the message says which side to change).
 * @param partial - readings to override, e.g. `{ 'reply.nullEntry': 'remove' }`
 * @param options - whether to check the constraints
 * @returns the full choice, or a list of problems
 */
export function resolveReadings(
  partial: Readonly<Record<string, string>> = {},
  options: ResolveOptions = {},
): { ok: true; readings: Readings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const out: Record<string, string> = { ...DEFAULT_READINGS };
  for (const [id, reading] of Object.entries(partial)) {
    if (id === 'reply.invalidOp') {
      problems.push(
        `point "reply.invalidOp" was split into reply.opMissing (no op) and reply.opInvalid (an op other than replace/remove): set either or both`,
      );
      continue;
    }
    const p = isOpenPointId(id) ? OPEN_POINTS.find((x) => x.id === id) : undefined;
    if (!p) {
      problems.push(`unknown undocumented point "${id}" (known: ${OPEN_POINTS.map((x) => x.id).join(', ')})`);
      continue;
    }
    if (!p.readings.some((r) => r.id === reading)) {
      problems.push(`point "${id}" has no reading "${reading}" (readings: ${p.readings.map((r) => r.id).join(', ')})`);
      continue;
    }
    out[id] = reading;
  }
  if (problems.length) return { ok: false, problems };
  const readings = out as unknown as Readings;
  if (options.constraints !== false) {
    const given = new Set(Object.keys(partial));
    problems.push(...brokenConstraints(readings).map((c) => constraintProblem(c, readings, given)));
  }
  return problems.length ? { ok: false, problems } : { ok: true, readings };
}
