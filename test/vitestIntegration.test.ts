/**
 * `describeConformance` inside a user's own Vitest suite: a separate Vitest process on a user-style test file, one
 * test per check, the must failure failing its test with the counterexample text the CLI prints.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'csc-vitest-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

interface VitestJson {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

describe('describeConformance', () => {
  it('registers one test per check and fails exactly the must checks a handler breaks', () => {
    const api = pathToFileURL(join(root, 'vitest/index.ts')).href;
    const fixtures = join(root, 'fixtures/handlers/conformance');
    writeFileSync(
      join(tmp, 'trigger.test.ts'),
      `import { describeConformance } from '${api}';
describeConformance('good', { handler: '${fixtures}/good-async-validator.mjs', checks: ['reply'], runs: 15, seed: 2, store: false });
describeConformance('bad', { handler: '${fixtures}/bad-rewrite-eventtype.cjs', checks: ['reply'], runs: 15, seed: 2, store: false });
`,
    );
    const out = join(tmp, 'out.json');
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', tmp, '--reporter=json', `--outputFile=${out}`],
      { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 180_000 },
    );
    expect(r.status, r.stdout + r.stderr).toBe(1);
    const results = (JSON.parse(readFileSync(out, 'utf8')) as VitestJson).testResults.flatMap(
      (f) => f.assertionResults,
    );
    const status = Object.fromEntries(results.map((t) => [t.title.split(' ')[0] ?? '', [] as string[]]));
    for (const t of results) status[t.title.split(' ')[0] ?? '']?.push(t.status);
    expect(results).toHaveLength(6);
    expect(status).toStrictEqual({
      'reply/shape': ['passed', 'passed'],
      'reply/read-only-fields': ['passed', 'failed'],
      'reply/record-format': ['passed', 'passed'],
    });
    const failure = results.find((t) => t.status === 'failed')?.failureMessages.join('\n') ?? '';
    expect(failure).toMatch(/eventType/);
    expect(failure).toMatch(/replay: npx cognito-sync-conformance replay reply\/read-only-fields/);
  }, 200_000);
});
