/**
 * What measuring the handler's coverage costs: the wall time of the default suite against the bundled example
 * handler with coverage (the default) and with `coverage: false`, taking turns so that the machine's load falls on
 * both alike. A ratio measured in one run, never asserted in tests.
 */
import { fileURLToPath } from 'node:url';
import { checkConformance, percentOf } from '../harness/index.ts';

const EXAMPLE = fileURLToPath(new URL('../examples/sample-handler.mjs', import.meta.url));
const SEED = 20261123;

/** One default-suite run; its wall time and what it measured. */
async function suite(coverage: boolean): Promise<{ ms: number; note: string }> {
  const started = performance.now();
  const run = await checkConformance({ handler: EXAMPLE, seed: SEED, store: false, coverage });
  const ms = performance.now() - started;
  const c = run.handlerCoverage;
  const note = c?.measured ? `${String(percentOf(c.branches))}% of branches` : 'not measured';
  return { ms, note };
}

/**
 * Runs the coverage benchmark and returns printable rows.
 * @param turns - runs of each, alternating @defaultValue 2
 */
export async function benchCoverage(turns = 2): Promise<string[]> {
  const on: number[] = [];
  const off: number[] = [];
  let note = '';
  for (let i = 0; i < turns; i++) {
    // Alternating which goes first, so that neither always meets a warmer or a busier machine.
    for (const coverage of i % 2 ? [false, true] : [true, false]) {
      const r = await suite(coverage);
      (coverage ? on : off).push(r.ms);
      if (coverage) note = r.note;
    }
  }
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return [
    `coverage: default suite on examples/sample-handler.mjs, worker isolation, ${String(turns)} turns each`,
    `  --no-coverage   ${s(mean(off))} wall (${off.map(s).join(', ')})`,
    `  coverage        ${s(mean(on))} wall (${on.map(s).join(', ')}), ${note}`,
    `  coverage costs  ${(((mean(on) - mean(off)) / mean(off)) * 100).toFixed(0)}% (target ≤ 30%)`,
  ];
}
