/** A record the user removed is not brought back by the handler. */
import { caseWith, type SyncCase, classifyCase } from '../_shared/cases.ts';
import { runCase } from '../_shared/caseRun.ts';
import { defineCheck } from '../check.ts';

export default defineCheck<SyncCase>({
  id: 'data/user-removals-kept',
  title: 'Records the user removed stay removed',
  level: 'should',
  basis: 'observed',
  clause: '§2, §7',
  description:
    'Forcing `op: "replace"` on every record, or a typed runtime turning `null` into `""` (Go), resurrects records the user deleted, on every device. A handler may veto a delete on purpose; this check flags it so that it is a decision, not an accident.',
  arbitrary: (gen) => caseWith(['removes'], gen),
  classify: classifyCase,
  eventOf: (c) => c.event,
  async property(c, ctx) {
    const { verdict, evidence } = await runCase(c, ctx);
    if (verdict.status !== 'accepted') return { ok: true, evidence };
    const removed = c.patches.filter((p) => p.op === 'remove' && Object.prototype.hasOwnProperty.call(c.before, p.key));
    const back = removed.filter((p) => Object.prototype.hasOwnProperty.call(verdict.after, p.key)).map((p) => p.key);
    if (!back.length) return { ok: true, evidence };
    const detail = back.map((k) => `${JSON.stringify(k)} = ${JSON.stringify(verdict.after[k])}`).join(', ');
    return { ok: false, messages: [`records the user removed are written again: ${detail}`], evidence };
  },
});
