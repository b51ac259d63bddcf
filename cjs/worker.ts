/**
 * The worker of the CommonJS entry: an ES module thread of its own, where the library's ES modules load natively
 * (no `require(esm)`, no `--experimental-vm-modules`, whatever the test runner does to modules in the caller's
 * thread). Runs one library call and posts its result, its progress and its error back.
 */
import { resolve } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import * as api from '../index.ts';
import type { ConformanceOptions } from '../index.ts';
import type { CjsCall, CjsMessage, CjsStop } from './protocol.ts';

const call = workerData as CjsCall;
const post = (m: CjsMessage): void => {
  parentPort?.postMessage(m);
};
/** The caller's signal, rebuilt on this side: the entry posts a stop when it aborts. */
const stop = new AbortController();
parentPort?.on('message', (m: CjsStop) => {
  stop.abort(m.reason);
});
// The port must not keep the worker alive once its call is answered.
parentPort?.unref();

/** Run options for a call: the config file's (`config`), then the caller's, with the listeners forwarded. */
async function runOptions(given: unknown): Promise<ConformanceOptions> {
  const { config, ...options } = given as ConformanceOptions & { config?: string };
  const file = config === undefined ? undefined : resolve(config);
  const fromConfig = file === undefined ? {} : await api.loadConfig(file);
  return {
    ...fromConfig,
    ...options,
    readings: { ...(fromConfig.readings ?? {}), ...(options.readings ?? {}) },
    ...(config !== undefined ? { configFile: config } : {}),
    signal: stop.signal,
    ...(call.listen.events
      ? {
          onEvent: (event) => {
            post({ type: 'event', event });
          },
        }
      : {}),
    ...(call.listen.warnings
      ? {
          onWarning: (message) => {
            post({ type: 'warning', message });
          },
        }
      : {}),
  };
}

async function run(): Promise<unknown> {
  const [first, ...rest] = call.args;
  switch (call.fn) {
    case 'checkConformance':
      return api.checkConformance(await runOptions(first));
    case 'replayCase':
      return api.replayCase((await runOptions(first)) as Parameters<typeof api.replayCase>[0]);
    case 'replaySeed':
      return api.replaySeed((await runOptions(first)) as Parameters<typeof api.replaySeed>[0]);
    case 'failureText':
      // No colour hooks across threads: the plain text.
      return api.failureText(
        first as Parameters<typeof api.failureText>[0],
        undefined,
        rest[0] as Parameters<typeof api.failureText>[2],
      );
    case 'expandReport':
      return api.expandReport(first);
  }
}

try {
  post({ type: 'result', value: await run() });
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  const code = (err as { code?: unknown }).code;
  post({
    type: 'error',
    error: {
      name: err.name,
      message: err.message,
      ...(typeof code === 'string' ? { code } : {}),
      ...(err.stack ? { stack: err.stack } : {}),
    },
  });
}
