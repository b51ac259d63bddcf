/**
 * The package as a new user gets it: `npm pack`, then `npm install <tarball>` into a fresh CommonJS project that has
 * none of this repository's devDependencies (its dependencies come from the registry, as a user's would), with Jest
 * and Vitest installed there from the registry. From that project: the CLI (report.sarif valid against the SARIF
 * 2.1.0 schema), `init` and a config whose `values` use the re-exported `fc`, `checkConformance` from ES modules and
 * from CommonJS under Jest (no flag), `describeConformance` under Vitest, and the replay lines of a config run.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ajvDraft04 from 'ajv-draft-04';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../suites/catalog.ts';
import { builtFromSource } from './builtDist.test-helpers.ts';
import { scaled } from './timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'csc-tarball-'));
const project = join(tmp, 'project');
let packed: { filename: string; files: { path: string }[] };

/** The handler under test: no guard for a null record entry, which it reads on line 4. */
const HANDLER = `// A Sync Trigger handler.
exports.handler = async (event) => {
  for (const key of Object.keys(event.datasetRecords)) {
    if (event.datasetRecords[key].op === 'remove') delete event.datasetRecords[key];
  }
  return event;
};
`;
const CHECKS = 'robustness/null-entries,reply/shape';

const inProject = (cmd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> =>
  spawnSync(cmd, args, {
    cwd: project,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
const bin = join(project, 'node_modules/.bin');

/** What of the checkout is not copied to pack: installs, reports, and the repository itself. */
const NOT_COPIED = /^(node_modules|\.git|\.scratch|conformance-report|coverage)(\/|$)/;

beforeAll(() => {
  // Packed from a copy of the checkout, with the `dist/` the e2e project's setup has just built from these sources
  // (test/buildCli.globalSetup.ts), pruned to what a clean build writes: `prepare` (a clean build, as `npm publish`
  // runs it) is not run again here, and the CLI the other end-to-end files run from the checkout's `dist/` at the
  // same time is never touched.
  const checkout = join(tmp, 'checkout');
  cpSync(root, checkout, {
    recursive: true,
    filter: (src) => {
      const rel = relative(root, src);
      if (NOT_COPIED.test(rel)) return false;
      return !rel.startsWith('dist/') || statSync(src).isDirectory() || builtFromSource(rel);
    },
  });
  symlinkSync(join(root, 'node_modules'), join(checkout, 'node_modules'));
  const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], {
    cwd: checkout,
    encoding: 'utf8',
  });
  packed = (JSON.parse(out.slice(out.indexOf('['))) as (typeof packed)[])[0] as typeof packed;
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
  writeFileSync(join(project, 'handler.js'), HANDLER);
  const install = inProject('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    join(tmp, packed.filename),
    'jest@30.5.2',
    'vitest@4.1.12',
  ]);
  if (install.status !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
}, scaled(600_000));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('ships a LICENSE, the CommonJS entry, and no source map pointing at a file it does not ship', () => {
    const files = new Set(packed.files.map((f) => f.path));
    expect(files.has('LICENSE')).toBe(true);
    expect(files.has('dist/cjs/index.cjs')).toBe(true);
    expect(files.has('dist/cjs/index.d.cts')).toBe(true);
    for (const f of files) {
      if (!f.endsWith('.map')) continue;
      const map = JSON.parse(readFileSync(join(project, 'node_modules/cognito-sync-conformance', f), 'utf8')) as {
        sources: string[];
        sourcesContent?: unknown[];
      };
      const shipped = map.sources.every((s) => files.has(join(f, '..', s)));
      expect(shipped || map.sourcesContent?.length === map.sources.length, f).toBe(true);
    }
    // No TypeScript sources: only compiled code and declarations.
    expect([...files].filter((f) => /\.[cm]?ts$/.test(f) && !/\.d\.[cm]?ts$/.test(f))).toStrictEqual([]);
  });

  it('installs without this repository’s devDependencies', () => {
    const ls = inProject('npm', ['ls', '--all', '--parseable']);
    expect(ls.stdout).not.toMatch(/node_modules\/(eslint|prettier|playwright-core|ajv-draft-04)$/m);
  });

  it(
    'runs the CLI: the failure at the handler’s line, a SARIF report valid against the SARIF 2.1.0 schema',
    () => {
      const r = inProject(join(bin, 'cognito-sync-conformance'), [
        'run',
        'handler.js',
        '--checks',
        CHECKS,
        '--runs',
        '30',
        '--out',
        'report',
        '--no-store',
      ]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/thrown at .*handler\.js:4:\d+/);
      const sarif = JSON.parse(readFileSync(join(project, 'report/report.sarif'), 'utf8')) as unknown;
      const schema = JSON.parse(readFileSync(join(root, 'reports/schema/sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      const validate = new ajvDraft04.default({ strict: false, unicodeRegExp: false, validateFormats: false }).compile(
        schema,
      );
      expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
      expect(JSON.stringify(sarif)).toContain('"uri":"handler.js"');
    },
    scaled(120_000),
  );

  it(
    'prints replay lines that reproduce a config run’s failures from the installed package, a user property’s too',
    () => {
      const dir = join(project, 'scores');
      mkdirSync(dir, { recursive: true });
      // Doubles every score: not idempotent, and past 500 the user's bound is broken.
      writeFileSync(
        join(dir, 'scores.js'),
        `exports.handler = async (event) => {
  const r = event.datasetRecords.score;
  if (r && r.op === 'replace' && typeof r.newValue === 'string') r.newValue = String(Number(r.newValue) * 2);
  return event;
};
`,
      );
      writeFileSync(
        join(dir, 'cognito-sync-conformance.config.mjs'),
        `import { defineConfig, fc } from 'cognito-sync-conformance';
export default defineConfig({
  handler: './scores.js',
  values: { score: fc.nat({ max: 1000 }).map(String) },
  properties: [{ name: 'score-small', check: ({ after }) => after === null || Number(after.score ?? 0) <= 1000 || 'score over 1000' }],
});
`,
      );
      const cliIn = (args: readonly string[]): SpawnSyncReturns<string> =>
        spawnSync(join(bin, 'cognito-sync-conformance'), args, {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
          maxBuffer: 64 * 1024 * 1024,
        });
      const run = cliIn(['run', '--checks', 'idempotency/no-churn,user', '--runs', '30', '--seed', '5', '--no-store']);
      expect(run.status, run.stdout + run.stderr).toBe(1);
      const lines = [...run.stdout.matchAll(/^ +replay: npx cognito-sync-conformance (replay .*)$/gm)].map(
        (m) => m[1] ?? '',
      );
      const events = [...run.stdout.matchAll(/^ +event: +(.*)$/gm)].map((m) => m[1] ?? '');
      expect(lines.some((l) => l.startsWith('replay user/score-small '))).toBe(true);
      expect(events).toHaveLength(lines.length);
      for (const [i, line] of lines.entries()) {
        // The line as a user pastes it, with the installed bin standing for npx.
        const replay = spawnSync('sh', ['-c', `${JSON.stringify(join(bin, 'cognito-sync-conformance'))} ${line}`], {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
        });
        expect(replay.status, `${line}\n${replay.stdout}${replay.stderr}`).toBe(1);
        expect([...replay.stdout.matchAll(/^ +event: +(.*)$/gm)][0]?.[1], line).toBe(events[i]);
      }
    },
    scaled(180_000),
  );

  it(
    'init writes a config that needs no fast-check of the project’s own, and a run applies it',
    () => {
      // A handler without handler.js's bug (it reads `.op` of the null entries Cognito sends): the run must pass.
      writeFileSync(
        join(project, 'good.js'),
        HANDLER.replace('event.datasetRecords[key].op', 'event.datasetRecords[key]?.op'),
      );
      expect(inProject(join(bin, 'cognito-sync-conformance'), ['init', 'good.js']).status).toBe(0);
      const config = readFileSync(join(project, 'cognito-sync-conformance.config.ts'), 'utf8');
      expect(config).toContain("import { defineConfig, fc } from 'cognito-sync-conformance';");
      expect(config).not.toContain("from 'fast-check'");
      // The config as a user fills it in: domain values drawn with the re-exported fc, and a property.
      writeFileSync(
        join(project, 'cognito-sync-conformance.config.ts'),
        config
          .replace(
            '// score: fc.integer({ min: 0, max: 1_000_000 }).map(String),',
            'score: fc.nat({ max: 99 }).map(String),',
          )
          .replace(
            /properties: \[[\s\S]*?\n {2}\],/,
            "properties: [{ name: 'score-kept', check: ({ after }) => after === null || after.score === undefined || /^\\d+$/.test(after.score) }],",
          ),
      );
      const r = inProject(join(bin, 'cognito-sync-conformance'), [
        'run',
        '--checks',
        'user/score-kept,reply/shape',
        '--runs',
        '20',
        '--no-store',
      ]);
      expect(r.stderr).toContain('config: cognito-sync-conformance.config.ts');
      // The property is two checks of the run (on single events and in sessions; the built-in ones and 2 of the
      // config's), and it held.
      expect(r.stdout + r.stderr).toContain('user/score-kept/sessions');
      expect(r.stdout).toMatch(new RegExp(`^CONFORMANT \\(3 of ${String(CATALOG.length + 2)} checks\\)`, 'm'));
      expect(r.status, r.stdout + r.stderr).toBe(0);
      rmSync(join(project, 'cognito-sync-conformance.config.ts'));
    },
    scaled(120_000),
  );

  it(
    'checkConformance and failureText from ES modules',
    () => {
      writeFileSync(
        join(project, 'use.mjs'),
        `import { checkConformance, failureText } from 'cognito-sync-conformance';
const run = await checkConformance({ handler: './handler.js', checks: ${JSON.stringify(CHECKS.split(','))}, runs: 30, store: false });
const failed = run.checks.filter((c) => c.outcome === 'fail');
console.log(JSON.stringify({ conformant: run.summary.conformant, text: failureText(failed[0], undefined, run.readings) }));
`,
      );
      const r = inProject(process.execPath, ['use.mjs']);
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { conformant: boolean; text: string };
      expect(out.conformant).toBe(false);
      expect(out.text).toContain("TypeError: Cannot read properties of null (reading 'op')");
    },
    scaled(120_000),
  );

  it(
    'checkConformance and failureText from CommonJS under Jest, with no flag',
    () => {
      writeFileSync(
        join(project, 'conformance.test.js'),
        `const { checkConformance, failureText } = require('cognito-sync-conformance');

test('the handler survives null entries', async () => {
  const run = await checkConformance({ handler: './handler.js', checks: ${JSON.stringify(CHECKS.split(','))}, runs: 30, store: false });
  const failed = run.checks.filter((c) => c.outcome === 'fail');
  const texts = await Promise.all(failed.map((c) => failureText(c, run.readings)));
  expect(run.summary.conformant).toBe(false);
  expect(texts.join('\\n')).toContain("TypeError: Cannot read properties of null (reading 'op')");
}, ${String(scaled(60_000))});
`,
      );
      const r = inProject(join(bin, 'jest'), ['--ci', 'conformance.test.js']);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stderr).toMatch(/Tests:\s+1 passed, 1 total/);
    },
    scaled(180_000),
  );

  it(
    'describeConformance under Vitest: one test per check, the failing one with the failure text',
    () => {
      writeFileSync(
        join(project, 'conformance.vitest.test.mjs'),
        `import { describeConformance } from 'cognito-sync-conformance/vitest';
describeConformance('sync trigger', { handler: './handler.js', checks: ${JSON.stringify(CHECKS.split(','))}, runs: 30, store: false });
`,
      );
      const r = inProject(join(bin, 'vitest'), ['run', 'conformance.vitest.test.mjs']);
      expect(r.status).toBe(1);
      const out = r.stdout + r.stderr;
      expect(out).toContain('robustness/null-entries');
      expect(out).toContain("TypeError: Cannot read properties of null (reading 'op')");
    },
    scaled(180_000),
  );
});
