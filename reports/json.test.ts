/**
 * `report.json` and its JSON Schema: the file is the run as it is, every shape the run-result type allows validates,
 * real runs validate, and the schema rejects what breaks the format. The schema's closed lists are pinned to the
 * model's own, so neither can change alone.
 */
import { firstCounterexample, mapFailures } from '../harness/result.ts';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkConformance, type RunResult } from '../harness/index.ts';
import type { CheckOutcome } from '../harness/result.ts';
import { OPEN_POINTS, SERVICE_ERROR_STATUS, VIOLATION_CODES } from '../model/index.ts';
import type { InvocationOutcome } from '../model/invocation.ts';
import { fixtureRun, hugeFailureRun } from './__fixtures__/run.ts';
import { REPORT_SCHEMA, schemaErrors } from './__fixtures__/schema.ts';
import { EVERY_INVOCATION, everyFieldRun, minimalRun } from './__fixtures__/shapes.ts';
import { expandReport, renderJson } from './index.ts';

const parsed = (run: RunResult): Record<string, unknown> => JSON.parse(renderJson(run)) as Record<string, unknown>;

/** Every `enum` and `const` the schema allows at a property name, anywhere in it (a union lists them per member). */
function allowedAt(schema: unknown, property: string): string[] {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const props = o.properties as Record<string, { enum?: unknown[]; const?: unknown } | undefined> | undefined;
      const at = props?.[property];
      if (at?.enum) for (const v of at.enum) out.add(String(v));
      if (typeof at?.const === 'string') out.add(at.const);
      Object.values(o).forEach(walk);
    }
  };
  walk(schema);
  return [...out].sort();
}

// Complete lists of the type's members: the compiler rejects a missing or an unknown one.
const OUTCOMES = { pass: 1, fail: 1, error: 1, skip: 1, timeout: 1, incomplete: 1 } satisfies Record<CheckOutcome, 1>;
const KINDS = { replied: 1, threw: 1, 'timed-out': 1, 'no-reply': 1, crashed: 1 } satisfies Record<
  InvocationOutcome['kind'],
  1
>;

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
        .checks.flatMap((c) => firstCounterexample(c)?.invocations ?? [])
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
    type Failure = Record<string, unknown> & { counterexample: Record<string, unknown> };
    const withCx = (patch: (cx: Record<string, unknown>) => Record<string, unknown>): unknown =>
      withCheck((c) => ({
        ...c,
        failures: (c.failures as Failure[]).map((f, i) => (i ? f : { ...f, counterexample: patch(f.counterexample) })),
      }));
    const cases: [string, unknown, RegExp][] = [
      [
        'a fail without failures',
        withCheck((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'failures'))),
        /failures/,
      ],
      ['a fail with no failure in its list', withCheck((c) => ({ ...c, failures: [] })), /failures/],
      ['another schema version', { ...run, schemaVersion: 1 }, /schemaVersion/],
      ['an unknown outcome', withCheck((c) => ({ ...c, outcome: 'passed' })), /outcome/],
      ['an error without its error', withCheck((c) => ({ ...c, outcome: 'error' })), /error|failures/],
      ['an unknown top-level field', { ...run, extra: 1 }, /additional/],
      ['no root causes', Object.fromEntries(Object.entries(run).filter(([k]) => k !== 'rootCauses')), /rootCauses/],
      [
        'a reply without its json',
        withCx((cx) => ({ ...cx, invocations: [{ kind: 'replied', ms: 1, logs: '' }] })),
        /json/,
      ],
      ['a non-string dataset value', withCx((cx) => ({ ...cx, stored: { a: 1 } })), /stored/],
      [
        'an unknown violation code',
        withCx((cx) => ({ ...cx, violations: [{ code: 'x', path: '$', clause: '§2' }] })),
        /violations/,
      ],
      ['a reading of no point', { ...run, nonDefaultReadings: ['nullEntry'] }, /nonDefaultReadings/],
      [
        'a counterexample without its event, not named in inInput',
        withCx((cx) => Object.fromEntries(Object.entries(cx).filter(([k]) => k !== 'event'))),
        /event|anyOf/,
      ],
    ];
    for (const [what, data, complaint] of cases) expect(schemaErrors(data).join('\n'), what).toMatch(complaint);
  });

  it('writes a huge counterexample once: copies of its input are named in inInput, and expandReport restores them', () => {
    const huge = hugeFailureRun();
    const cx = firstCounterexample(huge.checks[0]);
    if (!cx) throw new Error('the huge run has a counterexample');
    // The harness's shape of a case input: the event, and the stored dataset beside it.
    const run = {
      ...huge,
      checks: huge.checks.map((c) =>
        c.outcome === 'fail'
          ? {
              ...c,
              failures: mapFailures(c.failures, (f) => ({
                ...f,
                counterexample: { ...cx, input: { event: cx.event, before: cx.stored } },
              })),
            }
          : c,
      ),
    };
    const text = renderJson(run);
    const written = JSON.parse(text) as { checks: { failures: { counterexample: Record<string, unknown> }[] }[] };
    const onDisk = written.checks[0]?.failures[0]?.counterexample ?? {};
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
    expect(whole.checks[0]?.failures[0]?.counterexample.inInput).toStrictEqual({ event: '' });
    expect(same(expandReport(whole), hugeFailureRun())).toBe(true);
  });

  it('closed lists in the schema are exactly the model’s', () => {
    expect(allowedAt(REPORT_SCHEMA, 'outcome')).toStrictEqual(Object.keys(OUTCOMES).sort());
    expect(allowedAt(REPORT_SCHEMA, 'kind').filter((k) => k in KINDS)).toStrictEqual(Object.keys(KINDS).sort());
    expect(allowedAt(REPORT_SCHEMA, 'code')).toStrictEqual([...VIOLATION_CODES].sort());
    expect(allowedAt(REPORT_SCHEMA, 'name')).toStrictEqual(Object.keys(SERVICE_ERROR_STATUS).sort());
    expect(REPORT_SCHEMA.definitions.point?.enum).toStrictEqual(OPEN_POINTS.map((p) => p.id));
    expect(EVERY_INVOCATION.length).toBeGreaterThanOrEqual(Object.keys(KINDS).length);
  });
});
