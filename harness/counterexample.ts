/**
 * A failing case as a report keeps it: everything needed to understand and replay it from the report alone (the
 * event, the raw replies and their logs, the model's violations and datasets, the replay line, the readings it
 * rests on).
 */
import type { InvocationOutcome } from '../model/index.ts';
import type { Check, GenContext } from '../suites/check.ts';
import type { CaseFailure } from './caseEval.ts';
import { leadsTo } from './caseAt.ts';
import type { Counterexample, Failure } from './result.ts';
import { restsOnOf } from './restsOn.ts';
import type { ReplayInfo } from './runCheck.ts';
import { eventHash } from './seeds.ts';
import type { Readings } from '../model/index.ts';

/** Most of a handler's log a counterexample keeps per invocation (Lambda's own tail is 4 KB). */
const LOG_TAIL_CHARS = 4096;

const tail = (s: string): string => (s.length > LOG_TAIL_CHARS ? `…${s.slice(-LOG_TAIL_CHARS)}` : s);
const trimLogs = (o: InvocationOutcome): InvocationOutcome => ({ ...o, logs: tail(o.logs) });

/** What building a failure needs beside the case. */
export interface FailureContext {
  readonly check: Check;
  readonly gen: GenContext;
  readonly readings: Readings;
  readonly replayCommand: (info: ReplayInfo) => string;
}

/**
 * One failure of a check, with its counterexample.
 * @param c - the check, its generator context, the readings and the replay line maker
 * @param f - the failing case: its input, verdict and signature, and where it came from
 */
export function failureOf(
  c: FailureContext,
  f: CaseFailure & {
    readonly input: unknown;
    readonly seed: number;
    readonly path: string;
    readonly numShrinks: number;
    /** From the failure store: its seed and path may no longer lead to it. */
    readonly stored?: boolean;
    readonly attributedTo?: string;
  },
): Failure {
  const event = c.check.eventOf(f.input);
  const hash = eventHash(event);
  // A generated case regenerates by construction; a stored one only when its seed and path still lead to it.
  const regenerates = f.stored !== true || leadsTo(c.check, c.gen, f.seed, f.path, hash);
  const ev = f.out.evidence;
  const counterexample: Counterexample = {
    seed: f.seed,
    path: f.path,
    numShrinks: f.numShrinks,
    eventHash: hash,
    event,
    invocations: ev.invocations.map(trimLogs),
    messages: f.out.messages,
    violations: ev.violations,
    ...(ev.serviceError ? { serviceError: ev.serviceError } : {}),
    stored: ev.stored,
    expected: ev.expected,
    resulting: ev.resulting,
    input: f.input,
    replay: c.replayCommand({ checkId: c.check.id, seed: f.seed, path: f.path, eventHash: hash, regenerates }),
    restsOn: restsOnOf(f.input, ev, c.readings),
    classes: [...(c.check.classify?.(f.input) ?? [])],
    ...(f.attributedTo !== undefined ? { attributedTo: f.attributedTo } : {}),
    ...(ev.timeline ? { timeline: ev.timeline } : {}),
  };
  return { signature: f.signature.key, kind: f.signature.kind, title: f.signature.title, counterexample };
}
