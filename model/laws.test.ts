/**
 * Property tests of the model's laws. The arbitraries here are deliberately small and local: the model must stand
 * on its own, and the product generators are tested against the model separately.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEvent } from './buildEvent.ts';
import { updateRecords, liveValues } from './dataset.ts';
import { MAX_DATASET_BYTES, MAX_RECORDS } from './limits.ts';
import { datasetBytes } from './datasetLimits.ts';
import { judge, type LambdaResult } from './judge.ts';
import { outcomeOf } from './dependence.ts';
import { applyChanges } from './effects.ts';
import { OPEN_POINTS, DEFAULT_READINGS, type Readings } from './registry.ts';
import { READ_ONLY_FIELDS, type RecordPatch, type SyncTriggerEvent } from './types.ts';
import { ds, ID, rec } from './testkit.test-helpers.ts';
import { dict } from './dict.ts';

const key = fc.constantFrom('a', 'b', 'c', '__proto__', 'constructor', 'toString', 'ключ', '🔑', 'x:y.z-_');
const value = fc.oneof(fc.string({ maxLength: 8 }), fc.constant(''));
const stored = fc
  .uniqueArray(fc.tuple(key, fc.option(value, { freq: 4 }), fc.integer({ min: 1, max: 5 })), {
    selector: (t) => t[0],
    maxLength: 6,
  })
  .map((rows) => ds(rows.map(([k, v, n]) => rec(k, v, n))));
const patchesFor = (s: ReturnType<typeof ds>): fc.Arbitrary<RecordPatch[]> =>
  fc.uniqueArray(
    fc.tuple(key, fc.boolean(), value).map(([k, remove, v]): RecordPatch => {
      const syncCount = s.records.find((r) => r.key === k)?.syncCount ?? 0;
      return remove ? { op: 'remove', key: k, syncCount } : { op: 'replace', key: k, value: v, syncCount };
    }),
    { selector: (p) => p.key, maxLength: 4 },
  );
const scenario = stored.chain((s) => fc.tuple(fc.constant(s), patchesFor(s)));
const eventShapeReadings = fc.record(
  Object.fromEntries(
    OPEN_POINTS.filter((p) => p.area === 'event').map((p) => [p.id, fc.constantFrom(...p.readings.map((r) => r.id))]),
  ),
) as unknown as fc.Arbitrary<Partial<Readings>>;

const echo = (e: SyncTriggerEvent): LambdaResult => ({ kind: 'reply', json: JSON.stringify(e) });
const userIntent = (s: ReturnType<typeof ds>, patches: RecordPatch[]) =>
  applyChanges(
    liveValues(s),
    patches.map((p) =>
      p.op === 'remove'
        ? { key: p.key, kind: 'remove' as const }
        : { key: p.key, kind: 'write' as const, value: p.value ?? '' },
    ),
  );
const tombstonesOf = (s: ReturnType<typeof ds>) => s.records.filter((r) => r.value === null).map((r) => r.key);

describe('model laws', () => {
  it('an echo reply applies exactly the user patches the event carries (default readings)', () => {
    fc.assert(
      fc.property(scenario, ([s, patches]) => {
        const res = updateRecords(s, { patches, now: 1 }, echo);
        expect(res.ok).toBe(true);
        // A key written again over a tombstone arrives as a null entry (amazon-cognito-js#61), which is ignored.
        const readd = (p: RecordPatch) =>
          p.op === 'replace' && s.records.some((r) => r.key === p.key && r.value === null);
        expect({ ...liveValues(res.state) }).toStrictEqual({
          ...userIntent(
            s,
            patches.filter((p) => !readd(p)),
          ),
        });
      }),
    );
  });

  it('an echo reply applies exactly the user patches when a re-added key arrives like a new record', () => {
    const readings: Readings = { ...DEFAULT_READINGS, 'event.readdOverTombstone': 'new-record' };
    fc.assert(
      fc.property(scenario, ([s, patches]) => {
        const res = updateRecords(s, { patches, now: 1 }, echo, readings);
        expect(res.ok).toBe(true);
        expect({ ...liveValues(res.state) }).toStrictEqual({ ...userIntent(s, patches) });
      }),
    );
  });

  it('omitting a record leaves it as stored', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), ([s, patches], pick) => {
        const e = buildEvent(s, patches, ID);
        const keys = Object.keys(e.datasetRecords);
        fc.pre(keys.length > 0);
        const k = keys[pick % keys.length] ?? '';
        const records = dict<unknown>();
        for (const [kk, v] of Object.entries(e.datasetRecords)) if (kk !== k) records[kk] = v;
        const v = judge(e, JSON.stringify({ ...e, datasetRecords: records }), {
          before: liveValues(s),
          tombstoneKeys: tombstonesOf(s),
        });
        expect(v.status).toBe('accepted');
        if (v.status === 'accepted') expect(v.after[k]).toBe(liveValues(s)[k]);
      }),
    );
  });

  it('op remove and newValue null both remove', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ([s, patches], viaNull) => {
        const e = buildEvent(s, patches, ID);
        const records = dict<unknown>();
        for (const k of Object.keys(e.datasetRecords))
          records[k] = viaNull ? { newValue: null, op: 'replace' } : { newValue: 'ignored', op: 'remove' };
        const v = judge(e, JSON.stringify({ ...e, datasetRecords: records }), { before: liveValues(s) });
        expect(v.status === 'accepted' && Object.keys(v.after).filter((k) => k in records)).toStrictEqual([]);
      }),
    );
  });

  it('any read-only change is rejected and writes nothing', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.constantFrom(...READ_ONLY_FIELDS),
        fc.oneof(fc.constant(undefined), fc.string(), fc.integer()),
        ([s, patches], field, to) => {
          const res = updateRecords(s, { patches, now: 1 }, (e) => {
            fc.pre(e[field] !== to);
            return { kind: 'reply', json: JSON.stringify({ ...e, [field]: to }) };
          });
          expect(res.ok).toBe(false);
          expect(res.state).toBe(s);
        },
      ),
    );
  });

  it('SyncCount rises by exactly one per accepted update that writes, tombstones survive, limits hold', () => {
    fc.assert(
      fc.property(scenario, ([s, patches]) => {
        const res = updateRecords(s, { patches, now: 1 }, echo);
        if (!res.ok) return;
        const wrote = res.records.length > 0;
        expect(res.state.syncCount).toBe(s.syncCount + (wrote ? 1 : 0));
        for (const t of tombstonesOf(s)) expect(res.state.records.some((r) => r.key === t)).toBe(true);
        expect(Object.keys(liveValues(res.state)).length).toBeLessThanOrEqual(MAX_RECORDS);
        expect(datasetBytes(liveValues(res.state), tombstonesOf(res.state))).toBeLessThanOrEqual(MAX_DATASET_BYTES);
      }),
    );
  });

  it('judging is independent of key order, under any event-shape reading', () => {
    fc.assert(
      fc.property(scenario, eventShapeReadings, fc.infiniteStream(fc.nat()), ([s, patches], shape, rnd) => {
        const readings = { ...DEFAULT_READINGS, ...shape };
        const e = buildEvent(s, patches, ID, readings);
        const entries = Object.entries(e.datasetRecords);
        const shuffled = entries
          .map((x) => [rnd.next().value, x] as const)
          .sort((a, b) => a[0] - b[0])
          .map((x) => x[1]);
        const records = dict<unknown>();
        for (const [k, v] of shuffled) records[k] = v;
        const opts = { readings, before: liveValues(s), tombstoneKeys: tombstonesOf(s) };
        const a = judge(e, JSON.stringify(e), opts);
        const b = judge(e, JSON.stringify({ ...e, datasetRecords: records }), opts);
        expect(a.status).toBe(b.status);
        if (a.status === 'accepted' && b.status === 'accepted') expect({ ...a.after }).toStrictEqual({ ...b.after });
      }),
    );
  });

  it('a verdict depends only on the readings it consulted', () => {
    // What the enumeration of every allowed combination (readingConstraints.test.ts) rests on.
    const anyReadings = fc.record(
      Object.fromEntries(OPEN_POINTS.map((p) => [p.id, fc.constantFrom(...p.readings.map((r) => r.id))])),
    ) as unknown as fc.Arbitrary<Readings>;
    const oddEntry = fc.constantFrom<unknown>(
      null,
      { newValue: 'v' },
      { newValue: 'v', op: 'upsert' },
      { op: 'replace' },
      { newValue: 7, op: 'replace' },
      { newValue: { deep: [1] }, op: 'replace' },
      { oldValue: 'x', newValue: 'x', op: 'replace' },
      { newValue: 'x'.repeat(1_048_576), op: 'replace' },
    );
    fc.assert(
      fc.property(
        scenario,
        anyReadings,
        anyReadings,
        fc.dictionary(key, oddEntry, { maxKeys: 3 }),
        fc.boolean(),
        fc.boolean(),
        ([s, patches], a, b, odd, extra, noRecords) => {
          const e = buildEvent(s, patches, ID, a);
          const records = dict<unknown>();
          for (const [k, v] of Object.entries(e.datasetRecords)) records[k] = v;
          for (const [k, v] of Object.entries(odd)) records[k] = v;
          const reply: Record<string, unknown> = { ...e, datasetRecords: records };
          if (extra) reply.extra = 1;
          if (noRecords) delete reply.datasetRecords;
          const json = JSON.stringify(reply);
          const opts = { before: liveValues(s), tombstoneKeys: tombstonesOf(s) };
          const va = judge(e, json, { ...opts, readings: a });
          const mixed = { ...b } as Record<string, string>;
          for (const p of va.consulted) mixed[p] = a[p];
          const vb = judge(e, json, { ...opts, readings: mixed as unknown as Readings });
          expect(outcomeOf(vb)).toBe(outcomeOf(va));
          expect([...vb.consulted].sort()).toStrictEqual([...va.consulted].sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});
