/**
 * `npm run kill-matrix`: the whole published kill matrix (docs/checks.md), every fixture through every check its row
 * lists, compared with the manifest. Prints a line per fixture and exits 1 when any row differs. The test suite runs
 * the known-bad fixtures through their declared checks only (`test/killMatrix.*.test.ts`); this is the full table.
 */
import { availableParallelism } from 'node:os';
import { FIXTURES, fixtureName, type FixtureSpec } from '../fixtures/handlers/conformance/manifest.ts';
import { matrixProblems, runFixture } from '../fixtures/handlers/conformance/matrix.ts';

/** Runs one fixture; its line and whether it agrees. */
async function row(f: FixtureSpec): Promise<{ line: string; ok: boolean }> {
  const name = fixtureName(f);
  const started = performance.now();
  try {
    const problems = matrixProblems(f, await runFixture(f, 'table'));
    const took = `${((performance.now() - started) / 1000).toFixed(1)} s`;
    return problems.length
      ? { line: `✗ ${name} (${took})\n${problems.map((p) => `    ${p}`).join('\n')}`, ok: false }
      : { line: `✓ ${name} (${took})`, ok: true };
  } catch (e) {
    return { line: `✗ ${name}: ${e instanceof Error ? e.message : String(e)}`, ok: false };
  }
}

const queue = [...FIXTURES];
let failed = 0;
await Promise.all(
  Array.from({ length: Math.max(1, availableParallelism()) }, async () => {
    for (let f = queue.shift(); f; f = queue.shift()) {
      const r = await row(f);
      if (!r.ok) failed++;
      console.log(r.line);
    }
  }),
);
console.log(
  failed
    ? `kill matrix: ${String(failed)} of ${String(FIXTURES.length)} fixtures differ from the manifest`
    : `kill matrix: all ${String(FIXTURES.length)} fixtures as the manifest says`,
);
process.exitCode = failed ? 1 : 0;
