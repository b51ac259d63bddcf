/**
 * The generated Vitest regression file runs as written: against the handler that failed it fails, with the
 * check's message; pointed at a handler that handles the input it passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConformance } from '../harness/index.ts';
import { writeReports } from '../reports/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'csc-regression-'));
const bad = join(root, 'fixtures/handlers/conformance/bad-delete-key.mjs');
const good = join(root, 'fixtures/handlers/conformance/good-echo-context-done.cjs');

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Runs Vitest on the report folder, resolving the package name to this checkout's sources. */
function vitestIn(dir: string): { code: number | null; failed: number; passed: number; messages: string } {
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `export default { resolve: { alias: { 'cognito-sync-conformance': ${JSON.stringify(join(root, 'index.ts'))} } } };\n`,
  );
  const out = join(dir, 'results.json');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, '--reporter=json', `--outputFile=${out}`],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 },
  );
  const json = JSON.parse(readFileSync(out, 'utf8')) as {
    numFailedTests: number;
    numPassedTests: number;
    testResults: { assertionResults: { failureMessages: string[] }[] }[];
  };
  const messages = json.testResults.flatMap((f) => f.assertionResults.flatMap((a) => a.failureMessages)).join('\n');
  return { code: r.status, failed: json.numFailedTests, passed: json.numPassedTests, messages };
}

describe('the generated regression test', () => {
  it('fails against the handler that failed, and passes once the handler handles the input', async () => {
    const run = await checkConformance({
      handler: bad,
      checks: ['data/no-dropped-changes'],
      runs: 30,
      seed: 4,
      store: false,
      isolation: 'in-process',
    });
    expect(run.summary.failed).toBe(1);
    await writeReports(run, tmp, ['json']);
    const file = join(tmp, 'failures/regression.test.ts');
    const failing = vitestIn(join(tmp, 'failures'));
    expect(failing.code).toBe(1);
    expect(failing.failed).toBe(1);
    expect(failing.messages).toMatch(/changes are lost/);
    writeFileSync(file, readFileSync(file, 'utf8').replace(JSON.stringify(bad), JSON.stringify(good)));
    const fixed = vitestIn(join(tmp, 'failures'));
    expect(fixed.messages).toBe('');
    expect([fixed.code, fixed.passed, fixed.failed]).toStrictEqual([0, 1, 0]);
  }, 200_000);
});
