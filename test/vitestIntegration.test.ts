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
import { scaled } from './timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'csc-vitest-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

interface VitestJson {
  testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
}

describe('describeConformance', () => {
  it(
    'registers one test per check and fails exactly the must checks a handler breaks',
    () => {
      const api = pathToFileURL(join(root, 'vitest/index.ts')).href;
      const fixtures = join(root, 'fixtures/handlers/conformance');
      const spoof = join(root, 'fixtures/handlers/terminal-spoof.mjs');
      writeFileSync(
        join(tmp, 'trigger.test.ts'),
        `import { describeConformance } from '${api}';
describeConformance('good', { handler: '${fixtures}/good-async-validator.mjs', checks: ['reply'], runs: 15, seed: 2, store: false });
describeConformance('bad', { handler: '${fixtures}/bad-rewrite-eventtype.cjs', checks: ['reply'], runs: 15, seed: 2, store: false });
describeConformance('throws', { handler: '${spoof}#throws', checks: ['robustness/empty-dataset'], runs: 5, seed: 2, store: false });
`,
      );
      const out = join(tmp, 'out.json');
      const r = spawnSync(
        process.execPath,
        [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', tmp, '--reporter=json', `--outputFile=${out}`],
        { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: scaled(180_000) },
      );
      expect(r.status, r.stdout + r.stderr).toBe(1);
      const results = (JSON.parse(readFileSync(out, 'utf8')) as VitestJson).testResults.flatMap(
        (f) => f.assertionResults,
      );
      const status = Object.fromEntries(results.map((t) => [t.title.split(' ')[0] ?? '', [] as string[]]));
      for (const t of results) status[t.title.split(' ')[0] ?? '']?.push(t.status);
      expect(results).toHaveLength(7);
      expect(status).toStrictEqual({
        'reply/shape': ['passed', 'passed'],
        'reply/read-only-fields': ['passed', 'failed'],
        'reply/record-format': ['passed', 'passed'],
        'robustness/empty-dataset': ['failed'],
      });
      const failure = (id: string): string =>
        results.find((t) => t.status === 'failed' && t.title.startsWith(id))?.failureMessages.join('\n') ?? '';
      expect(failure('reply/read-only-fields')).toMatch(/eventType/);
      expect(failure('reply/read-only-fields')).toMatch(
        /replay: npx cognito-sync-conformance replay reply\/read-only-fields/,
      );
      // A thrown error names the handler's own file and line first; its stack is the handler's frames, not the tool's,
      // and no control character of its message reaches the test output raw.
      const thrown = failure('robustness/empty-dataset');
      expect(thrown.split('\n')[1]).toMatch(/^ {4}thrown at .*terminal-spoof\.mjs:\d+:\d+$/);
      expect(thrown).toMatch(/at throws \(file:\/\/.*terminal-spoof\.mjs:\d+:\d+\)/);
      expect(thrown).not.toMatch(/runtime\/node\/|vitest\/index\.ts|node:internal/);
      // eslint-disable-next-line no-control-regex -- the characters that act on a terminal
      expect(thrown).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    },
    scaled(200_000),
  );
});
