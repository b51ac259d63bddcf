/**
 * The run engine against in-memory handlers (plain functions, no isolation): each check passes an echo handler
 * and fails the handler it targets, with a shrunk counterexample and a replay line.
 */
import fc from 'fast-check';
import { firstCounterexample } from '../harness/result.ts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READINGS, toLambdaJson } from '../model/index.ts';
import { CATALOG } from '../suites/catalog.ts';
import type { Check, CheckContext } from '../suites/check.ts';
import type { InvocationOutcome } from '../runtime/invoker.ts';
import { runCheck } from './runCheck.ts';

type Fn = (event: Record<string, unknown> & { datasetRecords: Record<string, unknown> }) => unknown;

/** An in-memory target: runs `fn` on a deep copy of the event and serializes its result as Lambda does. */
function ctxOf(fn: Fn): CheckContext {
  return {
    invoke: (event) => {
      let outcome: InvocationOutcome;
      try {
        const json = toLambdaJson(fn(structuredClone(event) as Parameters<Fn>[0]));
        outcome = json.ok
          ? { kind: 'replied', json: json.json, ms: 1, logs: '' }
          : { kind: 'threw', error: { errorType: 'TypeError', errorMessage: json.reason, trace: [] }, ms: 1, logs: '' };
      } catch (e) {
        const err = e as Error;
        outcome = {
          kind: 'threw',
          error: { errorType: err.name, errorMessage: err.message, trace: [] },
          ms: 1,
          logs: '',
        };
      }
      return Promise.resolve(outcome);
    },
    init: { style: 'async' },
    runtime: 'nodejs22.x',
    readings: DEFAULT_READINGS,
    marginMs: 2500,
  };
}

const check = (id: string): Check => {
  const c = CATALOG.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};

const run = (id: string, fn: Fn, runs = 60) =>
  runCheck({
    check: check(id),
    ctx: ctxOf(fn),
    gen: { readings: DEFAULT_READINGS },
    seed: 1234,
    runs,
    stored: [],
    replayCommand: () => 'npx cognito-sync-conformance replay x',
  });

describe('runCheck with in-memory handlers', () => {
  // An echo relies on one undocumented point: Cognito's handling of the null entries it sends itself (#61).
  const echoSkips = new Set([
    'runtime/style-supported',
    'timing/deadline',
    'timing/margin',
    'semantics/undocumented-reading',
  ]);
  it.each(CATALOG.filter((c) => !echoSkips.has(c.id)).map((c) => c.id))('%s passes an echo handler', async (id) => {
    const out = await run(id, (e) => e, 30);
    expect(out.result.outcome, JSON.stringify(firstCounterexample(out.result)?.messages)).toBe('pass');
    // A check that caps its cases (the session checks: each case is a whole session) runs no more than its cap.
    expect(out.result.runs).toBe(Math.min(30, CATALOG.find((c) => c.id === id)?.maxRuns ?? 30));
    expect(Object.keys(out.result.coverage).length).toBeGreaterThan(0);
  });

  const targeted: [string, Fn][] = [
    ['reply/shape', () => null],
    ['reply/read-only-fields', (e) => ({ ...e, identityId: 'us-east-1:00000000-0000-0000-0000-000000000000' })],
    [
      'reply/record-format',
      (e) => ({ ...e, datasetRecords: { ...e.datasetRecords, extra: { newValue: 1, op: 'replace' } } }),
    ],
    [
      'robustness/null-entries',
      (e) => {
        for (const k of Object.keys(e.datasetRecords)) String((e.datasetRecords[k] as { op: string }).op.length);
        return e;
      },
    ],
    ['data/no-dropped-changes', (e) => ({ ...e, datasetRecords: {} })],
    [
      'idempotency/retry',
      (e) => ({ ...e, datasetRecords: { ...e.datasetRecords, n: { newValue: String(Math.random()), op: 'replace' } } }),
    ],
  ];

  it.each(targeted)('%s fails its target with a shrunk counterexample', async (id, fn) => {
    const out = await run(id, fn);
    expect(out.result.outcome).toBe('fail');
    const cx = firstCounterexample(out.result);
    expect(cx?.messages.length).toBeGreaterThan(0);
    expect(cx?.replay).toMatch(/replay/);
    expect(out.failures[0]?.checkId).toBe(id);
    // Shrinking reaches a small event: the minimal counterexample of these bugs needs at most a few records.
    expect(Object.keys((cx?.event as { datasetRecords: object }).datasetRecords).length).toBeLessThanOrEqual(3);
  });

  it("semantics/undocumented-reading passes an echo (Cognito's own format) and flags a null entry the handler writes", async () => {
    const echo = await run('semantics/undocumented-reading', (e) => e);
    expect(echo.result.outcome, JSON.stringify(firstCounterexample(echo.result)?.messages)).toBe('pass');
    // Removing by a null entry, instead of op "remove" or newValue null, is undocumented.
    const nullRemoval = await run('semantics/undocumented-reading', (e) => ({
      ...e,
      datasetRecords: Object.fromEntries(Object.keys(e.datasetRecords).map((k) => [k, null])),
    }));
    expect(nullRemoval.result.outcome).toBe('fail');
    expect(firstCounterexample(nullRemoval.result)?.messages.join()).toMatch(/reply.nullEntry/);
    expect(firstCounterexample(nullRemoval.result)?.restsOn).toContainEqual({
      point: 'reply.nullEntry',
      reading: 'ignored',
    });
  });

  it('names the readings a failure rests on, and none for one that holds under every reading', async () => {
    // A published bug: every record goes back as op "replace", removed ones too. Under the default event shape a
    // removed record carries newValue null (a removal, fine); drawn without newValue, it is a replace without value.
    const flip = await run('data/user-removals-kept', (e) => ({
      ...e,
      datasetRecords: Object.fromEntries(
        Object.entries(e.datasetRecords).map(([k, v]) => [k, v === null ? null : { ...(v as object), op: 'replace' }]),
      ),
    }));
    expect(flip.result.outcome).toBe('fail');
    const restsOn = firstCounterexample(flip.result)?.restsOn ?? [];
    expect(restsOn.map((r) => r.point)).toContain('event.removedRecordNewValue');
    expect(restsOn.every((r) => r.point.startsWith('event.') || r.reading === DEFAULT_READINGS[r.point])).toBe(true);
    const none = await run('reply/shape', () => null);
    expect(firstCounterexample(none.result)?.restsOn).toStrictEqual([]);
  });

  it('re-runs stored failures first and reports the ones that now pass', async () => {
    const failing = await run('reply/shape', () => null);
    const stored = failing.failures;
    const again = await runCheck({
      check: check('reply/shape'),
      ctx: ctxOf(() => null),
      gen: { readings: DEFAULT_READINGS },
      seed: 99,
      runs: 10,
      stored,
      replayCommand: () => '',
    });
    expect(firstCounterexample(again.result)?.eventHash).toBe(failing.failures[0]?.eventHash);
    const fixed = await runCheck({
      check: check('reply/shape'),
      ctx: ctxOf((e) => e),
      gen: { readings: DEFAULT_READINGS },
      seed: 99,
      runs: 10,
      stored,
      replayCommand: () => '',
    });
    expect(fixed.result.outcome).toBe('pass');
    expect(fixed.nowPassing).toStrictEqual([failing.failures[0]?.eventHash]);
  });

  it('reports harness trouble as an error, never a pass', async () => {
    const ctx = ctxOf((e) => e);
    const broken: CheckContext = { ...ctx, invoke: () => Promise.reject(new Error('socket closed')) };
    const out = await runCheck({
      check: check('reply/shape'),
      ctx: broken,
      gen: { readings: DEFAULT_READINGS },
      seed: 1,
      runs: 5,
      stored: [],
      replayCommand: () => '',
    });
    expect(out.result).toMatchObject({ outcome: 'error', error: { message: /socket closed/ } });
  });
});

describe('a handler that never replies in time', () => {
  /** A target that hangs on every event (reported at once: the deadline itself is the isolate's business). */
  const hanging = (): { ctx: CheckContext; calls: () => number } => {
    let calls = 0;
    return {
      calls: () => calls,
      ctx: {
        ...ctxOf((e) => e),
        invoke: () => {
          calls++;
          return Promise.resolve({ kind: 'timed-out', deadlineMs: 6000, ms: 6000, logs: '' });
        },
      },
    };
  };
  const runOn = (id: string, ctx: CheckContext) =>
    runCheck({
      check: check(id),
      ctx,
      gen: { readings: DEFAULT_READINGS },
      seed: 99,
      runs: 100,
      stored: [],
      replayCommand: () => 'replay',
    });

  it.each(['reply/shape', 'data/no-dropped-changes', 'robustness/any-event'])(
    '%s concludes failed after a few deadlines, not after its whole budget',
    async (id) => {
      const { ctx, calls } = hanging();
      const { result } = await runOn(id, ctx);
      expect(result.outcome).toBe('fail');
      expect(firstCounterexample(result)?.invocations[0]).toMatchObject({ kind: 'timed-out' });
      // Generation stops at the first failing case, and shrinking spends at most a few more deadlines.
      expect(calls()).toBeLessThanOrEqual(3 + 2 + 1);
    },
  );

  it.each(['timing/deadline', 'timing/margin'])(
    '%s concludes failed after a few late replies: a reply after the deadline costs it as a hang does',
    async (id) => {
      let calls = 0;
      const late: CheckContext = {
        ...ctxOf((e) => e),
        invoke: (event) => {
          calls++;
          return ctxOf((e) => e)
            .invoke(event)
            .then((o) => ({ ...o, ms: 5300 }));
        },
      };
      const { result } = await runOn(id, late);
      expect(result.outcome).toBe('fail');
      expect(result.runs).toBeLessThan(100);
      expect(calls).toBeLessThanOrEqual(3);
    },
  );

  it('a handler that hangs now and then fails a check that never looks at timing: no pass without a reply', async () => {
    let n = 0;
    const ctx: CheckContext = {
      ...ctxOf((e) => e),
      invoke: (event) =>
        ++n % 3 === 0
          ? Promise.resolve({ kind: 'timed-out', deadlineMs: 6000, ms: 6000, logs: '' })
          : ctxOf((e) => e).invoke(event),
    };
    const { result } = await runOn('reply/shape', ctx);
    expect(result).toMatchObject({ outcome: 'fail', failures: [{ signature: 'timed-out', kind: 'handler' }] });
  });
});

describe('a stop signal (Ctrl-C, bail)', () => {
  const stopping = (id: string, fn: Fn, stopAfter: number) => {
    const stop = new AbortController();
    let calls = 0;
    const ctx = ctxOf(fn);
    return runCheck({
      check: check(id),
      ctx: {
        ...ctx,
        invoke: (event) => {
          if (++calls === stopAfter) stop.abort('interrupted');
          return ctx.invoke(event);
        },
      },
      gen: { readings: DEFAULT_READINGS },
      seed: 1234,
      runs: 60,
      stored: [],
      replayCommand: () => 'npx cognito-sync-conformance replay x',
      signal: stop.signal,
    });
  };

  it('starts no case once aborted, and a check without a failure is incomplete, never a pass', async () => {
    const { result } = await stopping('reply/shape', (e) => e, 5);
    expect(result).toMatchObject({
      outcome: 'incomplete',
      runs: 5,
      reason: 'stopped after 5 of 60 runs (interrupted)',
    });
  });

  it('keeps a failure found before the stop, shrunk as far as it got', async () => {
    // Aborted on the failing case itself: no shrink candidate runs, the case stands as found.
    const { result } = await stopping('reply/shape', (e) => (Object.keys(e.datasetRecords).length ? null : e), 3);
    expect(result.outcome).toBe('fail');
    expect(result.runs).toBeLessThan(60);
  });
});

describe('a check whose input class never came up', () => {
  /** A fake check that forces the class `null-entry`, with a generator that draws `drawn` as the case's class. */
  const fake = (drawn: string): Check<string> => ({
    id: 'test/forced-class',
    title: 'a fake check of one input class',
    level: 'must',
    basis: 'documented',
    clause: '§0',
    description: 'Its cases are meant to carry a null entry.',
    arbitrary: () => fc.constant(drawn),
    classes: ['null-entry'],
    classify: (input) => [input],
    eventOf: (input) => ({ input }),
    property: () => Promise.resolve({ ok: true }),
  });
  const runFake = (drawn: string) =>
    runCheck({
      check: fake(drawn),
      ctx: ctxOf((e) => e),
      gen: { readings: DEFAULT_READINGS },
      seed: 7,
      runs: 10,
      stored: [],
      replayCommand: () => 'replay',
    });

  it('ends incomplete, never a pass, when no case carried the class', async () => {
    const { result } = await runFake('ordinary');
    expect(result).toMatchObject({
      outcome: 'incomplete',
      runs: 10,
      reason: 'no generated case reached null-entry',
    });
  });

  it('passes once its cases carried the class and were judged', async () => {
    const { result } = await runFake('null-entry');
    expect(result.outcome).toBe('pass');
    expect(result.coverage['null-entry']).toBe(10);
  });
});
