/**
 * Replaying one case: either the exact input from a report or the failure store (`replayCase`), or the check's
 * seed and fast-check path (`replaySeed`), which regenerates the same shrunk case from the same tool version.
 */
import type { CaseOutcome } from '../suites/check.ts';
import { HarnessError } from '../runtime/errors.ts';
import { discover } from './discovery/index.ts';
import { genContextOf } from './genContext.ts';
import { discoveryInput } from './session.ts';
import type { CheckResult } from './result.ts';
import { resolveOptions, type RunOptions } from './options.ts';
import { replayLine } from './replayLine.ts';
import { runCheck } from './runCheck.ts';
import { selectChecks } from './select.ts';
import { invokerFactory } from './targets.ts';

/** What `replayCase` needs: the check, the target, and the exact input. */
export type ReplayCaseOptions = RunOptions & { readonly checkId: string; readonly input: unknown };

/** The verdict on one replayed case. */
export interface ReplayOutcome {
  readonly outcome: 'pass' | 'fail';
  readonly messages: readonly string[];
  readonly evidence?: Extract<CaseOutcome, { ok: false }>['evidence'];
}

function findCheck(options: RunOptions, checkId: string): ReturnType<typeof selectChecks>[number] {
  const check = selectChecks({ checks: [checkId], properties: options.properties ?? [] }).find((c) => c.id === checkId);
  if (!check) throw new HarnessError('E_REPLAY', `no check with id "${checkId}"`);
  return check;
}

/**
 * Re-runs one exact input of one check against a handler (used by generated regression tests).
 * @param options - the target (`handler`, `command` or `lambda`), runtime, readings, and the case
 * @example
 * const r = await replayCase({ checkId: 'reply/shape', handler: './h.js', input });
 * expect(r.outcome, r.messages.join('\n')).toBe('pass');
 */
export async function replayCase(options: ReplayCaseOptions): Promise<ReplayOutcome> {
  const { checkId, input, ...rest } = options;
  const o = resolveOptions({ ...rest, store: false });
  const check = findCheck(rest, checkId);
  const invoker = (await invokerFactory(o))();
  try {
    const init = await invoker.init();
    const out = await check.property(input, {
      invoke: (e) => invoker.invoke(e),
      init,
      runtime: o.runtime,
      readings: o.readings,
      marginMs: o.marginMs,
    });
    return out.ok
      ? { outcome: 'pass', messages: [] }
      : { outcome: 'fail', messages: out.messages, evidence: out.evidence };
  } finally {
    await invoker.close();
  }
}

/**
 * Regenerates and re-runs the case at a check's seed and fast-check path.
 * @param options - the target and readings, the check id, its seed (the check's own sub-seed) and path
 */
export async function replaySeed(
  options: RunOptions & { readonly checkId: string; readonly checkSeed: number; readonly path: string },
): Promise<CheckResult> {
  const { checkId, checkSeed, path, ...rest } = options;
  const o = resolveOptions({ ...rest, store: false });
  const check = findCheck(rest, checkId);
  const invoker = (await invokerFactory(o))();
  try {
    const init = await invoker.init();
    // The same discovery as the run's (it depends on the handler alone), so the same case is drawn.
    const discovery = await discover(discoveryInput(o), invoker);
    const out = await runCheck({
      check,
      ctx: { invoke: (e) => invoker.invoke(e), init, runtime: o.runtime, readings: o.readings, marginMs: o.marginMs },
      gen: genContextOf(o, discovery),
      seed: checkSeed,
      runs: 1,
      stored: [],
      replayPath: path,
      replayCommand: (info) => replayLine(o, info),
    });
    return out.result;
  } finally {
    await invoker.close();
  }
}
