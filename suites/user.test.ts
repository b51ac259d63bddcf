/**
 * The user's properties in sessions: asked of every run of the trigger, with the dataset the service held when it
 * ran, and a failure placed in the timeline at the step that broke it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READINGS } from '../model/index.ts';
import { ctxOf, type Entry } from './_shared/handlerContext.test-helpers.ts';
import type { SessionInput } from './_shared/sessionRun.ts';
import { userSessionCheck, type PropertyContext } from './user.ts';

type Records = Record<string, Entry>;

/** A handler that rewrites the records with `fn`, counting its invocations into `count`. */
const handlerOf = (fn: (records: Records) => Records, count: { n: number }) =>
  ctxOf(
    (e) => ({ ...e, datasetRecords: fn(e.datasetRecords) }),
    () => {
      count.n++;
    },
  );

const sessions = (
  check: ReturnType<typeof userSessionCheck>,
  n: number,
  values?: Record<string, fc.Arbitrary<string>>,
): SessionInput[] =>
  fc.sample(check.arbitrary({ readings: DEFAULT_READINGS, ...(values ? { values } : {}) }), {
    seed: 4,
    numRuns: n,
  });

describe('user properties in sessions', () => {
  it('are asked of every run of the trigger, with the stored values it ran on', async () => {
    const seen: PropertyContext[] = [];
    const check = userSessionCheck({ name: 'records', check: (v) => void seen.push(v) });
    const count = { n: 0 };
    for (const input of sessions(check, 20)) {
      const before = count.n;
      const out = await check.property(
        input,
        handlerOf((r) => r, count),
      );
      expect(out.ok).toBe(true);
      // Every session runs the trigger: a property asked of nothing would pass on no evidence.
      expect(count.n, JSON.stringify(input.session.steps)).toBeGreaterThan(before);
    }
    expect(count.n).toBeGreaterThan(15);
    expect(seen).toHaveLength(count.n);
    for (const v of seen) {
      expect(v.session?.device).toMatch(/^device-\d$/);
      // The event's old values are the stored ones the property is given as `before`.
      for (const [key, r] of Object.entries(v.event.datasetRecords))
        if (typeof r?.oldValue === 'string') expect(v.before[key]).toBe(r.oldValue);
      expect(v.verdict.status).toBe('accepted');
      expect(v.after).not.toBeNull();
    }
    expect(seen.some((v) => v.session?.step === 0)).toBe(true);
    expect(seen.some((v) => (v.session?.step ?? 0) > 0)).toBe(true);
  });

  it('fail at the run that breaks them, noted in the timeline, with the event of that run', async () => {
    // The handler caps every value at 3 characters, and the property wants values kept as the devices wrote them.
    const cap = (r: Records): Records =>
      Object.fromEntries(
        Object.entries(r).map(([k, e]) => [
          k,
          e && typeof e.newValue === 'string' ? { ...e, newValue: e.newValue.slice(0, 3) } : e,
        ]),
      );
    const check = userSessionCheck({
      name: 'kept',
      check: ({ event, after }) =>
        Object.entries(event.datasetRecords).every(
          ([k, e]) => e?.op !== 'replace' || after === null || after[k] === e.newValue,
        ) || 'a value was cut',
    });
    const values = { score: fc.constantFrom('1', '123456') };
    const failures = [];
    for (const input of sessions(check, 30, values)) {
      const out = await check.property(input, handlerOf(cap, { n: 0 }));
      if (!out.ok) failures.push(out);
    }
    expect(failures.length).toBeGreaterThan(0);
    const first = failures[0];
    expect(first?.messages[0]).toBe('a value was cut');
    expect(JSON.stringify(first?.evidence.event)).toContain('123456');
    const notes = first?.evidence.timeline?.rows.filter((r) => r.kind === 'check') ?? [];
    expect(notes.map((r) => r.text)).toStrictEqual(['property "kept" does not hold here']);
  });
});
