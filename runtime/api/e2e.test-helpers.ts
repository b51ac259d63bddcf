/** What the Runtime API's end-to-end tests share: the runtimes under fixtures/runtimes and one-invoker helpers. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InvocationOutcome, Invoker } from '../invoker.ts';
import { createRuntimeApiInvoker, type RuntimeApiInvokerOptions } from './index.ts';

const at = (p: string): string => fileURLToPath(new URL(`../../fixtures/runtimes/${p}`, import.meta.url));

/** The interpreter itself when it is there: a version manager's shim (pyenv) costs ~0.4 s a start. */
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
/** The standard-library Python runtime client and the folder of its test handlers. */
const PYTHON_CLIENT = at('python/runtime_client.py');
const PYTHON_HANDLERS = at('python');
/** The POSIX sh + curl runtime and the folder of its handlers (`function.sh`). */
export const SHELL_BOOTSTRAP = at('shell/bootstrap');
export const SHELL_HANDLERS = at('shell');
/** A runtime that takes two seconds before its first poll, then runs the Python example. */
export const SLOW_START_BOOTSTRAP = at('slow-start/bootstrap');
/** The Node handlers for AWS's runtime interface client. */
export const NODE_HANDLERS = at('node');

/** The event the tests send when its content does not matter. */
export const EVENT = {
  version: 2,
  eventType: 'SyncTrigger',
  region: 'us-east-1',
  identityPoolId: 'us-east-1:0f6c0000-0000-0000-0000-000000000000',
  identityId: 'us-east-1:9a1b0000-0000-0000-0000-000000000000',
  datasetName: 'game_state',
  datasetRecords: { score: { oldValue: '10', newValue: '11', op: 'replace' } },
};

/**
 * A Runtime API invoker running a handler of fixtures/runtimes/python/handlers.py through the Python client.
 * @param handler - `handlers.<name>`
 * @param o - more options
 */
export function pythonRuntime(handler: string, o: Partial<RuntimeApiInvokerOptions> = {}): Invoker {
  return createRuntimeApiInvoker({
    bootstrap: `${PYTHON} '${PYTHON_CLIENT}' ${handler}`,
    shell: false,
    cwd: PYTHON_HANDLERS,
    ...o,
    // No __pycache__ left in the fixtures.
    env: { PYTHONDONTWRITEBYTECODE: '1', ...o.env },
  });
}

/**
 * Runs events one after another on a fresh, initialised invoker, and closes it.
 * @param invoker - the invoker
 * @param events - the events
 */
export async function invokeAll(invoker: Invoker, events: readonly unknown[]): Promise<InvocationOutcome[]> {
  try {
    await invoker.init();
    const outs: InvocationOutcome[] = [];
    for (const e of events) outs.push(await invoker.invoke(e));
    return outs;
  } finally {
    await invoker.close();
  }
}

/**
 * The parsed reply of an outcome (the test fails on anything but a reply).
 * @param o - the outcome
 */
export function reply(o: InvocationOutcome | undefined): Record<string, unknown> {
  if (o?.kind !== 'replied') throw new Error(`expected a reply, got ${JSON.stringify(o)}`);
  return JSON.parse(o.json) as Record<string, unknown>;
}
