/**
 * A user's mistake is a one-line error with exit 2 and a specific code, checked before the run where it can be — never
 * exit 3 with a stack trace; the user's own property code cannot crash the tool; the failure store stays small, is
 * never destroyed, and is kept out of git by `init`.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILURE_STORE_LIMITS } from '../harness/runDefaults.ts';
import { RUN_RESULT_SCHEMA_VERSION } from '../harness/result.ts';
import { cli, configImports, fixture, type CliRun } from './cli.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-user-errors-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** A fresh folder with files. */
function folder(name: string, files: Record<string, string> = {}): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

/** Exit 2, one line naming the code, no stack trace, and nothing of a run started. */
function expectUsageError(r: CliRun, code: string, message: RegExp): void {
  expect(r.code, r.out + r.err).toBe(2);
  const lines = r.err.trim().split('\n');
  expect(lines.at(-1)).toMatch(new RegExp(`^error ${code}: `));
  expect(lines.at(-1)).toMatch(message);
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(r.err).not.toMatch(/internal error/);
  expect(r.err).not.toMatch(/cognito-sync-conformance — /); // the run's first progress line
}

const echo = 'export const handler = async (event) => event;\n';

describe('user errors', () => {
  it('--out naming a file, or a path through one, is refused before the run', () => {
    const dir = folder('out-file', { 'h.mjs': echo, 'taken.txt': 'mine\n' });
    for (const out of ['taken.txt', 'taken.txt/reports']) {
      const r = cli(['run', 'h.mjs', '--runs', '2', '--out', out], dir);
      expectUsageError(r, 'E_OUT', /taken\.txt.* is a file/);
    }
    expect(readFileSync(join(dir, 'taken.txt'), 'utf8')).toBe('mine\n');
    expect(existsSync(join(dir, '.conformance'))).toBe(false);
  });

  // One case per code a user can act on: the code, and a message that says what to do.
  it.each([
    ['E_USAGE', ['run'], /no target: give a handler module/],
    ['E_OPTION', ['run', 'h.mjs', '--check-timeout', 'soon'], /invalid duration "soon" \(examples: 30s/],
    ['E_OPTION', ['run', 'h.mjs', '--runtime', 'nodejs16.x'], /--runtime must be one of .*got "nodejs16.x"/],
    [
      'E_CHECK_ID',
      ['run', 'h.mjs', '--checks', 'reply/shap'],
      /no check matches "reply\/shap" \(did you mean reply\/shape\?\)/,
    ],
    [
      'E_CHECK_ID',
      ['replay', 'reply', 'h.mjs', '--seed', '1', '--path', '0'],
      /replay takes one check id, not a topic/,
    ],
    ['E_NO_CHECKS', ['run', 'h.mjs', '--checks', 'reply/shape', '--exclude', 'reply'], /no checks selected: --exclude/],
    [
      'E_READING',
      ['run', 'h.mjs', '--reading', 'reply.nullEntry=maybe'],
      /has no reading "maybe".*docs\/semantics\.md/,
    ],
    ['E_READINGS_FILE', ['run', 'h.mjs', '--readings-file', 'h.mjs'], /cannot read the readings file h\.mjs/],
    [
      'E_READINGS_FILE',
      ['run', 'h.mjs', '--readings-file', 'list.json'],
      /not a readings file .*give the file probe --out wrote/,
    ],
    ['E_HANDLER_SPEC', ['run', '#main'], /no module path in handler "#main" \(use path\[#export\]\)/],
    ['E_HANDLER_LOAD', ['run', 'nope.mjs'], /nope\.mjs/],
    ['E_HANDLER_EXPORT', ['run', 'h.mjs#main'], /main/],
    [
      'E_REPORTER',
      ['run', 'h.mjs', '--out', 'r', '--reporter', 'pdf'],
      /unknown reporter "pdf".*known reporters: json/,
    ],
    [
      'E_REPORT_FILE',
      ['report', 'merge', 'nope/report.json', '--out', 'm'],
      /report not found: .*give the report\.json a run wrote/,
    ],
    ['E_EXISTS', ['init', 'h.mjs'], /cognito-sync-conformance\.config\.ts exists \(use --force to overwrite\)/],
    ['E_SHARD', ['run', 'h.mjs', '--shard', '1/2'], /--shard needs --seed/],
  ] as const)('%s: %j', (code, args, message) => {
    const dir = folder(`codes-${String(Math.random()).slice(2)}`, {
      'h.mjs': echo,
      'list.json': '[]',
      'cognito-sync-conformance.config.ts': 'export default {};\n',
    });
    expectUsageError(cli(args[0] === 'run' ? [...args, '--no-store'] : args, dir), code, message);
  });

  it.each([
    [
      'a throwing getter',
      'export default { get handler() { throw new Error("no handler today"); } };',
      /handler threw: Error: no handler today/,
    ],
    [
      'properties that throw when read',
      "export default { handler: './h.mjs', get properties() { throw 'nope'; } };",
      /reading properties threw: nope/,
    ],
    [
      'properties that are not a list',
      "export default { handler: './h.mjs', properties: 'all' };",
      /properties is not a list/,
    ],
    ['a handler that is not text', 'export default { handler: 42 };', /handler/],
  ])('a config with %s is E_CONFIG naming it', (_what, body, message) => {
    const dir = folder(`config-${String(Math.random()).slice(2)}`, { 'h.mjs': echo, 'bad.config.mjs': `${body}\n` });
    expectUsageError(cli(['run', '--config', 'bad.config.mjs', '--runs', '2', '--no-store'], dir), 'E_CONFIG', message);
  });

  it("a user property's Symbol, unprintable object or unprintable throw is that property's failure, not a crash", () => {
    const dir = folder('properties', {
      'h.mjs': echo,
      'cognito-sync-conformance.config.ts': `${configImports}
const unprintable = { toString() { throw new Error('no'); }, toJSON() { throw new Error('no'); } };
export default defineConfig({
  handler: './h.mjs',
  properties: [
    { name: 'symbol', check: () => Symbol('odd') as never },
    { name: 'unprintable', check: () => unprintable as never },
    { name: 'throws-unprintable', check: () => { throw unprintable; } },
  ],
});
void fc;
`,
    });
    const r = cli(['run', '--checks', 'user', '--runs', '3', '--no-store'], dir);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.err + r.out).not.toMatch(/internal error|E_INTERNAL/);
    expect(r.out + r.err).not.toMatch(/^\s+at /m);
    const lines = r.out.split('\n');
    for (const [name, message] of [
      [
        'symbol',
        /^property "symbol" returned a symbol \(odd\), not true or nothing .*: fix the property in your config$/,
      ],
      [
        'unprintable',
        /^property "unprintable" returned a value of type object that cannot be shown \(its conversion to text threw\), not true or nothing .*: fix the property in your config$/,
      ],
      [
        'throws-unprintable',
        /^property "throws-unprintable" threw: a value of type object that cannot be shown \(its conversion to text threw\)$/,
      ],
    ] as const) {
      // The failure's headline is the whole message, on one line; what follows is the failure's detail.
      const at = lines.findIndex((l) => l.startsWith('✗ R') && new RegExp(` user/${name}(/sessions)?: `).test(l));
      expect(at, `no failure of user/${name} in:\n${r.out}`).toBeGreaterThanOrEqual(0);
      expect(lines[at]?.replace(/^✗ R\d+ \(must\) user\/[\w-]+(\/sessions)?: /, '')).toMatch(message);
      expect(lines[at + 1]).toMatch(/^ {4}seen in user\//);
    }
  });

  it("a config's values arbitrary that throws is that config's E_CONFIG_VALUES check error (exit 1), not a bug in the tool", () => {
    const dir = folder('values-throw', {
      'h.mjs': echo,
      'cognito-sync-conformance.config.ts': `${configImports}
export default defineConfig({
  handler: './h.mjs',
  values: { score: fc.nat().map(() => { throw new Error('no score today'); }) },
});
`,
    });
    // A case draws any subset of the domain keys: with 3 cases, one run in eight drew no score at all and passed.
    // Thirty cases, and a seed, draw it for sure.
    const r = cli(['run', '--checks', 'data/no-dropped-changes', '--runs', '30', '--seed', '1', '--no-store'], dir);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.err).toMatch(
      /E_CONFIG_VALUES: the arbitrary of values\.score threw while drawing a value: Error: no score today; fix it in your config/,
    );
    expect(r.err + r.out).not.toMatch(/internal error|E_INTERNAL/);
  });

  it('replay --from a file that is not a report this version reads, or holds a bad input, is refused', () => {
    const dir = folder('replay-from', { 'h.mjs': echo });
    const run = cli(
      [
        'run',
        fixture('bad-rewrite-eventtype.cjs'),
        '--checks',
        'reply/read-only-fields',
        '--runs',
        '5',
        '--seed',
        '7',
      ].concat(['--no-store', '--out', 'report']),
      dir,
    );
    expect(run.code, run.out + run.err).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'report/report.json'), 'utf8')) as {
      schemaVersion: number;
      checks: { id: string; failures?: { counterexample: { input: unknown } }[] }[];
    };
    const edited = (edit: (r: typeof report) => void): string => {
      const copy = structuredClone(report);
      edit(copy);
      return JSON.stringify(copy);
    };
    const input = (v: unknown) => (r: typeof report) => {
      const cx = r.checks[0]?.failures?.[0]?.counterexample;
      if (cx) cx.input = v;
    };
    const scenario = (report.checks[0]?.failures?.[0]?.counterexample.input as { scenario: { datasetName: string } })
      .scenario;
    const cases: [string, string, string, RegExp][] = [
      ['list.json', '[]', 'E_REPLAY_FILE', /list\.json holds a list/],
      ['null.json', 'null', 'E_REPLAY_FILE', /null\.json holds null/],
      ['text.json', 'not json', 'E_REPLAY_FILE', /cannot read text\.json/],
      [
        'future.json',
        edited((r) => (r.schemaVersion = RUN_RESULT_SCHEMA_VERSION + 1)),
        'E_REPLAY_FILE',
        new RegExp(`schema version ${String(RUN_RESULT_SCHEMA_VERSION + 1)}, newer than this version`),
      ],
      ['number.json', edited(input(42)), 'E_REPLAY_INPUT', /is not a case/],
      [
        'bad-scenario.json',
        edited(input({ scenario: { ...scenario, datasetName: '../x' } })),
        'E_REPLAY_INPUT',
        /datasetName/,
      ],
      // A valid scenario that is not the one that failed: the event it builds is not the reported one.
      [
        'other-case.json',
        edited(input({ scenario: { ...scenario, datasetName: 'other' } })),
        'E_REPLAY_INPUT',
        /does not build the event/,
      ],
    ];
    for (const [file, content, code, message] of cases) {
      writeFileSync(join(dir, file), content);
      expectUsageError(cli(['replay', 'reply/read-only-fields', '--from', file], dir), code, message);
    }
    // A seed and path that lead to no case are E_REPLAY, not a fast-check crash.
    expectUsageError(
      cli(['replay', 'reply/read-only-fields', 'h.mjs', '--seed', '1', '--path', '0:999:999'], dir),
      'E_REPLAY',
      /lead to no case of reply\/read-only-fields/,
    );
  });

  it('the failure store is kept when it cannot be read, and cleaned of invalid entries, with a warning', () => {
    const dir = folder('store', { 'h.mjs': echo });
    mkdirSync(join(dir, '.conformance'));
    const store = join(dir, '.conformance/failures.json');
    const args = ['run', fixture('bad-rewrite-eventtype.cjs'), '--checks', 'reply/read-only-fields', '--runs', '5'];
    for (const [content, tag] of [
      ['{"version": 2, "failures": [', 'corrupt'],
      ['{"version": 7, "failures": []}', 'v7'],
    ] as const) {
      writeFileSync(store, content);
      const r = cli(args, dir);
      expect(r.code, r.out + r.err).toBe(1);
      const aside = readdirSync(join(dir, '.conformance')).find((f) => f.startsWith(`failures.json.${tag}-`));
      expect(aside).toBeDefined();
      expect(r.err).toContain(`warning: the failure store .conformance/failures.json`);
      expect(r.err).toContain(`kept it as .conformance/${aside ?? ''}`);
      expect(readFileSync(join(dir, '.conformance', aside ?? ''), 'utf8')).toBe(content);
      expect(JSON.parse(readFileSync(store, 'utf8'))).toMatchObject({
        version: 2,
        failures: [{ checkId: 'reply/read-only-fields' }],
      });
    }
    const kept = JSON.parse(readFileSync(store, 'utf8')) as { failures: unknown[] };
    writeFileSync(
      store,
      JSON.stringify({
        version: 2,
        failures: [...kept.failures, { checkId: 'reply/read-only-fields', input: 'poison' }],
      }),
    );
    const r = cli(args, dir);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.err).toMatch(/warning: dropped 1 invalid entry of \.conformance\/failures\.json/);
    expect((JSON.parse(readFileSync(store, 'utf8')) as { failures: unknown[] }).failures).toHaveLength(1);
  });

  it('the failure store keeps a case as its scenario: a few kilobytes where the input is hundreds', () => {
    const dir = folder('store-size');
    const r = cli(
      ['run', fixture('bad-rebuild-records.mjs'), '--checks', 'limits,data', '--seed', '3', '--out', 'report'],
      dir,
    );
    expect(r.code, r.out + r.err).toBe(1);
    const inputs = readdirSync(join(dir, 'report/failures'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.input.json'))
      .map((f) => statSync(join(dir, 'report/failures', f)).size);
    const store = statSync(join(dir, '.conformance/failures.json')).size;
    expect(Math.max(...inputs)).toBeGreaterThan(100_000);
    expect(store).toBeLessThan(inputs.length * 4_000);
    expect(store).toBeLessThan(FAILURE_STORE_LIMITS.maxBytes);
  });

  it('init adds .conformance/ to .gitignore, once, beside what is there', () => {
    const dir = folder('init', { 'handler.mjs': echo, '.gitignore': 'node_modules' });
    const r = cli(['init', 'handler.mjs'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('added .conformance/ (the failure store) to');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(
      'node_modules\n# cognito-sync-conformance failure store\n.conformance/\n',
    );
    const again = cli(['init', 'handler.mjs', '--force'], dir);
    expect(again.code, again.err).toBe(0);
    expect(again.out).not.toContain('.gitignore');
    expect(readFileSync(join(dir, '.gitignore'), 'utf8').match(/\.conformance\//g)).toHaveLength(1);
    const fresh = folder('init-fresh', { 'handler.mjs': echo });
    expect(cli(['init', 'handler.mjs'], fresh).code).toBe(0);
    expect(readFileSync(join(fresh, '.gitignore'), 'utf8')).toContain('.conformance/\n');
  });
});
