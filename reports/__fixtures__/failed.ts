/**
 * Fixture checks that failed, written as they read best (one counterexample each) and turned into the run-result
 * shape (a failure with its signature, as the harness signs it).
 */
import type { CheckResultBase, Counterexample, FailedCheck } from '../../harness/index.ts';
import { failureSignature } from '../../harness/signature.ts';

/** A failed check as a fixture writes it. */
export type FailedSpec = CheckResultBase & { readonly counterexample: Counterexample };

/**
 * A failed check with one failure, signed as the harness signs it.
 * @param spec - the check's fields and its counterexample
 */
export function failed(spec: FailedSpec): FailedCheck {
  const { counterexample: cx, ...base } = spec;
  const signature = failureSignature(spec.id, {
    ok: false,
    messages: cx.messages,
    evidence: {
      event: cx.event,
      invocations: cx.invocations,
      violations: cx.violations,
      stored: cx.stored,
      expected: cx.expected,
      resulting: cx.resulting,
    },
  });
  return {
    ...base,
    outcome: 'fail',
    failures: [{ signature: signature.key, kind: signature.kind, title: signature.title, counterexample: cx }],
  };
}

/**
 * The fixture fields and counterexample of a failed check, to build a variant from.
 * @param c - a failed check with one failure
 */
export function specOf(c: FailedCheck): FailedSpec {
  const { failures, outcome: _outcome, ...base } = c;
  return { ...base, counterexample: failures[0].counterexample };
}
