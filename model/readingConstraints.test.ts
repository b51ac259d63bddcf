/**
 * The constraints between readings against AWS's own handlers: the Lambda console's echo blueprint and the sample of
 * the developer guide (examples/aws-docs-sample.cjs) must be conformant under every combination the constraints
 * allow, and every constraint must exclude a combination under which one of them is rejected. The one exception is
 * the sample's own bug: it crashes on a null entry at SampleKey1 or SampleKey2 under any reading that puts one there
 * (the default `event.readdOverTombstone` among them). No reading could excuse a crash, and the suite reports it as
 * the real bug it is; the test checks that this crash, and nothing else, is what it sets aside.
 *
 * Every allowed combination is enumerated without listing millions of them: the event points are enumerated in
 * full (each builds a different event), and for each event and reply the other points are split only where the
 * judge consults them — a verdict depends only on the readings it consulted (a law in laws.test.ts), so each leaf
 * of that split stands for every combination that agrees with it, and is checked when any of them is allowed.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildEvent } from './buildEvent.ts';
import { liveValues } from './dataset.ts';
import { applyChanges, sameValues } from './effects.ts';
import { judge, judgeResult, type Verdict } from './judge.ts';
import { toLambdaJson } from './lambdaJson.ts';
import {
  allowedReadings,
  brokenConstraints,
  READING_CONSTRAINTS,
  resolveReadings,
  type ReadingConstraint,
} from './readingConstraints.ts';
import { DEFAULT_READINGS, OPEN_POINTS, type Readings } from './registry.ts';
import { ds, ID, rec } from './testkit.test-helpers.ts';
import type { DatasetState, RecordPatch, StoredRecord, SyncTriggerEvent } from './types.ts';

type Handler = (event: unknown, context: { done(err: unknown, result?: unknown): void }, cb: unknown) => void;
const require = createRequire(import.meta.url);
const sample = (require('../examples/aws-docs-sample.cjs') as { handler: Handler }).handler;
/** The Lambda console's Cognito Sync blueprint: it returns the event as it came. */
const blueprint: Handler = (event, context) => {
  context.done(null, event);
};

type Ran = { readonly json: string } | { readonly threw: unknown };

/** Runs a handler as Lambda would, on its own copy of the event, and serializes its result. */
function run(handler: Handler, event: SyncTriggerEvent): Ran {
  let out: Ran | undefined;
  const done = (err: unknown, result?: unknown): void => {
    const sent = toLambdaJson(result);
    out ??= err ? { threw: err } : sent.ok ? { json: sent.json } : { threw: new Error(sent.reason) };
  };
  try {
    handler(JSON.parse(JSON.stringify(event)), { done }, done);
  } catch (e) {
    return { threw: e };
  }
  return out ?? { threw: new Error('no reply') };
}

/** What happens to one key in a scenario: how it is stored, and the user's patch. */
type KeyState = readonly ['absent' | 'live' | 'tombstone', 'none' | 'replace' | 'same' | 'remove'];
const STATES: readonly KeyState[] = (['absent', 'live', 'tombstone'] as const).flatMap((s) =>
  (['none', 'replace', 'same', 'remove'] as const)
    .filter((p) => p !== 'same' || s === 'live')
    .map((p) => [s, p] as const),
);

/** A dataset where SampleKey1–3 are all in one state and ten other keys cover every state. */
function scenario(state: KeyState | undefined): { dataset: DatasetState; patches: RecordPatch[] } {
  const keys: [string, KeyState][] = STATES.map((s, i) => [`k${String(i)}`, s]);
  if (state) for (const k of ['SampleKey1', 'SampleKey2', 'SampleKey3']) keys.push([k, state]);
  const records: StoredRecord[] = [];
  const patches: RecordPatch[] = [];
  for (const [key, [stored, patch]] of keys) {
    if (stored !== 'absent') records.push(rec(key, stored === 'live' ? 'v' : null, 1));
    const syncCount = stored === 'absent' ? 0 : 1;
    if (patch === 'replace') patches.push({ op: 'replace', key, value: 'w', syncCount });
    if (patch === 'same') patches.push({ op: 'replace', key, value: 'v', syncCount });
    if (patch === 'remove') patches.push({ op: 'remove', key, syncCount });
  }
  return { dataset: ds(records), patches };
}

const EVENT_POINTS = OPEN_POINTS.filter((p) => p.area === 'event');

/** Every choice of the event points. */
function eventCombos(): Partial<Readings>[] {
  let combos: Record<string, string>[] = [{}];
  for (const p of EVENT_POINTS) combos = combos.flatMap((c) => p.readings.map((r) => ({ ...c, [p.id]: r.id })));
  return combos;
}

/** One leaf of the split: the readings fixed so far, and the verdict every completion of them gets. */
interface Leaf {
  readonly fixed: Partial<Readings>;
  readonly verdict: Verdict;
}

/** Splits the non-event points where the judge consults them, down to leaves whose verdict is settled. */
function leaves(events: Partial<Readings>, judgeUnder: (r: Readings) => Verdict): Leaf[] {
  const out: Leaf[] = [];
  const stack: Partial<Readings>[] = [events];
  while (stack.length) {
    const fixed = stack.pop() as Partial<Readings>;
    const verdict = judgeUnder({ ...DEFAULT_READINGS, ...fixed });
    const open = verdict.consulted.find((p) => fixed[p] === undefined);
    if (open === undefined) out.push({ fixed, verdict });
    else for (const r of OPEN_POINTS.find((p) => p.id === open)?.readings ?? []) stack.push({ ...fixed, [open]: r.id });
  }
  return out;
}

/** The constraints every completion of `fixed` breaks (a leaf has an allowed completion when there are none). */
function alwaysBroken(fixed: Partial<Readings>): ReadingConstraint[] {
  return READING_CONSTRAINTS.filter(
    (c) =>
      c.when.readings.includes(fixed[c.when.point] ?? '') &&
      c.excludes.readings.includes(fixed[c.excludes.point] ?? ''),
  );
}

/** What an echo must leave: the user's patches, except keys Cognito sent as null entries, which stay as stored. */
function echoIntent(dataset: DatasetState, patches: readonly RecordPatch[], event: SyncTriggerEvent) {
  const nulls = new Set(Object.entries(event.datasetRecords).flatMap(([k, e]) => (e === null ? [k] : [])));
  const before = liveValues(dataset);
  return applyChanges(
    before,
    patches
      .filter((p) => !nulls.has(p.key))
      .map((p) =>
        p.op === 'remove'
          ? { key: p.key, kind: 'remove' as const }
          : { key: p.key, kind: 'write' as const, value: p.value ?? '' },
      ),
  );
}

describe('constraints between readings', () => {
  const results = { leaves: 0, allowed: 0, needed: new Set<ReadingConstraint>() };
  const failures: string[] = [];
  /** The sample's crashes on its own null-entry bug, set aside from `failures`; and how many events could cause one. */
  const sampleCrashes: { readonly event: SyncTriggerEvent; readonly threw: unknown }[] = [];
  let nullAtSampleKeys = 0;
  const scenarios = [undefined, ...STATES].map(scenario);
  for (const events of eventCombos()) {
    for (const { dataset, patches } of scenarios) {
      const event = buildEvent(dataset, patches, ID, { ...DEFAULT_READINGS, ...events });
      const opts = {
        before: liveValues(dataset),
        tombstoneKeys: dataset.records.filter((r) => r.value === null).map((r) => r.key),
      };
      const intent = echoIntent(dataset, patches, event);
      for (const [name, handler] of [
        ['echo blueprint', blueprint],
        ['documented sample', sample],
      ] as const) {
        const ran = run(handler, event);
        // The sample writes properties after an `in` test: a null entry (amazon-cognito-js#61) at the keys it
        // touches makes it throw under any reading. That is the sample's bug, not a reading that rejects it.
        const ownBug =
          name === 'documented sample' && ['SampleKey1', 'SampleKey2'].some((k) => event.datasetRecords[k] === null);
        if (ownBug) nullAtSampleKeys++;
        if ('threw' in ran) {
          if (ownBug) sampleCrashes.push({ event, threw: ran.threw });
          else failures.push(`${name} threw: ${String(ran.threw)}`);
          continue;
        }
        for (const leaf of leaves(events, (readings) => judge(event, ran.json, { ...opts, readings }))) {
          results.leaves++;
          const broken = alwaysBroken(leaf.fixed);
          const ok =
            leaf.verdict.status === 'accepted' && (name !== 'echo blueprint' || sameValues(leaf.verdict.after, intent));
          if (broken.length) {
            if (!ok) for (const c of broken) results.needed.add(c);
            continue;
          }
          results.allowed++;
          if (!ok)
            failures.push(
              `${name} under ${JSON.stringify(leaf.fixed)}: ${leaf.verdict.status === 'rejected' ? leaf.verdict.error.name : 'wrong result'}`,
            );
        }
      }
    }
  }

  it('accepts the echo blueprint (leaving the user intent) and the documented sample, apart from its own null-entry crash, under every allowed combination', () => {
    expect(results.allowed).toBeGreaterThan(1000);
    expect(failures.slice(0, 10)).toStrictEqual([]);
  });

  it('sets aside only the documented sample’s crash on a null entry at its keys, a bug under every reading', () => {
    // The crash happens (the default readings put a null entry at a key written again over its tombstone) …
    expect(sampleCrashes.length).toBeGreaterThan(0);
    expect(sampleCrashes.length).toBe(nullAtSampleKeys);
    for (const { threw } of sampleCrashes)
      expect(String(threw)).toMatch(/^TypeError: Cannot set properties of null \(setting '(newValue|op)'\)$/);
    // … and it is the handler's error whatever the readings: the suite reports it, no reading could accept it.
    for (const { event, threw } of sampleCrashes.slice(0, 20)) {
      const v = judgeResult(event, { kind: 'error', errorType: 'TypeError', errorMessage: String(threw) });
      expect(v.status === 'rejected' && v.error.name).toBe('InvalidLambdaFunctionOutputException');
      expect(v.consulted).toStrictEqual([]);
    }
  });

  it('has no constraint that excludes only combinations under which both handlers pass', () => {
    expect(READING_CONSTRAINTS.filter((c) => !results.needed.has(c)).map((c) => c.why)).toStrictEqual([]);
  });

  it('names each broken constraint, with which side to change, when a choice breaks one', () => {
    const r = resolveReadings({ 'event.untouchedRecord': 'op-absent' });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toStrictEqual([
        expect.stringMatching(
          /^event\.untouchedRecord=op-absent cannot go with reply\.opMissing=invalid \(the default\): .*echo blueprint.*; choose reply\.opMissing=replace or reply\.opMissing=ignored$/,
        ),
      ]);
    const both = resolveReadings({ 'event.readdOverTombstone': 'null-entry', 'reply.nullEntry': 'invalid' });
    expect(both.ok || both.problems.join()).toMatch(
      /choose reply\.nullEntry=ignored or reply\.nullEntry=remove, or event\.readdOverTombstone=new-record/,
    );
    expect(resolveReadings({ 'event.untouchedRecord': 'op-absent', 'reply.opMissing': 'ignored' }).ok).toBe(true);
    expect(resolveReadings({ 'reply.nullEntry': 'invalid' }, { constraints: false }).ok).toBe(true);
  });

  it('says a split point was split', () => {
    const r = resolveReadings({ 'reply.invalidOp': 'replace' });
    expect(r.ok || r.problems.join()).toMatch(/split into reply\.opMissing .* and reply\.opInvalid/);
  });

  it('allows the defaults, and offers each point the readings that keep the others valid', () => {
    expect(brokenConstraints(DEFAULT_READINGS)).toStrictEqual([]);
    expect(allowedReadings('reply.nullEntry', DEFAULT_READINGS)).toStrictEqual(['ignored', 'remove']);
    const many = { ...DEFAULT_READINGS, 'event.readdOverTombstone': 'new-record' as const };
    expect(allowedReadings('reply.nullEntry', many)).toStrictEqual(['ignored', 'invalid', 'remove']);
    for (const p of OPEN_POINTS)
      expect(allowedReadings(p.id, DEFAULT_READINGS), p.id).toContain(DEFAULT_READINGS[p.id]);
  });

  it('runs the handlers as Lambda would (sanity of the harness of this test)', () => {
    const { dataset, patches } = scenario(['live', 'none']);
    const event = buildEvent(dataset, patches, ID);
    const ran = run(sample, event);
    expect('json' in ran && (JSON.parse(ran.json) as SyncTriggerEvent).datasetRecords.SampleKey1).toStrictEqual({
      oldValue: 'v',
      newValue: 'ModifyValue1',
      op: 'replace',
    });
    expect(run(blueprint, event)).toStrictEqual({ json: JSON.stringify(event) });
  });
});
