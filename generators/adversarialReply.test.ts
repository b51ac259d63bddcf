/** The reply mutations against the model: each one reached, each judged as the contract says. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judge } from '../model/index.ts';
import { adversarialReply } from './adversarialReply.ts';
import { REPLY_MUTATION_LABELS } from './_internal/replyMutations.ts';
import { syncCase } from './syncCase.ts';

/** Small cases at the default readings: the table's verdicts are stated for those. */
const cases = syncCase({ size: 'small', defaultReadings: true });

describe('adversarialReply', () => {
  it('gets the verdict of its table from the model, for every mutation', () => {
    fc.assert(
      fc.property(
        cases.chain((c) => adversarialReply({ event: c.event }).map((r) => [c, r] as const)),
        ([c, r]) => {
          const v = judge(c.event, r.replyJson, { before: c.before, tombstoneKeys: c.tombstoneKeys });
          expect(`${r.mutation}: ${v.status}`).toBe(`${r.mutation}: ${r.expected}`);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reaches every mutation', () => {
    const [c] = fc.sample(cases, { seed: 1, numRuns: 1 });
    if (!c) throw new Error('no case');
    const seen = new Set(
      fc.sample(adversarialReply({ event: c.event }), { seed: 1, numRuns: 3000 }).map((r) => r.mutation),
    );
    expect(REPLY_MUTATION_LABELS.filter((m) => !seen.has(m))).toStrictEqual([]);
  });

  it('serializes as Lambda does: Dates as ISO strings, undefined fields dropped, __proto__ kept as a key', () => {
    const [c] = fc.sample(cases, { seed: 2, numRuns: 1 });
    if (!c) throw new Error('no case');
    const one = (mutation: (typeof REPLY_MUTATION_LABELS)[number]): string =>
      fc.sample(adversarialReply({ event: c.event, mutations: [mutation] }), { seed: 1, numRuns: 1 })[0]?.replyJson ??
      '';
    expect(one('newValue-date')).toMatch(/"newValue":"2024-01-\d\dT00:00:00.000Z"/);
    expect(one('undefined:identityId')).not.toContain('"identityId"');
    expect(one('reply-undefined')).toBe('null');
    expect(one('key-proto-added')).toContain('"__proto__":{');
    expect(Object.keys((JSON.parse(one('key-proto-added')) as { datasetRecords: object }).datasetRecords)).toContain(
      '__proto__',
    );
  });
});
