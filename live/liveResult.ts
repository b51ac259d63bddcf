/**
 * The run result of an end-to-end run: one check, `live/model-agrees`, whose counterexample is the first case where
 * the service and the model disagreed, with its full redacted trace — a live run is recorded by its trace, since
 * the same seed against the same pool need not do the same again.
 */
import { readingsRestedOn, toLambdaResult } from '../model/index.ts';
import type { InvocationOutcome } from '../runtime/invoker.ts';
import { runResultOf, type CheckResult, type Counterexample, type RunResult } from '../harness/result.ts';
import { rootCausesOf } from '../harness/rootCauses.ts';
import { eventHash } from '../harness/seeds.ts';
import type { CaseFinding } from './agree.ts';
import type { LiveCaseInput } from './cases.ts';
import type { ResolvedLiveOptions } from './options.ts';
import type { TraceEntry } from './wire.ts';
import { failureOf } from '../harness/counterexample.ts';
import { failureSignature } from '../harness/signature.ts';
import type { Check } from '../suites/check.ts';
import type { CheckCaseResult } from './sessionCase.ts';

/** The id of the end-to-end check. */
export const LIVE_CHECK_ID = 'live/model-agrees';

/** One case as it ran: what it sent and what it found. */
export interface LiveCaseRecord {
  readonly index: number;
  readonly datasetName: string;
  readonly identityId: string;
  readonly input: LiveCaseInput;
  /** Disagreements, one line each; empty when the service did what the model predicted. */
  readonly messages: readonly string[];
  readonly trace: readonly TraceEntry[];
}

/** What a counterexample of `live/model-agrees` keeps as its input: enough to re-run the case and to read it. */
export interface LiveCounterexampleInput {
  readonly kind: 'live';
  readonly identityPoolId: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly handler: string;
  readonly datasetName: string;
  readonly identityId: string;
  readonly case: LiveCaseInput;
  /** Every request of the case, redacted. */
  readonly trace: readonly TraceEntry[];
  /** The other cases that disagreed (their traces are in the run's trace file). */
  readonly others: readonly { readonly index: number; readonly messages: readonly string[] }[];
}

/** How the run ended, if not by running every case. */
export type LiveEnd =
  | { readonly kind: 'done' }
  | { readonly kind: 'max-requests' | 'interrupted'; readonly message: string }
  | { readonly kind: 'error'; readonly code: string; readonly message: string };

/** Most of the local handler's log a counterexample keeps (Lambda's own tail is 4 KB). */
const LOG_TAIL_CHARS = 4096;
const trimLogs = (o: InvocationOutcome): InvocationOutcome =>
  o.logs.length > LOG_TAIL_CHARS ? { ...o, logs: `…${o.logs.slice(-LOG_TAIL_CHARS)}` } : o;

/** What a run needs to be reported. */
export interface LiveReport {
  readonly o: ResolvedLiveOptions;
  readonly poolId: string;
  readonly records: readonly LiveCaseRecord[];
  readonly findings: ReadonlyMap<number, CaseFinding>;
  /** What the `sessions/` checks run end to end found, by case index. */
  readonly outcomes?: ReadonlyMap<number, CheckCaseResult>;
  readonly end: LiveEnd;
  readonly startedAt: number;
  readonly planned: number;
}

function counterexample(
  r: LiveReport,
  record: LiveCaseRecord,
  f: CaseFinding,
  others: LiveCaseRecord[],
): Counterexample {
  const input: LiveCounterexampleInput = {
    kind: 'live',
    identityPoolId: r.poolId,
    ...(r.o.endpoint ? { endpoint: r.o.endpoint } : {}),
    ...(r.o.region ? { region: r.o.region } : {}),
    handler: r.o.handler,
    datasetName: record.datasetName,
    identityId: record.identityId,
    case: record.input,
    trace: record.trace,
    others: others.map((x) => ({ index: x.index, messages: x.messages })),
  };
  const predicted = f.predicted;
  return {
    seed: r.o.seed,
    path: String(record.index),
    numShrinks: 0,
    eventHash: eventHash(f.event ?? null),
    event: f.event ?? null,
    invocations: f.outcome ? [trimLogs(f.outcome)] : [],
    messages: [
      ...f.messages,
      ...(others.length
        ? [`${String(others.length)} more case(s) disagreed: ${others.map((x) => x.index).join(', ')}`]
        : []),
    ],
    violations: predicted?.verdict ? [...predicted.verdict.violations] : [],
    ...(predicted && !predicted.ok ? { serviceError: predicted.error } : {}),
    stored: f.stored,
    expected: f.expected,
    resulting: f.resulting,
    input,
    replay: `npx cognito-sync-conformance replay ${LIVE_CHECK_ID} --from report.json`,
    // The service built the event; the model's prediction of the reply's fate rests on the readings it used.
    restsOn:
      f.event && f.outcome
        ? readingsRestedOn(f.event, toLambdaResult(f.outcome), { readings: r.o.readings, before: f.stored })
        : [],
    classes: [...f.classes],
  };
}

/** The run result of an end-to-end run. */
export function liveResult(r: LiveReport): RunResult {
  const diverged = [...r.records].filter((x) => x.messages.length).sort((a, b) => a.index - b.index);
  const [first, ...others] = diverged;
  const finding = first ? r.findings.get(first.index) : undefined;
  const coverage: Record<string, number> = {};
  for (const f of r.findings.values()) for (const c of f.classes) coverage[c] = (coverage[c] ?? 0) + 1;
  const ran = r.findings.size;
  const end = r.end;
  const base = {
    id: LIVE_CHECK_ID,
    title: 'Cognito Sync does what the model predicts for this handler',
    level: 'must' as const,
    basis: 'observed' as const,
    clause: '§1–§4',
    runs: ran,
    seed: r.o.seed,
    durationMs: Date.now() - r.startedAt,
    coverage,
  };
  const why = end.kind === 'done' ? undefined : end.message;
  let check: CheckResult;
  if (first && finding) {
    const cx = counterexample(r, first, finding, others);
    // A divergence fails the check whether or not the run ended early; the reason it stopped goes with the case.
    const messages = why ? [...cx.messages, `the run stopped early: ${why}`] : cx.messages;
    check = {
      ...base,
      outcome: 'fail',
      failures: [
        {
          signature: `check ${LIVE_CHECK_ID}`,
          kind: 'check',
          title: `${LIVE_CHECK_ID}: ${cx.messages[0] ?? 'the service and the model disagree'}`,
          counterexample: { ...cx, messages },
        },
      ],
    };
  } else if (end.kind === 'error')
    check = { ...base, outcome: 'error', error: { code: end.code, message: end.message } };
  else if (end.kind === 'interrupted')
    check = { ...base, outcome: 'error', error: { code: 'E_INTERRUPTED', message: end.message } };
  else if (end.kind === 'max-requests') check = { ...base, outcome: 'timeout', reason: end.message };
  else check = ran ? { ...base, outcome: 'pass' } : { ...base, outcome: 'skip', reason: 'no case ran' };
  const checks = [check, ...r.o.sessionChecks.map((c) => sessionCheckResult(r, c))];
  return runResultOf({
    target: {
      kind: 'cognito-sync',
      description: `Cognito Sync pool ${r.poolId}${r.o.endpoint ? ` at ${r.o.endpoint}` : ''}, predicted with ${r.o.handler}`,
      handler: r.o.handler,
      runtime: r.o.runtime,
    },
    options: { seed: r.o.seed, runs: r.planned, strict: false },
    readings: r.o.readings,
    startedAt: r.startedAt,
    checks,
    rootCauses: rootCausesOf(checks, (id) => r.o.sessionChecks.find((c) => c.id === id)?.classes ?? []),
  });
}

/**
 * The result of a `sessions/` check run end to end: its first failing session (in case order, not shrunk: each
 * session costs requests), or a pass when every session it ran held. Sessions where the service and the model
 * disagreed first are `live/model-agrees`' to report; a check none of whose sessions ran is incomplete.
 */
function sessionCheckResult(r: LiveReport, c: Check): CheckResult {
  const ran = [...(r.outcomes ?? new Map<number, CheckCaseResult>()).entries()]
    .filter(([, x]) => x.check === c.id)
    .sort(([a], [b]) => a - b);
  const judged = ran.flatMap(([index, x]) => (x.outcome ? [{ index, input: x.input, outcome: x.outcome }] : []));
  const coverage: Record<string, number> = {};
  for (const j of judged) for (const k of c.classify?.(j.input) ?? []) coverage[k] = (coverage[k] ?? 0) + 1;
  const base = {
    id: c.id,
    title: c.title,
    level: c.level,
    basis: c.basis,
    clause: c.clause,
    runs: judged.length,
    seed: r.o.seed,
    durationMs: Date.now() - r.startedAt,
    coverage,
  };
  const failing = judged.find((j) => !j.outcome.ok);
  if (failing && !failing.outcome.ok) {
    const out = failing.outcome;
    const failure = failureOf(
      {
        check: c,
        gen: { readings: r.o.readings },
        readings: r.o.readings,
        replayCommand: () => `npx cognito-sync-conformance replay ${c.id} --from report.json`,
      },
      {
        out,
        signature: failureSignature(c.id, out),
        input: failing.input,
        seed: r.o.seed,
        path: String(failing.index),
        numShrinks: 0,
      },
    );
    return { ...base, outcome: 'fail', failures: [failure] };
  }
  if (judged.length) return { ...base, outcome: 'pass' };
  const why = r.end.kind === 'done' ? undefined : r.end.message;
  return {
    ...base,
    outcome: 'incomplete',
    reason: ran.length
      ? `none of its ${String(ran.length)} session(s) ran to the end: the service and the model disagreed first (see ${LIVE_CHECK_ID})`
      : `none of its sessions ran${why ? `: ${why}` : ''}`,
  };
}
