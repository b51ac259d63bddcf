/** A record one device removed does not come back, unless a device writes it again or the handler writes a new value. */
import { deviceValues, liveValues } from '../../model/index.ts';
import { defineCheck } from '../check.ts';
import {
  handlerFindings,
  sessionEvidence,
  SESSION_CASES,
  settleDevices,
  type SessionInput,
  type SessionPhase,
  type SessionTrace,
} from '../_shared/sessionRun.ts';

/** A removed record that came back with its old value: which, where it was removed, and the update that revived it. */
interface Revival {
  readonly key: string;
  readonly value: string;
  readonly removedAt: number;
  readonly removedBy: string;
  readonly at: number;
  readonly by: string;
}

function revivals(trace: SessionTrace): Revival[] {
  const removed = new Map<string, { value: string; at: number; by: string }>();
  const found: Revival[] = [];
  for (const u of trace.updates) {
    if (!u.result.ok) continue;
    const after = liveValues(u.result.state);
    for (const p of u.request.patches) {
      const was = u.before[p.key];
      if (p.op === 'remove' && was !== undefined) removed.set(p.key, { value: was, at: u.at, by: u.device });
      if (p.op === 'replace') removed.delete(p.key);
    }
    for (const [key, r] of removed) {
      const now = after[key];
      if (now === undefined) continue;
      removed.delete(key);
      // A new value is the handler's own write, on purpose; the old value back is the removal undone.
      if (now === r.value) found.push({ key, value: now, removedAt: r.at, removedBy: r.by, at: u.at, by: u.device });
    }
  }
  return found;
}

/** Once settled, device 0 removes every record of the session's keys it holds and syncs; then all settle again. */
const removal: SessionPhase = async (runner, session) => {
  const device = runner.devices[0];
  if (!device) return;
  const held = deviceValues(device);
  for (const key of session.keys) if (held[key] !== undefined) runner.change(0, 0, key, null);
  await runner.step({ kind: 'sync', device: 0, fault: 'none' }, 0);
  await settleDevices(runner, session.devices);
};

const stepName = (n: number): string => (n ? `step ${String(n)}` : "the check's own syncs after the steps");

export default defineCheck<SessionInput>({
  id: 'sessions/deletes-stay-deleted',
  title: 'Removed records stay removed across devices',
  level: 'should',
  basis: 'observed',
  clause: '§1, §4, §7',
  description:
    'In a session of 2–3 devices with the handler as the Sync Trigger of the model (ending with one device removing every record it holds, and all syncing again), a record one device removes (and the service keeps as a tombstone) must not come back with its old value on a later sync, from any device, unless a device writes it again. The failure names the step that brought it back. A handler that forces op "replace" on removed records undoes every removal.',
  ...SESSION_CASES,
  async property({ session }, ctx) {
    const findings = await handlerFindings(session, ctx, revivals, removal);
    if (!findings) return { ok: true };
    const { trace, invocations, found: back } = findings;
    const [first] = back;
    const col = Number(first.by.slice('device-'.length));
    trace.runner.note(first.at, col, `${first.key} is back with its old value`);
    const values = liveValues(trace.runner.state());
    const expected = { ...values };
    Reflect.deleteProperty(expected, first.key);
    return {
      ok: false,
      messages: back.map(
        (r) =>
          `${r.key}, removed by ${r.removedBy} at ${stepName(r.removedAt)}, came back as ${JSON.stringify(r.value)} at ${stepName(r.at)} (${r.by}'s sync)`,
      ),
      evidence: sessionEvidence(trace, invocations, expected, values),
    };
  },
});
