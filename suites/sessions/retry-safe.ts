/** A throttled retry or a resent lost update leaves the same dataset as one clean sync. */
import { liveValues, sameValues, type InvocationOutcome, type SyncSession } from '../../model/index.ts';
import { defineCheck } from '../check.ts';
import {
  echoTrigger,
  runSession,
  sessionEvidence,
  SESSION_CASES,
  targetRun,
  targetTrigger,
  type SessionInput,
} from '../_shared/sessionRun.ts';

/** The same session with every sync clean. */
const clean = (s: SyncSession): SyncSession => ({
  ...s,
  steps: s.steps.map((st) => (st.kind === 'sync' ? { ...st, fault: 'none' as const } : st)),
});

const faulty = (s: SyncSession): boolean => s.steps.some((st) => st.kind === 'sync' && st.fault !== 'none');

export default defineCheck<SessionInput>({
  id: 'sessions/retry-safe',
  title: 'Retries leave the same dataset as one clean sync',
  level: 'should',
  basis: 'documented',
  clause: '§2',
  description:
    'A session of 2–3 devices where some syncs are throttled (the trigger runs, the service answers 429, the device sends the same request again) or lose their answer (written, then resent unchanged) runs with the handler as the Sync Trigger of the model, and again with every sync clean. After every device has synced twice, both must leave the same dataset. A counter or a timestamp bumped on every run counts the retries too.',
  ...SESSION_CASES,
  async property({ session }, ctx) {
    if (!faulty(session)) return { ok: true };
    const invocations: InvocationOutcome[] = [];
    const trace = await runSession(session, targetTrigger(ctx, invocations), targetRun(ctx));
    if (trace.refused) return { ok: true };
    const once = await runSession(clean(session), targetTrigger(ctx, []), targetRun(ctx));
    if (once.refused) return { ok: true };
    const [retried, plain] = [liveValues(trace.runner.state()), liveValues(once.runner.state())];
    if (sameValues(retried, plain)) return { ok: true };
    const [echoRetried, echoPlain] = await Promise.all([
      runSession(session, echoTrigger, { readings: ctx.readings }),
      runSession(clean(session), echoTrigger, { readings: ctx.readings }),
    ]);
    if (!sameValues(liveValues(echoRetried.runner.state()), liveValues(echoPlain.runner.state()))) return { ok: true };
    trace.runner.note(
      0,
      0,
      `the dataset differs from the same session with every sync clean: ${JSON.stringify(plain)}`,
    );
    return {
      ok: false,
      messages: [
        `with the retries the session ends with ${JSON.stringify(retried)}`,
        `with every sync clean it ends with   ${JSON.stringify(plain)}`,
      ],
      evidence: sessionEvidence(trace, invocations, plain, retried),
    };
  },
});
