/**
 * The run's time limits reach what they limit: `initTimeoutMs` the lane's init (a module's load), and
 * `checkTimeLimitMs` one check, which then reports every case it judged.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READINGS, toLambdaJson } from '../model/index.ts';
import type { InvocationOutcome } from '../runtime/invoker.ts';
import { CATALOG } from '../suites/catalog.ts';
import type { Check, CheckContext } from '../suites/check.ts';
import { checkConformance } from './run.ts';
import { runCheck } from './runCheck.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/handlers/${name}`, import.meta.url));

const check = (id: string): Check => {
  const c = CATALOG.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};

/**
 * An in-memory target that replies with `reply(event)` after 20 ms; once `switchAfterMs` have passed since its first
 * call, each call takes 3 s instead, so that the time limit always cuts one off however loaded the machine is.
 */
function slow(
  reply: (event: Record<string, unknown>) => unknown,
  switchAfterMs: number,
): CheckContext & { calls: () => number; completed: () => number } {
  let calls = 0;
  let completed = 0;
  let first: number | undefined;
  return {
    calls: () => calls,
    completed: () => completed,
    invoke: async (event) => {
      calls++;
      first ??= Date.now();
      const ms = Date.now() - first < switchAfterMs ? 20 : 3000;
      await new Promise((r) => setTimeout(r, ms));
      completed++;
      const json = toLambdaJson(reply(structuredClone(event) as Record<string, unknown>));
      const outcome: InvocationOutcome = json.ok
        ? { kind: 'replied', json: json.json, ms, logs: '' }
        : { kind: 'threw', error: { errorType: 'TypeError', errorMessage: json.reason, trace: [] }, ms, logs: '' };
      return outcome;
    },
    init: { style: 'async' },
    runtime: 'nodejs22.x',
    readings: DEFAULT_READINGS,
    marginMs: 2500,
  };
}

describe('a check that runs out of time', () => {
  // Far more cases than fit in the limit, however fast the machine: 10 000 of them, a 1 s limit, and every case
  // that starts past 100 ms takes 3 s.
  const RUNS = 10_000;
  const runOut = (ctx: CheckContext) =>
    runCheck({
      check: check('reply/shape'),
      ctx,
      gen: { readings: DEFAULT_READINGS },
      seed: 5,
      runs: RUNS,
      timeLimitMs: 1000,
      stored: [],
      replayCommand: () => 'replay',
    });

  it('ends timed out, reporting the cases it judged (runs, coverage, latency), never a pass', async () => {
    const ctx = slow((e) => e, 100);
    const { result } = await runOut(ctx);
    expect(result.outcome).toBe('timeout');
    expect(result.runs).toBeGreaterThan(0);
    expect(result.runs).toBeLessThan(RUNS);
    // The case cut off by the limit was sent but not judged: it is not counted, nor is its coverage.
    expect(ctx.calls()).toBe(ctx.completed() + 1);
    expect(result.runs).toBe(ctx.completed());
    if (result.outcome === 'timeout')
      expect(result.reason).toBe(
        `time limit reached after ${String(result.runs)} of ${String(RUNS)} runs, every one judged`,
      );
    expect(Object.keys(result.coverage).length).toBeGreaterThan(0);
    expect(result.latency?.count).toBe(result.runs);
  });

  it('fails with the counterexample it found before its time ran out', async () => {
    // Every case fails: the first is found at once, and shrinking is cut off by the limit.
    const ctx = slow(() => null, 100);
    const { result } = await runOut(ctx);
    expect(result.outcome).toBe('fail');
    if (result.outcome !== 'fail') return;
    expect(result.runs).toBeGreaterThan(0);
    expect(result.runs).toBeLessThan(RUNS);
    expect(result.failures[0].counterexample.invocations[0]).toMatchObject({ kind: 'replied', json: 'null' });
  });
});

describe('initTimeoutMs', () => {
  it("limits a lane's init: a module that never finishes loading is a load error naming the limit", async () => {
    await expect(
      checkConformance({
        handler: fixture('slow-load.mjs'),
        checks: ['reply/shape'],
        runs: 1,
        seed: 1,
        store: false,
        discover: false,
        initTimeoutMs: 500,
      }),
    ).rejects.toMatchObject({ code: 'E_HANDLER_LOAD', message: expect.stringContaining('within 500 ms') as unknown });
  });

  it("limits a --bootstrap runtime's start: one that never asks for an invocation is a command error naming it", async () => {
    await expect(
      checkConformance({
        bootstrap: 'sleep 30',
        checks: ['reply/shape'],
        runs: 1,
        seed: 1,
        store: false,
        discover: false,
        initTimeoutMs: 500,
      }),
    ).rejects.toMatchObject({
      code: 'E_COMMAND',
      message: expect.stringContaining('within 500 ms of its start') as unknown,
    });
  });
});
