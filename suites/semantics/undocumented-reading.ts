/** The handler's outcome does not hang on a question the AWS documentation leaves open. */
import { dependsOnReadings, openPoint } from '../../model/index.ts';
import { anyCase, type SyncCase, classifyCase } from '../_shared/cases.ts';
import { runCase } from '../_shared/caseRun.ts';
import { defineCheck } from '../check.ts';
import { withoutEchoedEntries } from '../_shared/format.ts';
import { toLambdaResult } from '../../model/invocation.ts';

export default defineCheck<SyncCase>({
  id: 'semantics/undocumented-reading',
  title: 'The outcome does not depend on undocumented behaviour',
  level: 'should',
  basis: 'undocumented',
  clause: '§2 [OPEN]',
  description:
    'Re-judges what the handler wrote (entries echoed exactly as Cognito sent them are left out: they are its own format) under every reading of each undocumented point it touches (docs/semantics.md): a null entry, numbers as values, a missing op or newValue, extra or missing top-level fields. If the outcome differs between readings, the handler relies on behaviour nobody has documented.',
  arbitrary: anyCase,
  classify: classifyCase,
  eventOf: (c) => c.event,
  async property(c, ctx) {
    const { outcome, evidence } = await runCase(c, ctx);
    const result = toLambdaResult(outcome);
    // Entries passed through unchanged are Cognito's own format: only what the handler wrote is judged.
    const own = result.kind === 'reply' ? { ...result, json: withoutEchoedEntries(c.event, result.json) } : result;
    const deps = dependsOnReadings(c.event, own, {
      readings: ctx.readings,
      before: c.before,
      tombstoneKeys: c.tombstoneKeys,
    })
      // Whether an unchanged replace bumps SyncCount is the service's business; and when every reading rejects, the
      // user sees the same thing (nothing written), whatever error name the service picks.
      .filter((d) => d.point !== 'reply.replaceSameValue')
      .filter((d) => !d.outcomes.every((o) => o.outcome.startsWith('rejected')));
    if (!deps.length) return { ok: true, evidence };
    const messages = deps.map(
      (d) =>
        `outcome depends on ${d.point} (${openPoint(d.point).question}): ${d.outcomes.map((o) => `${o.reading} → ${o.outcome.split(':')[0] ?? ''}`).join(', ')}`,
    );
    return { ok: false, messages, evidence, dependsOn: deps };
  },
});
