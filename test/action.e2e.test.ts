/**
 * The GitHub Action (action.yml), its steps run as scripts with the runner's variables against a handler that
 * crashes on a null record entry: the job summary, the annotation at the handler's own line, the outputs, the
 * report folder handed to the upload step, the failing verdict, and the handler's output kept from acting as
 * workflow commands. And its install step, for real, in a copy of the action without node_modules.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readAction, runAction, type ActionRun } from './action.test-helpers.ts';
import { scaled } from './timeScale.test-helpers.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'csc-action-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** A handler that logs a forged workflow command, then reads `.op` of a null entry on line 5. */
const BAD_HANDLER = `// A Sync Trigger handler without a guard for null record entries.
exports.handler = async (event) => {
  console.log('::error file=forged.js,line=1::forged by the handler');
  for (const key of Object.keys(event.datasetRecords)) {
    if (event.datasetRecords[key].op === 'remove') delete event.datasetRecords[key];
  }
  return event;
};
`;

describe('action.yml', () => {
  it('is a composite action whose scripts take no ${{ }} expression (inputs arrive through env)', () => {
    const action = readAction(join(root, 'action.yml'));
    expect(action.runs.using).toBe('composite');
    for (const name of ['handler', 'command', 'runtime', 'checks', 'strict', 'out'])
      expect(Object.keys(action.inputs)).toContain(name);
    for (const name of ['verdict', 'report-dir', 'sarif']) expect(Object.keys(action.outputs)).toContain(name);
    for (const step of action.runs.steps) if (step.run) expect(step.run, step.name).not.toContain('${{');
  });

  describe('run against a handler that crashes on a null entry', () => {
    const workspace = join(tmp, 'workspace');
    let result: ActionRun;
    const step = (name: string) => {
      const s = result.steps.find((x) => x.name.startsWith(name));
      if (!s) throw new Error(`no step ${name}`);
      return s;
    };

    it(
      'runs every step as the runner would',
      () => {
        mkdirSync(join(workspace, 'src'), { recursive: true });
        writeFileSync(join(workspace, 'src/handler.js'), BAD_HANDLER);
        result = runAction(
          root,
          workspace,
          {
            handler: 'src/handler.js',
            checks: 'robustness/null-entries,reply/shape',
            runs: '40',
            runtime: 'nodejs20.x',
            args: '--seed\n7\n--no-store',
          },
          { FORCE_COLOR: '1' },
        );
        expect(step('Install').code).toBe(0);
        expect(step('Run').code, step('Run').stderr).toBe(0);
        expect(step('Annotate').code, step('Annotate').stderr).toBe(0);
        // The verdict step fails the job with the run's exit code: 1, not conformant.
        expect(step('Verdict').code).toBe(1);
      },
      scaled(180_000),
    );

    it('annotates the failure at the handler’s own line, relative to the workspace, once per root cause', () => {
      const annotations = step('Annotate')
        .stdout.split('\n')
        .filter((l) => l.startsWith('::error '));
      // One crash seen in both checks: one annotation, under the check it is counted under.
      expect(annotations).toHaveLength(1);
      expect(annotations[0]).toMatch(
        /^::error file=src\/handler\.js,line=5,col=\d+,title=R1 robustness\/null-entries \(must\)%3A TypeError%3A /,
      );
      expect(annotations[0]).toContain("TypeError: Cannot read properties of null (reading 'op')");
      expect(annotations[0]).toContain('%0Aalso seen in reply/shape');
      expect(annotations[0]).toContain('%0Areplay: npx cognito-sync-conformance replay ');
    });

    // The run is coloured (FORCE_COLOR=1, as many workflows set it): no style code may be left open at the end of
    // the output, or the resume line would not start with `::` and the runner would stay stopped.
    it('keeps what the handler prints from acting as a workflow command', () => {
      const out = step('Run').stdout.split('\n');
      const stop = out.findIndex((l) => l.startsWith('::stop-commands::'));
      const token = out[stop]?.slice('::stop-commands::'.length) ?? '';
      expect(token).toMatch(/^csc-stop-[0-9a-f-]{36}$/);
      const resume = out.indexOf(`::${token}::`);
      expect(resume).toBeGreaterThan(stop);
      // The run printed the failure (with the handler's log) between the two; nothing after the resume.
      expect(out.slice(stop + 1, resume).join('\n')).toContain('forged by the handler');
      expect(
        out
          .slice(resume + 1)
          .join('\n')
          .trim(),
      ).toBe('');
    });

    it('writes the Markdown summary to the job summary', () => {
      // Markdown escapes the id's hyphen (`null\-entries`), which renders as the id.
      expect(result.summary).toContain('Counted under <code>robustness/null\\-entries</code>');
      expect(result.summary.toLowerCase()).toContain('not conformant');
    });

    it('sets the outputs and hands the report folder, SARIF included, to the upload step', () => {
      expect(result.outputs).toMatchObject({
        verdict: 'not-conformant',
        conformant: 'false',
        'report-dir': 'conformance-report',
        sarif: 'conformance-report/report.sarif',
        'exit-code': '1',
      });
      expect(result.uses).toStrictEqual([
        {
          uses: 'actions/upload-artifact@v4',
          with: { name: 'conformance-report', path: './conformance-report', 'if-no-files-found': 'ignore' },
        },
      ]);
      const dir = join(workspace, 'conformance-report');
      for (const f of ['report.json', 'report.sarif', 'summary.md', 'index.html'])
        expect(existsSync(join(dir, f))).toBe(true);
      const sarif = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8')) as {
        runs: {
          results: {
            locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
          }[];
        }[];
      };
      expect(sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation).toMatchObject({
        artifactLocation: { uri: 'src/handler.js' },
        region: { startLine: 5 },
      });
    });
  });

  it(
    'reports a usage error without a report, and fails with its exit code',
    () => {
      const workspace = join(tmp, 'usage');
      mkdirSync(workspace, { recursive: true });
      const r = runAction(root, workspace, { handler: 'missing.js', 'upload-artifact': 'false' });
      expect(r.steps.find((s) => s.name.startsWith('Annotate'))?.stdout).toMatch(
        /^::error title=cognito-sync-conformance::no report was written \(exit code 2\)/,
      );
      expect(r.uses).toStrictEqual([]);
      expect(r.steps.find((s) => s.name === 'Verdict')?.code).toBe(2);
      expect(r.outputs['exit-code']).toBe('2');
    },
    scaled(60_000),
  );

  it(
    'installs its runtime dependencies in a checkout without node_modules, and a run works from it',
    () => {
      // The action as GitHub checks it out: the repository's files (tracked or new, not ignored), no node_modules.
      const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
        .split('\n')
        .filter((f) => f && existsSync(join(root, f)));
      const actionDir = join(tmp, 'action');
      for (const f of files) {
        mkdirSync(dirname(join(actionDir, f)), { recursive: true });
        cpSync(join(root, f), join(actionDir, f));
      }
      const install = readAction(join(actionDir, 'action.yml')).runs.steps[0];
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', install?.run ?? 'false'], {
        env: { ...process.env, GITHUB_ACTION_PATH: actionDir },
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      // Runtime dependencies only: no test runner, no linter.
      expect(existsSync(join(actionDir, 'node_modules/vitest'))).toBe(false);
      expect(existsSync(join(actionDir, 'node_modules/tsx'))).toBe(true);
      // A run, which loads every part a run needs (discovery parses the handler's source with typescript).
      const run = spawnSync(
        process.execPath,
        [
          join(actionDir, 'bin/cognito-sync-conformance.js'),
          'run',
          'examples/sample-handler.mjs',
          '--checks',
          'reply/shape',
        ],
        { cwd: actionDir, encoding: 'utf8' },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(stripVTControlCharacters(run.stdout)).toMatch(/^CONFORMANT/m);
    },
    scaled(300_000),
  );
});
