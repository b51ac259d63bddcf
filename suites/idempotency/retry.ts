/** The same event twice gives the same outcome (Cognito retries throttled syncs). */
import { outcomeOf } from '../../model/index.ts';
import { anyCase, type SyncCase, classifyCase } from '../_shared/cases.ts';
import { evidenceOf, judgeCase } from '../_shared/caseRun.ts';
import { defineCheck } from '../check.ts';

export default defineCheck<SyncCase>({
  id: 'idempotency/retry',
  title: 'The same event twice gives the same outcome',
  level: 'should',
  basis: 'documented',
  clause: '§2',
  description:
    'On LambdaThrottledException the client retries the sync, so a handler can run more than once for the same change. Counters and timestamps written on every run give a different dataset each time.',
  arbitrary: anyCase,
  classify: classifyCase,
  eventOf: (c) => c.event,
  async property(c, ctx) {
    const first = await ctx.invoke(c.event);
    // A first run that hung fails the case already (no reply); a retry would only wait out another deadline.
    if (first.kind === 'timed-out') return { ok: true, evidence: evidenceOf(c, [first], judgeCase(c, first, ctx)) };
    const second = await ctx.invoke(c.event);
    const [a, b] = [judgeCase(c, first, ctx), judgeCase(c, second, ctx)];
    const evidence = evidenceOf(c, [first, second], b);
    if (outcomeOf(a) === outcomeOf(b)) return { ok: true, evidence };
    return { ok: false, messages: [`first run: ${outcomeOf(a)}`, `retry:     ${outcomeOf(b)}`], evidence };
  },
});
