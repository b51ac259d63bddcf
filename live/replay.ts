/**
 * Re-running one case of `live/model-agrees` from a report: the same stored dataset and patches, or the same
 * session, through the service again (on a fresh dataset of a fresh identity: the original was deleted).
 */
import { isJsonObject } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import { sessionInputFromJson } from '../harness/sessionJson.ts';
import { checkById } from '../suites/catalog.ts';
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
    (input.case.kind === 'single' || input.case.kind === 'session' || input.case.kind === 'check')
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
  if (input.case.kind === 'check') {
    // A session check's case: the file is not trusted, so the check and the session are checked field by field.
    const read = sessionInputFromJson({ session: input.case.session });
    if (!read.ok) throw new HarnessError('E_REPLAY', `the session of the live case is not one: ${read.problem}`);
    if (!checkById(input.case.check)?.id.startsWith('sessions/'))
      throw new HarnessError(
        'E_REPLAY',
        `the live case names ${JSON.stringify(input.case.check)}, not a sessions/ check`,
      );
  }
  return runCognitoSync({
    handler: input.handler,
    identityPoolId: input.identityPoolId,
    ...(input.endpoint ? { endpoint: input.endpoint } : {}),
    ...(input.region ? { region: input.region } : {}),
    ...options,
    cases: [input.case],
  });
}
