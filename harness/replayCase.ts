/**
 * Replaying one case: either the exact input from a report or the failure store (`replayCase`), or the check's
 * seed and fast-check path (`replaySeed`), which regenerates the same shrunk case from the same tool version and
 * options. Either way exactly one case runs: never a neighbour of it, never a malformed input.
 */
import type { CaseOutcome } from '../suites/check.ts';
import { HarnessError } from '../runtime/errors.ts';
import { discover } from './discovery/index.ts';
import { caseAt } from './caseAt.ts';
import { decodeInput } from './caseInput.ts';
import { genContextOf } from './genContext.ts';
import { discoveryInput } from './session.ts';
import type { CheckResult } from './result.ts';
import { resolveOptions, type RunOptions } from './options.ts';
import { replayLine } from './replayCommand.ts';
import { runCheck } from './runCheck.ts';
import { selectChecks } from './select.ts';
import { invokerFactory } from './targets.ts';

/** What `replayCase` needs: the check, the target, and the exact input (as report.json or `<n>.input.json` hold it). */
export type ReplayCaseOptions = RunOptions & {
  readonly checkId: string;
  readonly input: unknown;
  /** Where the input came from, for messages. @defaultValue 'the replayed input' */
  readonly source?: string;
  /** The event hash the case failed with (a failure store's key): the input must still build that event. */
  readonly eventHash?: string;
};

/** The verdict on one replayed case. */
export interface ReplayOutcome {
  readonly outcome: 'pass' | 'fail';
  readonly messages: readonly string[];
  readonly evidence?: Extract<CaseOutcome, { ok: false }>['evidence'];
}

function findCheck(options: RunOptions, checkId: string): ReturnType<typeof selectChecks>[number] {
  const properties = options.properties ?? [];
  if (checkId.startsWith('user/') && !properties.length)
    throw new HarnessError(
      'E_REPLAY',
      `${checkId} is one of your own properties: replay it with the config that defines it (--config <file>)`,
    );
  const check = selectChecks({ checks: [checkId], properties }).find((c) => c.id === checkId);
  if (!check)
    throw new HarnessError(
      'E_CHECK_ID',
      `no check with id "${checkId}": replay takes one check id, not a topic (see \`cognito-sync-conformance list\`)`,
    );
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
  const { checkId, input, source = 'the replayed input', eventHash, ...rest } = options;
  const o = resolveOptions({ ...rest, store: false });
  const check = findCheck(rest, checkId);
  const exact = decodeInput(check, input, source, eventHash === undefined ? {} : { eventHash });
  const invoker = (await invokerFactory(o))();
  try {
    const init = await invoker.init();
    const out = await check.property(exact, {
      invoke: (e) => invoker.invoke(e),
      init,
      runtime: o.runtime,
      readings: o.readings,
      marginMs: o.marginMs,
      ...(o.discovery.datasetName !== undefined ? { datasetName: o.discovery.datasetName } : {}),
    });
    return out.ok
      ? { outcome: 'pass', messages: [] }
      : { outcome: 'fail', messages: out.messages, evidence: out.evidence };
  } finally {
    await invoker.close();
  }
}

/**
 * Regenerates and re-runs the case at a check's seed and fast-check path (that case alone).
 * @param options - the target and readings, the check id, its seed (the check's own sub-seed) and path
 * @throws HarnessError `E_REPLAY` when the seed and path lead to no case of the check under these options
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
    const gen = genContextOf(o, await discover(discoveryInput(o), invoker));
    // Found by generation alone, before the handler runs: a wrong path is an error, not a run of another case.
    const input = caseAt(check, gen, checkSeed, path);
    const out = await runCheck({
      check,
      ctx: { invoke: (e) => invoker.invoke(e), init, runtime: o.runtime, readings: o.readings, marginMs: o.marginMs },
      gen,
      seed: checkSeed,
      runs: 1,
      stored: [{ checkId, eventHash: '', handler: '', input, seed: checkSeed, path, firstSeen: '' }],
      storedOnly: true,
      replayCommand: (info) => replayLine(o, info),
    });
    return out.result;
  } finally {
    await invoker.close();
  }
}
