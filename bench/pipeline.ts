/**
 * Pipeline cost: cases per second through the whole harness (generation, invocation, judging, evidence, shrinking
 * machinery) against an echo handler, in-process and isolated in a worker thread, side by side with a bare
 * fast-check loop that draws the same cases and calls the same handler directly. Then the wall time of the
 * default suite against the bundled example handler. Ratios are measured in one run, never asserted in tests.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { syncCase } from '../generators/index.ts';
import { checkConformance } from '../harness/index.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const ECHO = here('../fixtures/handlers/conformance/good-echo-context-done.cjs');
const EXAMPLE = here('../examples/sample-handler.mjs');
const CHECK = 'robustness/any-event';
const SEED = 20261123;

type Handler = (event: unknown, context: unknown, callback: (e: unknown, r?: unknown) => void) => void;

/** The bare loop: the same arbitrary, the same seed, the handler called directly, its reply serialized. */
async function bareLoop(runs: number): Promise<number> {
  const mod = (await import(ECHO)) as { handler: Handler };
  const context = { done: (_e: unknown, r: unknown) => r };
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(syncCase(), async (c) => {
      const event = structuredClone(c.event);
      const reply = await new Promise((resolve) => {
        mod.handler(
          event,
          {
            ...context,
            done: (_e: unknown, r: unknown) => {
              resolve(r);
            },
          },
          (_e, r) => {
            resolve(r);
          },
        );
      });
      return JSON.stringify(reply).length > 0;
    }),
    { numRuns: runs, seed: SEED },
  );
  return performance.now() - started;
}

/** One check through the whole pipeline. */
async function pipeline(runs: number, isolation: 'in-process' | 'worker'): Promise<number> {
  const started = performance.now();
  const run = await checkConformance({
    handler: ECHO,
    checks: [CHECK],
    runs,
    seed: SEED,
    isolation,
    store: false,
    concurrency: 1,
  });
  const c = run.checks[0];
  if (c?.outcome !== 'pass') throw new Error(`${CHECK} did not pass on the echo handler: ${c?.outcome ?? 'no result'}`);
  return performance.now() - started;
}

/** Runs the pipeline benchmark and returns printable rows. */
export async function benchPipeline(runs = 300): Promise<string[]> {
  // Warm up module loading and the generators' one-off tables in this process, for both pipelines alike (a worker
  // sandbox's first start loads the host's modules, from source through tsx, once per process).
  await bareLoop(20);
  await pipeline(20, 'in-process');
  await pipeline(20, 'worker');
  const bare = await bareLoop(runs);
  const inProcess = await pipeline(runs, 'in-process');
  const worker = await pipeline(runs, 'worker');
  const rate = (ms: number): string => `${((runs / ms) * 1000).toFixed(0).padStart(6)} cases/s`;
  const suiteStarted = performance.now();
  const suite = await checkConformance({ handler: EXAMPLE, seed: SEED, store: false });
  const suiteMs = performance.now() - suiteStarted;
  return [
    `pipeline: ${CHECK}, ${runs} cases, echo handler (${ECHO.split('/').pop() ?? ''})`,
    `  bare fast-check loop   ${rate(bare)}`,
    `  pipeline, in-process   ${rate(inProcess)}   ${(bare / inProcess).toFixed(2)}× of the bare loop (target ≥ 0.60)`,
    `  pipeline, worker       ${rate(worker)}   ${(bare / worker).toFixed(2)}× of the bare loop (target ≥ 0.50)`,
    `default suite: ${suite.checks.length} checks × ${String(suite.options.runs)} runs on examples/sample-handler.mjs, ` +
      `worker isolation: ${(suiteMs / 1000).toFixed(1)} s wall (target ≤ 5 s), ` +
      `${String(suite.summary.passed)} passed, ${String(suite.summary.failed)} failed`,
  ];
}
