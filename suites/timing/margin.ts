/** The reply leaves a margin under the deadline for cold starts and slow networks. */
import { anyCase, type SyncCase, classifyCase } from '../_shared/cases.ts';
import { runCase } from '../_shared/caseRun.ts';
import { defineCheck } from '../check.ts';

export default defineCheck<SyncCase>({
  id: 'timing/margin',
  title: 'Replies with a margin under the deadline',
  level: 'should',
  basis: 'documented',
  clause: '§2',
  description:
    'A handler that usually replies in 4 s misses the 5 s deadline on a cold start or a slow dependency. This check wants every reply under the margin (`--margin`, default half the deadline); latency percentiles are reported for every check.',
  arbitrary: anyCase,
  classify: classifyCase,
  eventOf: (c) => c.event,
  noShrink: true,
  async property(c, ctx) {
    const { outcome, evidence } = await runCase(c, ctx);
    if (outcome.kind === 'timed-out' || outcome.ms > ctx.marginMs) {
      return {
        ok: false,
        messages: [`reply took ${Math.round(outcome.ms)} ms, over the ${ctx.marginMs} ms margin`],
        evidence,
      };
    }
    return { ok: true, evidence };
  },
});
