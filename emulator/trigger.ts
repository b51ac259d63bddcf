/**
 * The Sync Trigger as Cognito Sync calls it: the pool's function through the same path as Lambda Invoke, a reply
 * awaited until the 5 s deadline has passed, the measured time handed to the model (which judges a reply past 5 s
 * as `LambdaSocketTimeoutException`), and the delay fault and the deviant reading applied around it.
 */
import { performance } from 'node:perf_hooks';
import { HANDLER_DEADLINE_MS, type LambdaResult, type SyncTriggerEvent } from '../model/index.ts';
import { describeOutcome, toLambdaResult } from '../runtime/invoker.ts';
import { wait, type EmulatorContext } from './context.ts';
import { removeOmitted } from './deviant.ts';
import { FUNCTION_TIMEOUT_MS } from './functions.ts';

/**
 * How long past the 5 s deadline the service still waits for a reply. The model decides on the handler's own
 * measured time; this slack only keeps the transport (worker messages) from turning a 4.99 s reply into a timeout.
 */
const ANSWER_SLACK_MS = 250;

/**
 * Runs the Sync Trigger named by a pool's `SyncTrigger` ARN.
 * @param ctx - the emulator
 * @param arn - the function ARN (or name) from the pool's CognitoEvents
 * @param event - the event the model built
 * @returns what the Lambda call came to, as the model judges it
 */
export async function runTrigger(ctx: EmulatorContext, arn: string, event: SyncTriggerEvent): Promise<LambdaResult> {
  const name = ctx.functions.resolve(arn);
  if (!name) {
    ctx.log(`  trigger ${arn}: no such function is registered (the update fails as invalid output)`);
    return { kind: 'error', errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${arn}` };
  }
  ctx.counters.triggers++;
  const call = ctx.functions.invoke(name, event, FUNCTION_TIMEOUT_MS);
  await call.started;
  const t0 = performance.now();
  const answerBy = HANDLER_DEADLINE_MS + ANSWER_SLACK_MS;
  const timedOut = await wait(ctx, answerBy, call.done);
  if (timedOut || ctx.closing.aborted) {
    // The service stops waiting; the function runs on in its environment until its own timeout.
    void call.done.catch(() => undefined);
    ctx.log(`  trigger ${name}: no reply within ${String(HANDLER_DEADLINE_MS)} ms`);
    return { kind: 'timeout', ms: performance.now() - t0 };
  }
  const outcome = await call.done;
  ctx.log(`  trigger ${name}: ${describeOutcome(outcome)}${indent(outcome.logs)}`);
  let result = toLambdaResult(outcome);
  const delay = ctx.faults.takeDelay();
  if (delay > 0) {
    // Held back for real, as a slow network would, but never past the point where the service gives up.
    await wait(ctx, Math.min(delay, Math.max(0, answerBy - (performance.now() - t0))));
    result = { ...result, ms: (result.ms ?? 0) + delay };
    ctx.log(`  trigger ${name}: reply held back ${String(delay)} ms (fault)`);
  }
  return ctx.deviant.omittedRecords === 'removed' ? removeOmitted(event, result) : result;
}

/** The handler's console output, indented under the trigger line. */
function indent(logs: string): string {
  const text = logs.trimEnd();
  return text ? `\n${text.replace(/^/gm, '    | ')}` : '';
}
