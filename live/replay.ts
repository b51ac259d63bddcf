/**
 * Re-running one case of `live/model-agrees` from a report: the same stored dataset and patches, or the same
 * session, through the service again (on a fresh dataset of a fresh identity: the original was deleted).
 */
import { isJsonObject } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import { runCognitoSync, type LiveRun } from './cognitoSync.ts';
import type { LiveCounterexampleInput } from './liveResult.ts';
import type { LiveOptions } from './options.ts';

/** True when a counterexample's input is a live case's. */
export function isLiveInput(input: unknown): input is LiveCounterexampleInput {
  return (
    isJsonObject(input) &&
    input.kind === 'live' &&
    typeof input.identityPoolId === 'string' &&
    typeof input.handler === 'string' &&
    isJsonObject(input.case) &&
    (input.case.kind === 'single' || input.case.kind === 'session')
  );
}

/**
 * Re-runs the case of a `live/model-agrees` counterexample.
 * @param input - the counterexample's `input` (from report.json)
 * @param options - anything to change: the handler, the pool, the endpoint, the readings…
 * @throws HarnessError `E_REPLAY` when the input is not a live case's
 * @example
 * const run = JSON.parse(readFileSync('report/report.json', 'utf8'));
 * const again = await replayLiveCase(run.checks[0].counterexample.input);
 */
export function replayLiveCase(input: unknown, options: Partial<Omit<LiveOptions, 'cases'>> = {}): Promise<LiveRun> {
  if (!isLiveInput(input)) throw new HarnessError('E_REPLAY', 'not the input of a live/model-agrees counterexample');
  return runCognitoSync({
    handler: input.handler,
    identityPoolId: input.identityPoolId,
    ...(input.endpoint ? { endpoint: input.endpoint } : {}),
    ...(input.region ? { region: input.region } : {}),
    ...options,
    cases: [input.case],
  });
}
