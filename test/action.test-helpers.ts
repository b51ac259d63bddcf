/**
 * Runs the repository's composite `action.yml` the way the GitHub runner does, as scripts: each `run` step through
 * `bash --noprofile --norc -eo pipefail` with the runner's variables (`GITHUB_ACTION_PATH`, `GITHUB_WORKSPACE`, a
 * fresh `GITHUB_OUTPUT` file per step, one `GITHUB_STEP_SUMMARY`), `${{ }}` expressions of the forms the action
 * uses evaluated, step outputs read back from the output files, and `uses:` steps recorded rather than run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/** One step of a composite action, as action.yml declares it. */
interface ActionStep {
  readonly name: string;
  readonly id?: string;
  readonly if?: string;
  readonly shell?: string;
  readonly 'working-directory'?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Readonly<Record<string, string>>;
}

/** The parts of action.yml the runner reads. */
export interface ActionFile {
  readonly inputs: Readonly<Record<string, { readonly default?: string }>>;
  readonly outputs: Readonly<Record<string, { readonly value: string }>>;
  readonly runs: { readonly using: string; readonly steps: readonly ActionStep[] };
}

/** What one step did. */
interface StepRun {
  readonly name: string;
  readonly skipped: boolean;
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the whole action did. */
export interface ActionRun {
  readonly steps: readonly StepRun[];
  /** The action's outputs, from its `outputs:` expressions. */
  readonly outputs: Readonly<Record<string, string>>;
  /** The job summary the steps appended. */
  readonly summary: string;
  /** `uses:` steps that would have run, with their evaluated `with:`. */
  readonly uses: readonly { readonly uses: string; readonly with: Readonly<Record<string, string>> }[];
}

/** Reads action.yml. */
export function readAction(path: string): ActionFile {
  return parse(readFileSync(path, 'utf8')) as ActionFile;
}

/**
 * Reads a `$GITHUB_OUTPUT` file: `name=value` lines and `name<<DELIMITER` blocks.
 * @param text - the file's text
 */
function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const block = /^([^=<]+)<<(.+)$/.exec(line);
    if (block) {
      const end = lines.indexOf(block[2] ?? '', i + 1);
      if (end < 0) throw new Error(`unterminated output ${block[1] ?? ''}`);
      out[block[1] ?? ''] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return out;
}

/** The expression language as far as action.yml uses it: `inputs.x`, `steps.id.outputs.x`, `always()`, `==`, `&&`. */
function evaluate(e: string, scope: { inputs: Record<string, string>; steps: Record<string, Record<string, string>> }) {
  const term = (t: string): string | boolean => {
    const s = t.trim();
    if (s === 'always()') return true;
    const lit = /^'(.*)'$/.exec(s);
    if (lit) return lit[1] ?? '';
    const input = /^inputs\.([\w-]+)$/.exec(s);
    if (input) return scope.inputs[input[1] ?? ''] ?? '';
    const out = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(s);
    if (out) return scope.steps[out[1] ?? '']?.[out[2] ?? ''] ?? '';
    throw new Error(`expression not understood by the test runner: ${s}`);
  };
  const comparison = (c: string): string | boolean => {
    const [a, b, ...rest] = c.split('==');
    if (rest.length) throw new Error(`expression not understood: ${c}`);
    return b === undefined ? term(a ?? '') : term(a ?? '') === term(b);
  };
  const parts = e.split('&&').map(comparison);
  return parts.length === 1 ? (parts[0] ?? '') : parts.every((p) => p === true || (p !== false && p !== ''));
}

function interpolate(text: string, scope: Parameters<typeof evaluate>[1]): string {
  return text.replace(/\$\{\{\s*(.+?)\s*\}\}/g, (_, e: string) => String(evaluate(e, scope)));
}

/**
 * Runs a composite action's steps as the runner would.
 * @param actionDir - the action's folder (`GITHUB_ACTION_PATH`)
 * @param workspace - the job's workspace (`GITHUB_WORKSPACE`, and where relative working directories start)
 * @param inputs - the `with:` of the workflow step; the rest take their defaults
 * @param env - more environment for every step
 */
export function runAction(
  actionDir: string,
  workspace: string,
  inputs: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string>> = {},
): ActionRun {
  const action = readAction(join(actionDir, 'action.yml'));
  const scope = {
    inputs: {
      ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ''])),
      ...inputs,
    },
    steps: {} as Record<string, Record<string, string>>,
  };
  const tmp = mkdtempSync(join(tmpdir(), 'csc-runner-'));
  const summaryFile = join(tmp, 'step-summary.md');
  writeFileSync(summaryFile, '');
  const steps: StepRun[] = [];
  const uses: { uses: string; with: Record<string, string> }[] = [];
  let failed = false;
  try {
    action.runs.steps.forEach((step, n) => {
      // A step without `if` runs on success only, as `success()` is the default.
      const runs = step.if === undefined ? !failed : evaluate(step.if, scope) === true;
      if (!runs) {
        steps.push({ name: step.name, skipped: true, code: 0, stdout: '', stderr: '' });
        return;
      }
      if (step.uses) {
        const w = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(v, scope)]));
        uses.push({ uses: step.uses, with: w });
        steps.push({ name: step.name, skipped: false, code: 0, stdout: '', stderr: '' });
        return;
      }
      const script = join(tmp, `step-${n}.sh`);
      const outputFile = join(tmp, `output-${n}`);
      writeFileSync(script, step.run ?? '');
      writeFileSync(outputFile, '');
      const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(v, scope)]));
      const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
        cwd: resolve(workspace, interpolate(step['working-directory'] ?? '.', scope)),
        env: {
          ...process.env,
          ...env,
          GITHUB_ACTIONS: 'true',
          GITHUB_ACTION_PATH: actionDir,
          GITHUB_WORKSPACE: workspace,
          GITHUB_OUTPUT: outputFile,
          GITHUB_STEP_SUMMARY: summaryFile,
          ...stepEnv,
        },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const code = r.status ?? 1;
      if (code !== 0) failed = true;
      if (step.id) scope.steps[step.id] = parseOutputFile(readFileSync(outputFile, 'utf8'));
      steps.push({ name: step.name, skipped: false, code, stdout: r.stdout, stderr: r.stderr });
    });
    const outputs = Object.fromEntries(
      Object.entries(action.outputs).map(([k, v]) => [k, interpolate(v.value, scope)]),
    );
    return { steps, outputs, summary: readFileSync(summaryFile, 'utf8'), uses };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
