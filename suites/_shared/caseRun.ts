/**
 * The common core of most checks: hand the case's event to the handler once, judge the result with the model,
 * and keep the evidence a counterexample needs.
 */
import {
  applyChanges,
  dict,
  judgeResult,
  type DatasetValues,
  type RecordPatch,
  type SyncTriggerEvent,
  type Verdict,
} from '../../model/index.ts';
import type { CaseEvidence, CheckContext } from '../check.ts';
import { toLambdaResult, type InvocationOutcome } from '../../model/invocation.ts';

/** The shape of a generated case the checks rely on (`syncCase()` of the generators). */
export interface CaseLike {
  readonly event: SyncTriggerEvent;
  readonly before: DatasetValues;
  readonly tombstoneKeys: readonly string[];
  /** The user's patches. */
  readonly patches: readonly RecordPatch[];
}

/** One judged invocation of a case. */
export interface JudgedCase {
  readonly outcome: InvocationOutcome;
  readonly verdict: Verdict;
  readonly evidence: CaseEvidence;
}

/** The user's intent: the stored values with the user's patches applied, as an echoing handler would leave them. */
function expectedOf(c: CaseLike): DatasetValues {
  return applyChanges(
    c.before,
    c.patches.map((p) =>
      p.op === 'remove'
        ? { key: p.key, kind: 'remove' as const }
        : { key: p.key, kind: 'write' as const, value: p.value ?? '' },
    ),
  );
}

/** Judges one outcome for a case. */
export function judgeCase(c: CaseLike, outcome: InvocationOutcome, ctx: Pick<CheckContext, 'readings'>): Verdict {
  return judgeResult(c.event, toLambdaResult(outcome), {
    readings: ctx.readings,
    before: c.before,
    tombstoneKeys: c.tombstoneKeys,
  });
}

/**
 * True when the verdict breaks a limit only because of tombstones the event does not list: their keys count
 * towards 1 MB, but the handler cannot see them, so the break is not the handler's to avoid.
 * @param c - the case
 * @param outcome - the invocation judged
 * @param ctx - the readings
 * @param verdict - the verdict on it under the case's tombstones
 */
export function limitBreakFromHiddenTombstones(
  c: CaseLike,
  outcome: InvocationOutcome,
  ctx: Pick<CheckContext, 'readings'>,
  verdict: Verdict,
): boolean {
  if (!verdict.violations.some((v) => v.code === 'dataset-too-large')) return false;
  const listed = (k: string): boolean => Object.prototype.hasOwnProperty.call(c.event.datasetRecords, k);
  if (c.tombstoneKeys.every(listed)) return false;
  const again = judgeCase({ ...c, tombstoneKeys: c.tombstoneKeys.filter(listed) }, outcome, ctx);
  return !again.violations.some((v) => v.code === 'dataset-too-large' || v.code === 'too-many-records');
}

/** Evidence of a case from its invocations and the verdict on the first. */
export function evidenceOf(c: CaseLike, invocations: readonly InvocationOutcome[], verdict: Verdict): CaseEvidence {
  return {
    event: c.event,
    invocations,
    verdict,
    violations: verdict.violations,
    ...(verdict.status === 'rejected' ? { serviceError: verdict.error } : {}),
    stored: c.before,
    expected: expectedOf(c),
    resulting: verdict.status === 'accepted' ? verdict.after : null,
  };
}

/**
 * Invokes the handler with the case's event and judges the result.
 * @param c - the case
 * @param ctx - the check context
 */
export async function runCase(c: CaseLike, ctx: CheckContext): Promise<JudgedCase> {
  const outcome = await ctx.invoke(c.event);
  const verdict = judgeCase(c, outcome, ctx);
  return { outcome, verdict, evidence: evidenceOf(c, [outcome], verdict) };
}

/** An empty evidence record for checks that never reached the handler (e.g. an init failure). */
export function noEvidence(event: unknown): CaseEvidence {
  return { event, invocations: [], violations: [], stored: dict(), expected: dict(), resulting: null };
}
