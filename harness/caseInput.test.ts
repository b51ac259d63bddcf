import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READINGS } from '../model/index.ts';
import { CATALOG } from '../suites/catalog.ts';
import { caseAt, leadsTo } from './caseAt.ts';
import { decodeInput, encodeInput } from './caseInput.ts';
import { eventHash } from './seeds.ts';

const gen = { readings: DEFAULT_READINGS };
const json = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const shape = CATALOG.find((c) => c.id === 'reply/shape');
if (!shape) throw new Error('no reply/shape');

describe('check inputs as JSON', () => {
  it.each(CATALOG.map((c) => [c.id, c] as const))(
    '%s: a drawn input, whole or compact, comes back building the same event',
    (_id, check) => {
      for (const input of fc.sample(check.arbitrary(gen), { seed: 7, numRuns: 3 })) {
        const event = JSON.stringify(check.eventOf(input));
        for (const kept of [json(input), json(encodeInput(input))]) {
          const back = decodeInput(check, kept, 'test', { eventHash: eventHash(check.eventOf(input)) });
          expect(JSON.stringify(check.eventOf(back))).toBe(event);
        }
      }
    },
  );

  it('refuses what is not an input of the check, saying why', () => {
    const [input] = fc.sample(shape.arbitrary(gen), { seed: 1, numRuns: 1 });
    const whole = json(input) as { scenario: Record<string, unknown>; event: unknown };
    const refused = (v: unknown, known = {}): string => {
      try {
        decodeInput(shape, v, 'f.json', known);
      } catch (e) {
        expect(e).toMatchObject({ code: 'E_REPLAY_INPUT' });
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused(null)).toMatch(/^f\.json: the input of reply\/shape is not a case/);
    expect(refused([whole])).toMatch(/is not a case/);
    const at = (patch: Record<string, unknown>): unknown => ({ ...whole, scenario: { ...whole.scenario, ...patch } });
    expect(refused(at({ records: 'many' }))).toMatch(/scenario\.records is not a list/);
    expect(refused(at({ records: [{ key: '', intent: 'put', stored: '', value: '', version: 0 }] }))).toMatch(
      /records\[0\]\.key/,
    );
    expect(
      refused(at({ bulk: [{ intent: 'put', count: 1, keyLength: 8, valueLength: 1e12, char: 'x', version: 0 }] })),
    ).toMatch(/bulk\[0\]\.valueLength/);
    expect(refused(at({ readings: { 'reply.nullEntry': 'sometimes' } }))).toMatch(/no reading "sometimes"/);
    expect(refused(at({ datasetName: 'other' }))).toMatch(/does not build the event it failed with/);
    expect(refused({ scenario: whole.scenario }, { eventHash: '000000000000' })).toMatch(/does not build the event/);
    const init = CATALOG.find((c) => c.id === 'runtime/style-supported');
    if (!init) throw new Error('no runtime/style-supported');
    expect(decodeInput(init, null, 'f.json')).toBeNull();
    expect(() => decodeInput(init, whole, 'f.json')).toThrow(/is not null, the only input this check draws/);
  });
});

describe('caseAt', () => {
  it('finds by generation alone the case fast-check reports at a seed and path', () => {
    const arb = shape.arbitrary(gen);
    const details = fc.check(
      fc.property(
        arb,
        (c) => Object.keys((c as { event: { datasetRecords: object } }).event.datasetRecords).length < 3,
      ),
      { seed: 11, numRuns: 100 },
    );
    expect(details.failed).toBe(true);
    const found = details.counterexample?.[0];
    const path = details.counterexamplePath ?? '';
    expect(path).toMatch(/:/);
    const at = caseAt(shape, gen, 11, path);
    expect(JSON.stringify(shape.eventOf(at))).toBe(JSON.stringify(shape.eventOf(found)));
    expect(leadsTo(shape, gen, 11, path, eventHash(shape.eventOf(found)))).toBe(true);
    expect(leadsTo(shape, gen, 12, path, eventHash(shape.eventOf(found)))).toBe(false);
    expect(() => caseAt(shape, gen, 11, '0:9999:9999')).toThrow(/lead to no case of reply\/shape/);
    expect(() => caseAt(shape, gen, 11, 'x')).toThrow(/lead to no case/);
  });
});
