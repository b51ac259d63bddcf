/**
 * `report.json` and its JSON Schema: the file is the run as it is, every shape the run-result type allows validates,
 * real runs validate, and the schema rejects what breaks the format. The schema's closed lists are pinned to the
 * model's own, so neither can change alone.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkConformance, type RunResult } from '../harness/index.ts';
import type { CheckOutcome } from '../harness/result.ts';
import { OPEN_POINTS, SERVICE_ERROR_STATUS, type ViolationCode } from '../model/index.ts';
import type { InvocationOutcome } from '../model/invocation.ts';
import { fixtureRun, hugeFailureRun } from './__fixtures__/run.ts';
import { REPORT_SCHEMA, schemaErrors } from './__fixtures__/schema.ts';
import { EVERY_INVOCATION, everyFieldRun, minimalRun } from './__fixtures__/shapes.ts';
import { expandReport, renderJson } from './index.ts';

const parsed = (run: RunResult): Record<string, unknown> => JSON.parse(renderJson(run)) as Record<string, unknown>;
const def = (name: string): Record<string, unknown> => REPORT_SCHEMA.definitions[name] ?? {};
const enumAt = (schema: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], schema);

// Complete lists of the type's members: the compiler rejects a missing or an unknown one.
const OUTCOMES = { pass: 1, fail: 1, error: 1, skip: 1, timeout: 1 } satisfies Record<CheckOutcome, 1>;
const KINDS = { replied: 1, threw: 1, 'timed-out': 1, 'no-reply': 1, crashed: 1 } satisfies Record<
  InvocationOutcome['kind'],
  1
>;
const CODES = {
  'handler-error': 1,
  'deadline-exceeded': 1,
  'reply-not-utf8': 1,
  'reply-not-json': 1,
  'reply-not-object': 1,
  'read-only-field-changed': 1,
  'read-only-field-missing': 1,
  'extra-top-level-field': 1,
  'dataset-records-missing': 1,
  'dataset-records-not-object': 1,
  'record-not-object': 1,
  'record-null-entry': 1,
  'invalid-op': 1,
  'missing-new-value': 1,
  'non-string-value': 1,
  'key-empty': 1,
  'key-too-long': 1,
  'value-too-long': 1,
  'too-many-records': 1,
  'dataset-too-large': 1,
} satisfies Record<ViolationCode, 1>;

describe('report.json', () => {
  it('is the run as it is, pinned by a snapshot of the fixed run', () => {
    const text = renderJson(fixtureRun());
    expect(JSON.stringify(JSON.parse(text))).toBe(JSON.stringify(fixtureRun()));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toMatchSnapshot();
  });

  it('validates against the shipped schema: the fixed run, a huge one, and every shape of the type', () => {
    expect(schemaErrors(parsed(fixtureRun()))).toStrictEqual([]);
    expect(schemaErrors(parsed(hugeFailureRun(50)))).toStrictEqual([]);
    expect(schemaErrors(parsed(everyFieldRun()))).toStrictEqual([]);
    expect(schemaErrors(parsed(minimalRun()))).toStrictEqual([]);
    const kinds = new Set(
      everyFieldRun()
        .checks.flatMap((c) => c.counterexample?.invocations ?? [])
        .map((i) => i.kind),
    );
    expect([...kinds].sort()).toStrictEqual(Object.keys(KINDS).sort());
  });

  it('of a real run (a failing handler, shrunk counterexamples) is valid too', async () => {
    const run = await checkConformance({
      handler: new URL('../fixtures/handlers/conformance/bad-rebuild-records.mjs', import.meta.url).pathname,
      checks: ['reply', 'data', 'timing/margin'],
      runs: 20,
      seed: 3,
      store: false,
      isolation: 'in-process',
    });
    expect(run.summary.failed).toBeGreaterThan(0);
    expect(schemaErrors(parsed(run))).toStrictEqual([]);
  });

  it('the schema rejects what breaks the format', () => {
    const run = parsed(fixtureRun()) as { checks: Record<string, unknown>[] } & Record<string, unknown>;
    const failing = run.checks.findIndex((c) => c.outcome === 'fail');
    const withCheck = (patch: (c: Record<string, unknown>) => Record<string, unknown>): unknown => ({
      ...run,
      checks: run.checks.map((c, i) => (i === failing ? patch(c) : c)),
    });
    const cx = (c: Record<string, unknown>): Record<string, unknown> => c.counterexample as Record<string, unknown>;
    const cases: [string, unknown, RegExp][] = [
      [
        'a fail without counterexample',
        withCheck((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'counterexample'))),
        /counterexample/,
      ],
      ['another schema version', { ...run, schemaVersion: 2 }, /schemaVersion/],
      ['an unknown outcome', withCheck((c) => ({ ...c, outcome: 'passed' })), /outcome/],
      ['an error without its error', withCheck((c) => ({ ...c, outcome: 'error' })), /error/],
      ['an unknown top-level field', { ...run, extra: 1 }, /additional/],
      [
        'a reply without its json',
        withCheck((c) => ({ ...c, counterexample: { ...cx(c), invocations: [{ kind: 'replied', ms: 1, logs: '' }] } })),
        /json/,
      ],
      [
        'a non-string dataset value',
        withCheck((c) => ({ ...c, counterexample: { ...cx(c), stored: { a: 1 } } })),
        /stored/,
      ],
      [
        'an unknown violation code',
        withCheck((c) => ({
          ...c,
          counterexample: { ...cx(c), violations: [{ code: 'x', path: '$', clause: '§2' }] },
        })),
        /violations/,
      ],
      ['a reading of no point', { ...run, nonDefaultReadings: ['nullEntry'] }, /nonDefaultReadings/],
      [
        'a counterexample without its event, not named in inInput',
        withCheck((c) => ({
          ...c,
          counterexample: Object.fromEntries(Object.entries(cx(c)).filter(([k]) => k !== 'event')),
        })),
        /event/,
      ],
    ];
    for (const [what, data, complaint] of cases) expect(schemaErrors(data).join('\n'), what).toMatch(complaint);
  });

  it('writes a huge counterexample once: copies of its input are named in inInput, and expandReport restores them', () => {
    const huge = hugeFailureRun();
    const cx = huge.checks[0]?.counterexample;
    if (!cx) throw new Error('the huge run has a counterexample');
    // The harness's shape of a case input: the event, and the stored dataset beside it.
    const run = {
      ...huge,
      checks: huge.checks.map((c) => ({
        ...c,
        counterexample: { ...cx, input: { event: cx.event, before: cx.stored } },
      })),
    };
    const text = renderJson(run);
    const written = JSON.parse(text) as { checks: { counterexample: Record<string, unknown> }[] };
    const onDisk = written.checks[0]?.counterexample ?? {};
    expect(onDisk.inInput).toStrictEqual({ event: '/event', stored: '/before' });
    expect(onDisk).not.toHaveProperty('event');
    expect(onDisk).not.toHaveProperty('stored');
    expect(onDisk).toHaveProperty('expected');
    expect(schemaErrors(written)).toStrictEqual([]);
    // Replay reads the input, which is whole; the run reads back as it was.
    // (Compared as booleans: a failing diff of two 2 MB texts would bury the output.)
    const same = (a: unknown, b: unknown): boolean => isDeepStrictEqual(a, JSON.parse(JSON.stringify(b)));
    expect(same(expandReport(written), run)).toBe(true);
    const naive = JSON.stringify(run, null, 2).length;
    expect(text.length).toBeLessThan(naive * 0.75);
    // The input as the whole event (a check whose input is its event): the pointer is "".
    const whole = JSON.parse(renderJson(hugeFailureRun())) as typeof written;
    expect(whole.checks[0]?.counterexample.inInput).toStrictEqual({ event: '' });
    expect(same(expandReport(whole), hugeFailureRun())).toBe(true);
  });

  it('closed lists in the schema are exactly the model’s', () => {
    expect(enumAt(def('check'), 'properties', 'outcome', 'enum')).toStrictEqual(Object.keys(OUTCOMES));
    expect(enumAt(def('invocation'), 'properties', 'kind', 'enum')).toStrictEqual(Object.keys(KINDS));
    expect(enumAt(def('violation'), 'properties', 'code', 'enum')).toStrictEqual(Object.keys(CODES));
    expect(enumAt(def('counterexample'), 'properties', 'serviceError', 'properties', 'name', 'enum')).toStrictEqual(
      Object.keys(SERVICE_ERROR_STATUS),
    );
    const point = new RegExp(String(enumAt(def('point'), 'pattern')));
    for (const p of OPEN_POINTS) expect(p.id).toMatch(point);
    expect(EVERY_INVOCATION.length).toBeGreaterThanOrEqual(Object.keys(KINDS).length);
  });
});
