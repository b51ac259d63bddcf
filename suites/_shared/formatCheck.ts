/** Shared body of the reply-format checks: judge the reply under the strictest readings, keep one part. */
import { describeViolation } from '../../model/index.ts';
import { anyCase, type SyncCase, classifyCase } from './cases.ts';
import { runCase } from './caseRun.ts';
import { defineCheck, type Check, type CheckBasis } from '../check.ts';
import { formatViolations, partOf, type FormatPart } from './format.ts';

/** Declares a check that owns one part of the documented reply format. */
export function formatCheck(spec: {
  id: string;
  title: string;
  part: FormatPart;
  clause: string;
  basis?: CheckBasis;
  description: string;
}): Check<SyncCase> {
  return defineCheck<SyncCase>({
    id: spec.id,
    title: spec.title,
    level: 'must',
    basis: spec.basis ?? 'documented',
    clause: spec.clause,
    description: spec.description,
    arbitrary: anyCase,
    classify: classifyCase,
    eventOf: (c) => c.event,
    async property(c, ctx) {
      const { outcome, evidence } = await runCase(c, ctx);
      // Failures to reply at all belong to the robustness and deadline checks.
      if (outcome.kind !== 'replied') return { ok: true };
      const mine = formatViolations(c.event, outcome.json, outcome.invalidUtf8 === true).filter(
        (v) => partOf(v) === spec.part,
      );
      return mine.length
        ? { ok: false, messages: mine.map(describeViolation), evidence: { ...evidence, violations: mine } }
        : { ok: true, evidence };
    },
  });
}
