/** Re-syncing the handler's own result with no user change changes nothing more. */
import { buildEvent, sameValues, type StoredRecord, type SyncTriggerEvent } from '../../model/index.ts';
import { anyCase, type SyncCase, classifyCase } from '../_shared/cases.ts';
import { evidenceOf, judgeCase, limitBreakFromHiddenTombstones, type CaseLike } from '../_shared/caseRun.ts';
import { defineCheck } from '../check.ts';

/** The case of the next sync from another device: the dataset the first sync left, and no user change. */
function nextSync(c: CaseLike, after: Readonly<Record<string, string>>, removed: readonly string[]): CaseLike {
  const stamp = (key: string, value: string | null): StoredRecord => ({
    key,
    value,
    syncCount: 1,
    lastModifiedDate: 0,
    lastModifiedBy: '',
    deviceLastModifiedDate: 0,
  });
  const tombstones = [...new Set([...c.tombstoneKeys, ...removed])].filter(
    (k) => !Object.prototype.hasOwnProperty.call(after, k),
  );
  const records = [...Object.entries(after).map(([k, v]) => stamp(k, v)), ...tombstones.map((k) => stamp(k, null))];
  const e: SyncTriggerEvent = c.event;
  return {
    event: buildEvent({ datasetName: e.datasetName, records }, [], e),
    before: after,
    tombstoneKeys: tombstones,
    patches: [],
  };
}

export default defineCheck<SyncCase>({
  id: 'idempotency/no-churn',
  title: 'A sync with no user change changes nothing more',
  level: 'should',
  basis: 'observed',
  clause: '§2, §7',
  description:
    'After the handler has run, the next sync from another device carries no user change. If the handler changes the dataset again (a timestamp, a counter), every device downloads new records on every sync, for ever.',
  arbitrary: anyCase,
  classify: classifyCase,
  eventOf: (c) => c.event,
  async property(c, ctx) {
    const first = await ctx.invoke(c.event);
    const v1 = judgeCase(c, first, ctx);
    if (v1.status !== 'accepted') return { ok: true };
    const removed = v1.changes.filter((ch) => ch.kind === 'remove').map((ch) => ch.key);
    const next = nextSync(c, v1.after, removed);
    const second = await ctx.invoke(next.event);
    const v2 = judgeCase(next, second, ctx);
    const evidence = { ...evidenceOf(next, [first, second], v2), expected: next.before };
    if (v2.status === 'accepted' && sameValues(v2.after, next.before)) return { ok: true, evidence };
    // A limit broken only by tombstones the event does not list is not the handler's to avoid.
    if (limitBreakFromHiddenTombstones(next, second, ctx, v2)) return { ok: true, evidence };
    const what = v2.status === 'accepted' ? 'changes the dataset again' : `fails (${v2.error.name})`;
    return { ok: false, messages: [`the next sync, with no user change, ${what}`], evidence };
  },
});
