/**
 * A throw from the tool's own check code is a bug in the tool (E_INTERNAL, exit 3), told apart from what the
 * handler did (a failed case), harness trouble (its own code) and the user's `values` arbitraries (E_CONFIG_VALUES).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_READINGS, toLambdaJson } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import { CATALOG } from '../suites/catalog.ts';
import type { Check, CheckContext, GenContext } from '../suites/check.ts';
import { BUG_REPORT, INTERNAL_ERROR_CODE, internalErrors, runExitCode } from './internal.ts';
import { conformantRun, fixtureRun } from '../reports/__fixtures__/run.ts';
import { runCheck } from './runCheck.ts';
import { guardedValues } from './userValues.ts';

/** An in-memory target that echoes the event, or throws as a handler would. */
function ctxOf(handlerThrows = false): CheckContext {
  return {
    invoke: (event) => {
      if (handlerThrows)
        return Promise.resolve({
          kind: 'threw',
          error: { errorType: 'TypeError', errorMessage: 'the handler broke', trace: [] },
          ms: 1,
          logs: '',
        });
      const json = toLambdaJson(structuredClone(event));
      if (!json.ok) throw new Error(json.reason);
      return Promise.resolve({ kind: 'replied', json: json.json, ms: 1, logs: '' });
    },
    init: { style: 'async' },
    runtime: 'nodejs22.x',
    readings: DEFAULT_READINGS,
    marginMs: 2500,
  };
}

const shape = CATALOG.find((c) => c.id === 'reply/shape') as Check;

const run = (check: Check, o: { handlerThrows?: boolean; gen?: GenContext } = {}) =>
  runCheck({
    check,
    ctx: ctxOf(o.handlerThrows),
    gen: o.gen ?? { readings: DEFAULT_READINGS },
    seed: 99,
    runs: 10,
    stored: [],
    replayCommand: () => 'npx cognito-sync-conformance replay x',
  });

describe('internal errors', () => {
  it('a throw in a check property (its judging) is E_INTERNAL, saying it is a bug in the tool and where to report it', async () => {
    const judgingBug: Check = {
      ...shape,
      property: async (input, ctx) => {
        await ctx.invoke(shape.eventOf(input));
        throw new TypeError('Cannot read properties of undefined (reading "status")');
      },
    };
    const { result } = await run(judgingBug);
    expect(result.outcome).toBe('error');
    if (result.outcome !== 'error') return;
    expect(result.error.code).toBe(INTERNAL_ERROR_CODE);
    expect(result.error.message.startsWith(BUG_REPORT)).toBe(true);
    expect(result.error.message).toContain('TypeError: Cannot read properties of undefined');
    expect(BUG_REPORT).toMatch(
      /bug in cognito-sync-conformance .*not in your handler.*npm bugs cognito-sync-conformance/,
    );
    expect(internalErrors([result])).toEqual([result]);
  });

  it('a throw in a check arbitrary is E_INTERNAL too', async () => {
    const arbitraryBug: Check = {
      ...shape,
      arbitrary: (gen) =>
        shape.arbitrary(gen).map(() => {
          throw new RangeError('drawn out of range');
        }),
    };
    const { result } = await run(arbitraryBug);
    expect(result.outcome === 'error' && result.error.code).toBe(INTERNAL_ERROR_CODE);
    expect(result.outcome === 'error' && result.error.message).toContain('RangeError: drawn out of range');
  });

  it('the harness failing keeps its own code, and a handler that throws fails the check: neither is internal', async () => {
    const harnessTrouble: Check = {
      ...shape,
      property: () => Promise.reject(new HarnessError('E_COMMAND', 'the command ended')),
    };
    const trouble = (await run(harnessTrouble)).result;
    expect(trouble.outcome === 'error' && trouble.error.code).toBe('E_COMMAND');
    const handler = (await run(shape, { handlerThrows: true })).result;
    expect(handler.outcome).toBe('fail');
    expect(internalErrors([trouble, handler])).toEqual([]);
  });

  it("a config's values arbitrary that throws is the user's E_CONFIG_VALUES, naming the key", async () => {
    const gen: GenContext = {
      readings: DEFAULT_READINGS,
      values: {
        score: fc.nat().map((n) => {
          if (n > 3) throw new Error('score out of range');
          return String(n);
        }),
      },
    };
    const data = CATALOG.find((c) => c.id === 'data/no-dropped-changes') as Check;
    const { result } = await run(data, { gen: { ...gen, values: guardedValues(gen.values ?? {}) } });
    expect(result.outcome === 'error' && result.error.code).toBe('E_CONFIG_VALUES');
    expect(result.outcome === 'error' && result.error.message).toMatch(
      /values\.score threw while drawing a value: Error: score out of range; fix it in your config/,
    );
  });

  it('the exit code: 3 for a bug in the tool whatever the verdict, else 0 when conformant, else 1', async () => {
    const { result } = await run({ ...shape, property: () => Promise.reject(new Error('bug')) });
    expect(runExitCode(conformantRun())).toBe(0);
    expect(runExitCode(fixtureRun())).toBe(1);
    expect(runExitCode({ ...conformantRun(), checks: [...conformantRun().checks, result] })).toBe(3);
    expect(runExitCode({ ...fixtureRun(), checks: [result, ...fixtureRun().checks] })).toBe(3);
  });
});
