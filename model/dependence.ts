/**
 * "Does this reply's outcome depend on an undocumented reading?" Re-judges the reply under every other reading of
 * each point the verdict consulted and reports the points where the outcome changes.
 */
import { judgeResult, type JudgeOptions, type LambdaResult, type Verdict } from './judge.ts';
import { DEFAULT_READINGS, OPEN_POINTS, type OpenPointId, type Readings } from './registry.ts';
import type { SyncTriggerEvent } from './types.ts';

/** One undocumented point the outcome depends on, with the outcome under each reading. */
export interface Dependence {
  readonly point: OpenPointId;
  readonly outcomes: readonly { readonly reading: string; readonly outcome: string }[];
}

/** A short, comparable summary of a verdict: the error, or the resulting values and how many records are written. */
export function outcomeOf(v: Verdict): string {
  if (v.status === 'rejected') return `rejected: ${v.error.name}`;
  return `${valuesOf(v)}; writes ${v.changes.length}`;
}

/** What the user sees of a verdict: the error, or the resulting values (not which records got a new SyncCount). */
export function valuesOf(v: Verdict): string {
  if (v.status === 'rejected') return `rejected: ${v.error.name}`;
  const entries = Object.entries(v.after).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `accepted: ${JSON.stringify(entries)}`;
}

/**
 * The undocumented points on which this result's outcome depends.
 * @param event - the event
 * @param result - what the Lambda call came to
 * @param options - judge options; `readings` is the baseline
 * @param summary - what of a verdict to compare @defaultValue {@link outcomeOf}
 */
export function dependsOnReadings(
  event: SyncTriggerEvent,
  result: LambdaResult,
  options: JudgeOptions = {},
  summary: (v: Verdict) => string = outcomeOf,
): Dependence[] {
  const base: Readings = options.readings ?? DEFAULT_READINGS;
  const verdict = judgeResult(event, result, { ...options, readings: base });
  const baseline = summary(verdict);
  const out: Dependence[] = [];
  for (const id of verdict.consulted) {
    const point = OPEN_POINTS.find((p) => p.id === id);
    if (!point) continue;
    const outcomes = point.readings.map((r) => {
      const readings = { ...base, [id]: r.id } as Readings;
      return {
        reading: r.id,
        outcome: r.id === base[id] ? baseline : summary(judgeResult(event, result, { ...options, readings })),
      };
    });
    if (outcomes.some((o) => o.outcome !== baseline)) out.push({ point: id, outcomes });
  }
  return out;
}
