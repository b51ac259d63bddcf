/**
 * The user's config module: the handler, domain value generators and named properties run like built-in checks,
 * through the library API and the CLI; and a broken config is a clear E_CONFIG.
 */
import { firstCounterexample } from '../harness/result.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConformance, loadConfig } from '../harness/index.ts';
import { scaled } from './timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'csc-config-'));
const harnessUrl = pathToFileURL(join(root, 'harness/index.ts')).href;
const fastCheckUrl = pathToFileURL(join(root, 'node_modules/fast-check/lib/fast-check.js')).href;

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// A handler that doubles every score it sees, and writes "NaN" for a score that is not a number.
writeFileSync(
  join(tmp, 'scores.mjs'),
  `export const handler = async (event) => {
  const r = event.datasetRecords.score;
  if (r && r.op === 'replace' && typeof r.newValue === 'string') r.newValue = String(Number(r.newValue) * 2);
  return event;
};
`,
);

const config = (name: string, body: string): string => {
  const path = join(tmp, name);
  writeFileSync(
    path,
    `import fc from '${fastCheckUrl}';
import { defineConfig } from '${harnessUrl}';
${body}
`,
  );
  return path;
};

describe('the config module', () => {
  it('runs the user’s properties as checks user/<name>, on events drawn with the user’s value generators', async () => {
    const path = config(
      'numeric.config.ts',
      `export default defineConfig({
  handler: './scores.mjs',
  values: { score: fc.nat({ max: 1000 }).map(String) },
  properties: [
    { name: 'score-numeric', check: ({ after }) => after === null || after.score === undefined || /^\\d+$/.test(after.score) },
    { name: 'score-doubled', level: 'should', check: ({ event, after }) => {
      const r = event.datasetRecords.score;
      if (!after || !r || r.op !== 'replace' || typeof r.newValue !== 'string') return true;
      return after.score === String(Number(r.newValue) * 2) || \`score \${r.newValue} became \${after.score}\`;
    } },
    { name: 'score-small', check: ({ after }) => after === null || Number(after.score ?? 0) <= 1000 || 'score over 1000' },
  ],
});`,
    );
    const c = await loadConfig(path);
    const run = await checkConformance({ ...c, checks: ['user'], runs: 60, seed: 5, store: false });
    const outcome = Object.fromEntries(run.checks.map((x) => [x.id, x.outcome]));
    // Values come from the user's generator, so scores are numeric and doubling keeps them numeric...
    expect(outcome['user/score-numeric']).toBe('pass');
    expect(outcome['user/score-doubled']).toBe('pass');
    // ...and doubling a score above 500 breaks the user's bound: found, with the user's message.
    expect(outcome['user/score-small']).toBe('fail');
    const cx = firstCounterexample(run.checks.find((x) => x.id === 'user/score-small'));
    expect(cx?.messages.join()).toMatch(/score over 1000/);
    // The same properties, asked of every run of the trigger in sessions of several devices.
    expect(outcome['user/score-numeric/sessions']).toBe('pass');
    expect(outcome['user/score-doubled/sessions']).toBe('pass');
    expect(outcome['user/score-small/sessions']).toBe('fail');
    const sx = firstCounterexample(run.checks.find((x) => x.id === 'user/score-small/sessions'));
    expect(sx?.messages).toHaveLength(2);
    expect(sx?.messages[0]).toBe('score over 1000');
    expect(sx?.messages[1]).toMatch(
      /^(at step \d+|while the devices settle), in the run of the trigger for device-\d+'s sync$/,
    );
    const noted = sx?.timeline?.rows.filter((r) => r.kind === 'check') ?? [];
    expect(noted.map((r) => r.text)).toStrictEqual(['property "score-small" does not hold here']);
  });

  it('the CLI finds the config in the working directory and exits 1 on a failing user property', () => {
    config(
      'cognito-sync-conformance.config.ts',
      `export default defineConfig({
  handler: './scores.mjs',
  values: { score: fc.nat({ max: 1000 }).map(String) },
  properties: [{ name: 'score-small', check: ({ after }) => after === null || Number(after.score ?? 0) <= 1000 }],
});`,
    );
    const r = spawnSync(
      process.execPath,
      [join(root, 'dist/cli/main.js'), 'run', '--checks', 'user', '--runs', '60', '--seed', '5', '--no-store'],
      { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: scaled(120_000) },
    );
    expect(r.status, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/user\/score-small/);
    rmSync(join(tmp, 'cognito-sync-conformance.config.ts'));
  });

  it.each([
    ['no default export', 'export const x = 1;', /no default export/],
    ['a property without a check', "export default defineConfig({ properties: [{ name: 'p' }] });", /property/],
    [
      'a bad property name',
      "export default defineConfig({ properties: [{ name: 'a b', check: () => true }] });",
      /"a b"/,
    ],
    [
      'a value that is not an arbitrary',
      "export default defineConfig({ values: { score: 'numeric' } });",
      /values\.score/,
    ],
    ['a syntax error', 'export default defineConfig({', /cannot load config/],
    [
      'a getter that throws',
      "export default { get runtime() { throw new Error('not today'); } };",
      /reading runtime threw: Error: not today/,
    ],
    [
      'a property whose check throws when read',
      "export default { properties: [{ name: 'p', get check() { throw 'no'; } }] };",
      /reading properties\[0\]\.check threw: no/,
    ],
    ['properties that are not a list', 'export default defineConfig({ properties: {} as never });', /not a list/],
    [
      'a property level that is neither',
      "export default defineConfig({ properties: [{ name: 'p', level: 'may' as never, check: () => true }] });",
      /properties\[0\]\.level/,
    ],
    ['values that are not an object', "export default defineConfig({ values: 'numeric' as never });", /values is not/],
    ['an unknown option', 'export default { handlr: "./h.js" };', /handlr/],
    ['a handler that is not text', 'export default { handler: 42 };', /handler/],
  ])('rejects a config with %s as E_CONFIG', async (_what, body, message) => {
    const path = config(`bad-${String(Math.random()).slice(2)}.config.ts`, body);
    await expect(loadConfig(path)).rejects.toMatchObject({ code: 'E_CONFIG', message });
  });
});
