/**
 * One case through a check, as the run sees it: the check's own verdict, and what the tool requires of every case
 * besides — a reply it could judge. A case where the handler threw, crashed, hung or never completed fails the
 * check it ran in, whatever the check looks at (no pass without evidence), signed so that the same bug is one
 * root cause wherever it shows.
 */
import { describeOutcome, missedDeadline, type InvocationOutcome } from '../model/index.ts';
import { noEvidence } from '../suites/_shared/caseRun.ts';
import type { CaseOutcome, Check, CheckContext } from '../suites/check.ts';
import { failureSignature, nonReply, type Signature } from './signature.ts';

/** A failing case with its signature. */
export interface CaseFailure {
  readonly out: Extract<CaseOutcome, { ok: false }>;
  readonly signature: Signature;
}

/** How one case came out. */
export type CaseEval =
  { readonly ok: true; readonly hung: boolean } | ({ readonly ok: false; readonly hung: boolean } & CaseFailure);

/**
 * Watches the invocations a check makes, case by case: which ones a case made, and whether it hung.
 * @param ctx - the check context to wrap
 * @param each - told of every invocation (latency)
 */
export function watchInvocations(
  ctx: CheckContext,
  each: (o: InvocationOutcome) => void,
): { readonly ctx: CheckContext; start(): void; readonly invocations: readonly InvocationOutcome[] } {
  let invocations: InvocationOutcome[] = [];
  return {
    ctx: {
      ...ctx,
      invoke: async (event) => {
        const outcome = await ctx.invoke(event);
        each(outcome);
        invocations.push(outcome);
        return outcome;
      },
    },
    start() {
      invocations = [];
    },
    get invocations() {
      return invocations;
    },
  };
}

/**
 * Runs one case of a check and judges it.
 * @param check - the check
 * @param input - the case
 * @param watched - the check context, watched (see `watchInvocations`)
 * @param cwd - for the handler's frames in signatures
 * @throws what the check throws (harness trouble or a bug in a check: never the handler's doing)
 */
export async function evaluateCase(
  check: Check,
  input: unknown,
  watched: ReturnType<typeof watchInvocations>,
  cwd?: string,
): Promise<CaseEval> {
  watched.start();
  let out = await check.property(input, watched.ctx);
  const invocations = watched.invocations;
  const hung = invocations.some(missedDeadline);
  const failed = nonReply(invocations);
  if (out.ok && failed) {
    out = {
      ok: false,
      messages: [`on a valid event the handler ${describeOutcome(failed)}`],
      evidence: { ...(out.evidence ?? noEvidence(check.eventOf(input))), invocations },
    };
  }
  if (out.ok) return { ok: true, hung };
  return { ok: false, hung, out, signature: failureSignature(check.id, out, cwd) };
}
