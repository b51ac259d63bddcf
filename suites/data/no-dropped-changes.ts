/** A record the user changed is not silently dropped by leaving it out of the reply. */
import { anyCase, type SyncCase, classifyCase } from '../_shared/cases.ts';
import { runCase } from '../_shared/caseRun.ts';
import { defineCheck } from '../check.ts';

export default defineCheck<SyncCase>({
  id: 'data/no-dropped-changes',
  title: 'User changes are not dropped by omission',
  level: 'should',
  basis: 'documented',
  clause: '§2',
  description:
    'A record left out of the reply is ignored for the update: if the user had changed it, the change is silently lost and the device will not be told. This is documented, but almost always an accident of handlers that rebuild `datasetRecords` with only the keys they care about, or that "remove" a record by deleting its key. Return every record; remove with `op: "remove"` or `newValue: null`.',
  arbitrary: anyCase,
  classify: classifyCase,
  eventOf: (c) => c.event,
  async property(c, ctx) {
    const { verdict, evidence } = await runCase(c, ctx);
    if (verdict.status !== 'accepted' || !verdict.omissions.droppedUserChanges.length) return { ok: true, evidence };
    const keys = verdict.omissions.droppedUserChanges.map((k) => JSON.stringify(k)).join(', ');
    return {
      ok: false,
      messages: [`the reply omits records the user changed, so their changes are lost: ${keys}`],
      evidence,
    };
  },
});
