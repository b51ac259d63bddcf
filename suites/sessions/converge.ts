/** After every device has synced twice with no further edits, every device holds what the service holds. */
import { deviceValues, liveValues } from '../../model/index.ts';
import { defineCheck } from '../check.ts';
import {
  divergence,
  handlerFindings,
  sessionEvidence,
  SESSION_CASES,
  type SessionInput,
} from '../_shared/sessionRun.ts';

export default defineCheck<SessionInput>({
  id: 'sessions/converge',
  title: 'Devices converge on the same records',
  level: 'must',
  basis: 'documented',
  clause: '§4',
  description:
    'A session of 2–3 devices editing, deleting and syncing (some syncs throttled, some answers lost, conflicts resolved by a policy) runs with the handler as the Sync Trigger of the model. Then every device syncs twice with no edits: every device must hold the records the service holds. A handler whose changes do not reach the devices, or that the devices cannot settle with, leaves them apart for good. Sessions where the service alone leaves devices apart (an echoing trigger does too), and records the handler removed before the service ever stored them (no tombstone can tell the devices), do not count against the handler.',
  ...SESSION_CASES,
  async property({ session }, ctx) {
    const findings = await handlerFindings(session, ctx, divergence);
    if (!findings) return { ok: true };
    const { trace, invocations, found: apart } = findings;
    const service = liveValues(trace.runner.state());
    const first = trace.runner.devices.find((d) => apart[0].startsWith(d.id)) ?? trace.runner.devices[0];
    trace.runner.note(0, Number(first?.id.slice('device-'.length) ?? 0), `does not hold what the service holds`);
    return {
      ok: false,
      messages: ['after every device synced twice with no edits, the devices and the service differ:', ...apart],
      evidence: sessionEvidence(trace, invocations, service, first ? deviceValues(first) : service),
    };
  },
});
