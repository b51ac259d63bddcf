/** Shared body of the robustness checks: on a valid event of some class, the handler replies (no throw, no crash). */
import { describeOutcome } from '../../model/invocation.ts';
import { anyCase, caseWith, type CaseClass, type SyncCase, classifyCase } from './cases.ts';
import { runCase } from './caseRun.ts';
import { defineCheck, type Check, type CheckBasis } from '../check.ts';

/** Declares a check that the handler replies on every valid event of a class. */
export function robustnessCheck(spec: {
  id: string;
  title: string;
  classes?: readonly CaseClass[];
  basis?: CheckBasis;
  clause?: string;
  description: string;
  /** Cases to run at most (each case of a limit class is a whole 1 MB dataset). */
  maxRuns?: number;
}): Check<SyncCase> {
  const { classes } = spec;
  return defineCheck<SyncCase>({
    id: spec.id,
    title: spec.title,
    level: 'must',
    basis: spec.basis ?? 'documented',
    clause: spec.clause ?? '§1, §2',
    description: spec.description,
    ...(classes ? { classes } : {}),
    arbitrary: (gen) => (classes ? caseWith(classes, gen) : anyCase(gen)),
    classify: classifyCase,
    eventOf: (c) => c.event,
    ...(spec.maxRuns ? { maxRuns: spec.maxRuns } : {}),
    async property(c, ctx) {
      const { outcome, evidence } = await runCase(c, ctx);
      if (outcome.kind === 'replied') return { ok: true, evidence };
      return { ok: false, messages: [`on a valid event the handler ${describeOutcome(outcome)}`], evidence };
    },
  });
}
