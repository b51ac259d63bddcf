/** The reply arrives within the 5 s budget Cognito Sync gives the trigger. */
import { HANDLER_DEADLINE_MS } from '../../model/index.ts';
import { anyCase, type SyncCase, classifyCase } from '../_shared/cases.ts';
import { runCase } from '../_shared/caseRun.ts';
import { defineCheck } from '../check.ts';

export default defineCheck<SyncCase>({
  id: 'timing/deadline',
  title: 'Replies within the 5 s deadline',
  level: 'must',
  basis: 'documented',
  clause: '§2',
  description: `Cognito Sync waits ${HANDLER_DEADLINE_MS} ms for the reply, measured on the response, and this cannot be raised. Later, the service throws LambdaSocketTimeoutException and nothing is written. Database or HTTPS calls before replying, and a callback reply held back by a pending timer (callbackWaitsForEmptyEventLoop), are the usual causes.`,
  arbitrary: anyCase,
  classify: classifyCase,
  eventOf: (c) => c.event,
  // Each failing case costs the whole deadline; shrinking would multiply it without making the event clearer.
  noShrink: true,
  async property(c, ctx) {
    const { outcome, verdict, evidence } = await runCase(c, ctx);
    const late =
      outcome.kind === 'timed-out' ||
      (verdict.status === 'rejected' && verdict.error.name === 'LambdaSocketTimeoutException');
    return late
      ? {
          ok: false,
          messages: [`no reply within ${HANDLER_DEADLINE_MS} ms (took ${Math.round(outcome.ms)} ms)`],
          evidence,
        }
      : { ok: true, evidence };
  },
});
