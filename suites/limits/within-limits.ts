/** The dataset the reply leaves stays within the service limits. */
import { describeViolation } from '../../model/index.ts';
import { caseWith, type SyncCase, classifyCase } from '../_shared/cases.ts';
import { limitBreakFromHiddenTombstones, runCase } from '../_shared/caseRun.ts';
import { defineCheck } from '../check.ts';
import { partOf } from '../_shared/format.ts';

export default defineCheck<SyncCase>({
  id: 'limits/within-limits',
  title: 'The resulting dataset stays within the limits',
  level: 'must',
  basis: 'documented',
  clause: '§3',
  description:
    "After the handler's changes the dataset must hold at most 1,024 records and 1 MB (UTF-8 of keys and values), with keys of at most 1,024 characters. A handler that adds records to a full dataset makes every later sync fail. Drawn near the limits. A break caused only by tombstones the event does not list (their keys count, but the handler cannot see them) is not held against the handler.",
  arbitrary: (gen) => caseWith(['max-records'], gen),
  classify: classifyCase,
  eventOf: (c) => c.event,
  // Every case is a full dataset (1,024 records): 50 of them cover the class.
  maxRuns: 50,
  async property(c, ctx) {
    const { outcome, verdict, evidence } = await runCase(c, ctx);
    if (outcome.kind !== 'replied') return { ok: true };
    const over = verdict.violations.filter((v) => partOf(v) === 'limits');
    if (!over.length) return { ok: true, evidence };
    // Tombstones the event does not list weigh on the size, but the handler cannot see them.
    if (limitBreakFromHiddenTombstones(c, outcome, ctx, verdict)) return { ok: true, evidence };
    return { ok: false, messages: over.map(describeViolation), evidence };
  },
});
