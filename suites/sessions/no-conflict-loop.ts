/** No device needs more than a few conflict rounds to push one edit. */
import { deviceValues, liveValues } from '../../model/index.ts';
import { defineCheck } from '../check.ts';
import {
  handlerFindings,
  sessionEvidence,
  SESSION_CASES,
  type SessionInput,
  type SessionPhase,
  type SessionTrace,
} from '../_shared/sessionRun.ts';

/** Conflict rounds one sync may take: a stale listing, a lost answer, another device in between. */
const MAX_CONFLICT_ROUNDS = 3;

function loops(trace: SessionTrace): { at: number; device: number; rounds: number }[] {
  return trace.runner.log.flatMap((e) =>
    e.step.kind === 'sync' && (e.conflictRounds ?? 0) > MAX_CONFLICT_ROUNDS
      ? [{ at: e.at, device: e.step.device, rounds: e.conflictRounds ?? 0 }]
      : [],
  );
}

/**
 * Once settled, device 0 edits every record it holds and syncs, keeping its values on a conflict, while device 1,
 * busy, edits another record and syncs between device 0's listing and its push, round after round.
 */
const contention: SessionPhase = async (runner) => {
  const device = runner.devices[0];
  if (!device) return;
  for (const [key, value] of Object.entries(deviceValues(device))) runner.change(0, 0, key, `${value}+`);
  await runner.step({ kind: 'sync', device: 0, fault: 'none', between: 1, policy: 'local' }, 0);
};

export default defineCheck<SessionInput>({
  id: 'sessions/no-conflict-loop',
  title: 'No device loops on conflicts',
  level: 'must',
  basis: 'documented',
  clause: '§4',
  description: `In a session of 2–3 devices (with the handler as the Sync Trigger of the model), a device's sync lists, resolves conflicts by its policy and pushes with the last SyncCount it heard; a conflict (409) sends it round again. Once the devices have settled, one device edits every record it holds and syncs, keeping its values on a conflict, while another device edits a different record and syncs between its listing and its push, round after round. No sync may need more than ${String(MAX_CONFLICT_ROUNDS)} conflict rounds: a handler that rewrites records nobody asked it to change (a timestamp, a touch of every record) on every run keeps such a device conflicting for ever. Sessions where an echoing trigger loops too do not count.`,
  ...SESSION_CASES,
  async property({ session }, ctx) {
    const findings = await handlerFindings(session, ctx, loops, contention);
    if (!findings) return { ok: true };
    const { trace, invocations, found } = findings;
    const [worst] = found;
    const where = worst.at ? `step ${String(worst.at)}` : "the check's own syncs after the steps";
    trace.runner.note(worst.at, worst.device, `needed ${String(worst.rounds)} conflict rounds to push`);
    const values = liveValues(trace.runner.state());
    return {
      ok: false,
      messages: [
        `device-${String(worst.device)} needed ${String(worst.rounds)} conflict rounds (more than ${String(MAX_CONFLICT_ROUNDS)}) to push its changes at ${where}`,
      ],
      evidence: sessionEvidence(trace, invocations, values, values),
    };
  },
});
