/**
 * The generated Vitest regression file runs as a user runs it — `vitest run --config <out>/failures/<its config>`
 * from the folder the run started in: against the handler that failed it fails, with the check's message; pointed
 * at a handler that handles the input it passes. A user property of a config run is replayed too, not skipped; and
 * the project's own default test glob does not pick the file up.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConformance } from '../harness/index.ts';
import { writeReports } from '../reports/index.ts';
import { cli, configImports } from './cli.test-helpers.ts';
import { scaled } from './timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'csc-regression-'));
const bad = join(root, 'fixtures/handlers/conformance/bad-delete-key.mjs');
const good = join(root, 'fixtures/handlers/conformance/good-echo-context-done.cjs');
const vitestBin = join(root, 'node_modules/vitest/vitest.mjs');
// The compiled entry, as an installed package resolves (the e2e project builds it first): from the sources, each
// Vitest run here would transform the whole harness again.
const alias = { 'cognito-sync-conformance': join(root, 'dist/index.js') };

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

interface VitestRun {
  code: number | null;
  failed: number;
  passed: number;
  total: number;
  messages: string;
}

/**
 * Runs Vitest from `cwd` with a config that is `base` (a path, or none) plus an alias resolving the package name to
 * this checkout's compiled entry, as an installed package would resolve.
 */
function vitest(cwd: string, base: string | undefined): VitestRun {
  const config = join(cwd, `alias-${String(Math.random()).slice(2)}.config.mjs`);
  writeFileSync(
    config,
    base
      ? `import base from ${JSON.stringify(pathToFileURL(base).href)};\nexport default { ...base, resolve: { alias: ${JSON.stringify(alias)} } };\n`
      : `export default { resolve: { alias: ${JSON.stringify(alias)} } };\n`,
  );
  const out = join(cwd, 'results.json');
  const r = spawnSync(
    process.execPath,
    [vitestBin, 'run', '--config', config, '--passWithNoTests', '--reporter=json', `--outputFile=${out}`],
    { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: scaled(180_000) },
  );
  const json = JSON.parse(readFileSync(out, 'utf8')) as {
    numFailedTests: number;
    numPassedTests: number;
    numTotalTests: number;
    testResults: { assertionResults: { failureMessages: string[] }[] }[];
  };
  rmSync(config);
  const messages = json.testResults.flatMap((f) => f.assertionResults.flatMap((a) => a.failureMessages)).join('\n');
  return {
    code: r.status,
    failed: json.numFailedTests,
    passed: json.numPassedTests,
    total: json.numTotalTests,
    messages,
  };
}

describe('the generated regression test', () => {
  it(
    'fails against the handler that failed, and passes once the handler handles the input',
    async () => {
      const run = await checkConformance({
        handler: bad,
        checks: ['data/no-dropped-changes'],
        runs: 30,
        seed: 4,
        store: false,
        isolation: 'in-process',
      });
      expect(run.summary.failed).toBe(1);
      const out = join(tmp, 'lib-report');
      await writeReports(run, out, ['json']);
      const file = join(out, 'failures/regression.replay.ts');
      const runner = join(out, 'failures/vitest.replay.config.mjs');
      const failing = vitest(tmp, runner);
      expect(failing.code).toBe(1);
      expect(failing.failed).toBe(1);
      expect(failing.messages).toMatch(/changes are lost/);
      writeFileSync(file, readFileSync(file, 'utf8').replace(JSON.stringify(bad), JSON.stringify(good)));
      const fixed = vitest(tmp, runner);
      expect(fixed.messages).toBe('');
      expect([fixed.code, fixed.passed, fixed.failed]).toStrictEqual([0, 1, 0]);
    },
    scaled(300_000),
  );

  it(
    "replays a config run's own property, and stays out of the project's own test glob",
    () => {
      const project = join(tmp, 'project');
      mkdirSync(project);
      const handler = join(project, 'scores.mjs');
      // Doubles every score it is sent: past 500 the user's bound is broken.
      const doubling = `export const handler = async (event) => {
  const r = event.datasetRecords.score;
  if (r && r.op === 'replace' && typeof r.newValue === 'string') r.newValue = String(Number(r.newValue) * 2);
  return event;
};
`;
      writeFileSync(handler, doubling);
      writeFileSync(
        join(project, 'cognito-sync-conformance.config.ts'),
        `${configImports}
export default defineConfig({
  handler: './scores.mjs',
  values: { score: fc.nat({ max: 1000 }).map(String) },
  properties: [{ name: 'score-small', check: ({ after }) => after === null || Number(after.score ?? 0) <= 1000 || 'score over 1000' }],
});
`,
      );
      const r = cli(
        ['run', '--checks', 'user', '--runs', '60', '--seed', '5', '--no-store', '--out', 'conformance-report'],
        project,
      );
      expect(r.code, r.out + r.err).toBe(1);
      const runner = join(project, 'conformance-report/failures/vitest.replay.config.mjs');
      expect(r.out).toContain(
        `regression test: npx vitest run --config conformance-report/failures/vitest.replay.config.mjs`,
      );
      // The project's own Vitest, with its default globs, finds no test in the report folder.
      expect(vitest(project, undefined).total).toBe(0);
      // The property broken on single events and in sessions: a test of each case.
      const failing = vitest(project, runner);
      expect([failing.code, failing.failed]).toStrictEqual([1, 2]);
      expect(failing.messages).toMatch(/score over 1000/);
      writeFileSync(handler, 'export const handler = async (event) => event;\n');
      const fixed = vitest(project, runner);
      expect(fixed.messages).toBe('');
      expect([fixed.code, fixed.passed, fixed.failed]).toStrictEqual([0, 2, 0]);
    },
    scaled(300_000),
  );
});
