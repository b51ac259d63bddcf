/**
 * Lanes: cases per second of the default suite on an echo handler in worker isolation with 1, 2 and 4 lanes
 * (`concurrency`), side by side; and the wall time to a verdict for a handler that spins on events without records
 * against the same suite on a healthy handler (target: within 3× the healthy wall time plus 30 s).
 */
import { fileURLToPath } from 'node:url';
import { checkConformance } from '../harness/index.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const ECHO = here('../fixtures/handlers/conformance/good-echo-context-done.cjs');
const HEALTHY = here('../fixtures/handlers/hangs/healthy.mjs');
const SPIN = here('../fixtures/handlers/hangs/spin-on-empty.cjs');
const SEED = 20261202;

async function timed(o: Parameters<typeof checkConformance>[0]) {
  const started = performance.now();
  const run = await checkConformance({ store: false, seed: SEED, ...o });
  return { run, ms: performance.now() - started };
}

/** Cases per second with 1, 2 and 4 lanes. */
export async function benchLanes(runs = 40): Promise<string[]> {
  const rows: string[] = [`lanes: default suite × ${String(runs)} runs, echo handler, worker isolation`];
  let one = 0;
  for (const concurrency of [1, 2, 4]) {
    const { run, ms } = await timed({ handler: ECHO, runs, concurrency });
    const cases = run.checks.reduce((n, c) => n + c.runs, 0);
    const rate = (cases / ms) * 1000;
    if (concurrency === 1) one = rate;
    rows.push(
      `  ${String(concurrency)} lane${concurrency > 1 ? 's' : ' '}   ${rate.toFixed(0).padStart(5)} cases/s` +
        `${concurrency > 1 ? `   ${(rate / one).toFixed(2)}× one lane` : ''}   (${(ms / 1000).toFixed(1)} s, ${String(cases)} cases)`,
    );
  }
  return rows;
}

/** Wall time to a verdict: a handler that hangs on events without records against a healthy one. */
export async function benchHangs(): Promise<string[]> {
  const healthy = await timed({ handler: HEALTHY });
  const spin = await timed({ handler: SPIN });
  const target = 3 * healthy.ms + 30_000;
  const verdict = (r: typeof spin.run): string =>
    `${r.summary.conformant ? 'CONFORMANT' : 'NOT CONFORMANT'}, ${String(r.summary.failed)} failed, ` +
    `${String(r.summary.incomplete)} incomplete, ${String(r.summary.timedOut)} timed out`;
  return [
    'hangs: default suite, worker isolation, wall time to the verdict',
    `  healthy              ${(healthy.ms / 1000).toFixed(1).padStart(6)} s   ${verdict(healthy.run)}`,
    `  spins on empty event ${(spin.ms / 1000).toFixed(1).padStart(6)} s   ${verdict(spin.run)}   ` +
      `${(spin.ms / healthy.ms).toFixed(1)}× healthy (target ≤ 3× + 30 s = ${(target / 1000).toFixed(0)} s)`,
  ];
}
