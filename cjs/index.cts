/**
 * The CommonJS entry: `require('cognito-sync-conformance')` from Jest, Mocha or any CommonJS code, on every Node 20.
 * The library is ES modules, which a CommonJS caller cannot load synchronously, and which Jest cannot `import()`
 * without `--experimental-vm-modules`; so each call here runs the library in a worker thread of its own and every
 * function returns a promise. Options and results cross threads as data: listeners (`onEvent`, `onWarning`) and a
 * `signal`'s abort are forwarded, while functions the library would keep (`properties`, `values`) come from a config file named by
 * `config`.
 */
import type { CheckResult, ConformanceConfig, ConformanceOptions, RunResult } from '../index.ts' with {
  'resolution-mode': 'import',
};
import type { ReplayCaseOptions, ReplayOutcome, RunOptions } from '../harness/index.ts' with {
  'resolution-mode': 'import',
};
import type { Readings } from '../model/index.ts' with { 'resolution-mode': 'import' };
import type { CjsCall, CjsFunction, CjsMessage, CjsStop } from './protocol.ts' with { 'resolution-mode': 'import' };
// A CommonJS module under verbatimModuleSyntax imports with `import … = require()`: this is that module.
/* eslint-disable @typescript-eslint/no-require-imports */
import path = require('node:path');
import workerThreads = require('node:worker_threads');
import fastCheck = require('fast-check');
/* eslint-enable @typescript-eslint/no-require-imports */

/** Options of the CommonJS `checkConformance`: the library's, as data, plus a config file. */
type CjsRunOptions = Omit<ConformanceOptions, 'properties' | 'values'> & {
  /**
   * A config file (`cognito-sync-conformance.config.ts`, `.mjs`, `.js`), relative to the working directory: its
   * options apply under the ones given here, and its `values` and `properties` are used (functions cannot cross to
   * the worker any other way). @defaultValue none
   */
  readonly config?: string;
};

/** A function the library keeps cannot be cloned into the worker: say what to do instead. */
function refuseFunctions(options: object): void {
  for (const key of ['properties', 'values'])
    if ((options as Record<string, unknown>)[key] !== undefined)
      throw new TypeError(
        `cognito-sync-conformance (CommonJS): \`${key}\` holds functions, which cannot reach the library's worker thread; put them in a config file and pass { config: './cognito-sync-conformance.config.ts' }`,
      );
}

/** Runs one library function in a fresh worker thread and settles with what it posts. */
function callInWorker(
  fn: CjsFunction,
  args: readonly unknown[],
  listeners: Partial<ConformanceOptions> = {},
): Promise<unknown> {
  const { onEvent, onWarning, signal } = listeners;
  const call: CjsCall = { fn, args, listen: { events: onEvent !== undefined, warnings: onWarning !== undefined } };
  return new Promise((resolve, reject) => {
    const worker = new workerThreads.Worker(path.join(__dirname, 'worker.js'), { workerData: call });
    // An AbortSignal cannot cross threads: its abort does, as a message the worker turns into its own.
    const onAbort = (): void => {
      const reason: unknown = signal?.reason;
      worker.postMessage({ type: 'stop', ...(typeof reason === 'string' ? { reason } : {}) } satisfies CjsStop);
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const settle = (f: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      f();
      void worker.terminate();
    };
    worker.on('message', (m: CjsMessage) => {
      if (m.type === 'event') onEvent?.(m.event as Parameters<NonNullable<ConformanceOptions['onEvent']>>[0]);
      else if (m.type === 'warning') onWarning?.(m.message);
      else if (m.type === 'result')
        settle(() => {
          resolve(m.value);
        });
      else
        settle(() => {
          // The library's error as it was: its name (HarnessError), stable code and message.
          const e = Object.assign(new Error(m.error.message), m.error.code === undefined ? {} : { code: m.error.code });
          e.name = m.error.name;
          if (m.error.stack) e.stack = m.error.stack;
          reject(e);
        });
    });
    worker.on('error', (e) => {
      settle(() => {
        reject(e);
      });
    });
    worker.on('exit', (code) => {
      settle(() => {
        reject(new Error(`cognito-sync-conformance: the library's worker exited (code ${code}) without an answer`));
      });
    });
  });
}

/** Options as data for the worker: the listeners and the signal stay here. */
function dataOf<T extends Partial<ConformanceOptions>>(options: T): Omit<T, 'onEvent' | 'onWarning' | 'signal'> {
  const here = new Set(['onEvent', 'onWarning', 'signal']);
  return Object.fromEntries(Object.entries(options).filter(([k]) => !here.has(k))) as Omit<
    T,
    'onEvent' | 'onWarning' | 'signal'
  >;
}

/**
 * Runs the conformance suite against a handler (as the ES module `checkConformance`, in a worker thread).
 * @param options - the target and run options, as data; `config` names a config file for `values` and `properties`
 * @throws HarnessError (an Error with `name` `HarnessError` and a stable `code`) when the target cannot be loaded
 * @example
 * const { checkConformance, failureText } = require('cognito-sync-conformance');
 * const run = await checkConformance({ handler: './handler.js', runs: 50 });
 */
function checkConformance(options: CjsRunOptions): Promise<RunResult> {
  refuseFunctions(options);
  return callInWorker('checkConformance', [dataOf(options)], options) as Promise<RunResult>;
}

/**
 * Re-runs one input of a check (as the ES module `replayCase`).
 * @param options - the target, the check id and the input (a counterexample's `input`), as data
 */
function replayCase(
  options: Omit<ReplayCaseOptions, 'properties' | 'values'> & { readonly config?: string },
): Promise<ReplayOutcome> {
  refuseFunctions(options);
  return callInWorker('replayCase', [dataOf(options)], options) as Promise<ReplayOutcome>;
}

/**
 * Regenerates and re-runs the case at a check's seed and path (as the ES module `replaySeed`).
 * @param options - the target, the check id, its seed and path, as data
 */
function replaySeed(
  options: Omit<RunOptions, 'properties' | 'values'> & {
    readonly checkId: string;
    readonly checkSeed: number;
    readonly path: string;
    readonly config?: string;
  },
): Promise<CheckResult> {
  refuseFunctions(options);
  return callInWorker('replaySeed', [dataOf(options)], options) as Promise<CheckResult>;
}

/**
 * The failure text the CLI prints and a Vitest test fails with, for a failed check of a run.
 * @param check - a check result with a counterexample
 * @param readings - the run's readings (`run.readings`) @defaultValue the defaults
 * @example
 * const failed = run.checks.filter((c) => c.outcome === 'fail');
 * if (failed.length) throw new Error((await Promise.all(failed.map((c) => failureText(c, run.readings)))).join('\n\n'));
 */
function failureText(check: CheckResult, readings?: Readings): Promise<string> {
  return callInWorker('failureText', readings === undefined ? [check] : [check, readings]) as Promise<string>;
}

/**
 * Reads a report.json back whole (as the ES module `expandReport`).
 * @param report - a parsed report.json
 */
function expandReport(report: unknown): Promise<RunResult> {
  return callInWorker('expandReport', [report]) as Promise<RunResult>;
}

/**
 * Declares a config with types; the identity function (synchronous, for a config file compiled to CommonJS).
 * @param config - the config
 */
function defineConfig(config: ConformanceConfig): ConformanceConfig {
  return config;
}

export = {
  checkConformance,
  replayCase,
  replaySeed,
  failureText,
  expandReport,
  defineConfig,
  /** fast-check, for a config's `values` (a config file compiled to CommonJS loads this entry). */
  fc: fastCheck,
};
