/** Once devices agree, a sync with no change on any device changes nothing, whichever device syncs. */
import { deviceValues, liveValues, sameValues, type InvocationOutcome, type SessionRunner } from '../../model/index.ts';
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

/**
 * Each device in turn saves a value it already holds again (apps do: a settings screen saved unchanged) and syncs.
 * Returns the first device whose sync changed the dataset, or undefined.
 */
async function touchAll(runner: SessionRunner): Promise<number | undefined> {
  const settled = liveValues(runner.state());
  for (const [d, device] of runner.devices.entries()) {
    const [key, value] = Object.entries(deviceValues(device))[0] ?? [];
    if (key === undefined || value === undefined) continue;
    runner.change(0, d, key, value);
    await runner.step({ kind: 'sync', device: d, fault: 'none' }, 0);
    if (!sameValues(liveValues(runner.state()), settled)) return d;
  }
  return undefined;
}

export default defineCheck<SessionInput>({
  id: 'sessions/no-churn-across-devices',
  title: 'A sync with no change changes nothing, across devices',
  level: 'should',
  basis: 'observed',
  clause: '§2, §7',
  description:
    'After a session of 2–3 devices has settled (every device synced twice), each device in turn saves a record it holds with the value it already has and syncs. None of these syncs carries a change, so the dataset must stay as it is. A handler that writes a timestamp or a counter on every run makes every device download new records on every sync, for ever.',
  ...SESSION_CASES,
  async property({ session }, ctx) {
    const invocations: InvocationOutcome[] = [];
    const trace = await runSession(session, targetTrigger(ctx, invocations), targetRun(ctx));
    if (trace.refused) return { ok: true };
    const settled = liveValues(trace.runner.state());
    const churned = await touchAll(trace.runner);
    if (churned === undefined) return { ok: true };
    // A reply the service refused while touching is the single-sync checks' to judge.
    if (trace.updates.some((u) => !u.result.ok && u.result.error.name !== 'ResourceConflictException'))
      return { ok: true };
    const reference = await runSession(session, echoTrigger, { readings: ctx.readings });
    if ((await touchAll(reference.runner)) !== undefined) return { ok: true };
    const after = liveValues(trace.runner.state());
    trace.runner.note(0, churned, 'this sync carried no change, yet the dataset changed');
    return {
      ok: false,
      messages: [`device-${String(churned)} synced with no change, and the dataset changed`],
      evidence: sessionEvidence(trace, invocations, settled, after),
    };
  },
});
