/** A check context whose handler is an in-memory function, for the tests of the checks. */
import { DEFAULT_READINGS, toLambdaJson, type InvocationOutcome } from '../../model/index.ts';
import type { CheckContext } from '../check.ts';

/** A record entry as a handler sees it. */
export type Entry = { oldValue?: string | null; newValue?: string | null; op?: string } | null;
/** An in-memory handler: the event (a copy) in, the reply out (what `JSON.stringify` cannot take is a throw). */
export type HandlerFn = (event: { datasetRecords: Record<string, Entry> }) => unknown;

/**
 * The context of a check whose handler is `fn`, run as Lambda would turn its reply into JSON.
 * @param fn - the handler
 * @param onInvoke - called on each invocation (to count them)
 */
export function ctxOf(fn: HandlerFn, onInvoke: () => void = () => undefined): CheckContext {
  return {
    invoke: (event) => {
      onInvoke();
      const json = toLambdaJson(fn(structuredClone(event) as Parameters<HandlerFn>[0]));
      const o: InvocationOutcome = json.ok
        ? { kind: 'replied', json: json.json, ms: 1, logs: '' }
        : { kind: 'threw', error: { errorType: 'TypeError', errorMessage: json.reason, trace: [] }, ms: 1, logs: '' };
      return Promise.resolve(o);
    },
    init: { style: 'async' },
    runtime: 'nodejs22.x',
    readings: DEFAULT_READINGS,
    marginMs: 2500,
  };
}
