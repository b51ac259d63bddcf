/**
 * Handlers in other languages, cold and warm: the bundled Python example through `--command` (a process per event),
 * `--command --persistent` (one process, an event per line) and `--bootstrap` (one runtime, through the Lambda
 * Runtime API, with the standard-library runtime client of the fixtures), side by side in one run, as cases per
 * second of the whole pipeline on one lane. Each target's start-up is inside its time.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkConformance, type RunOptions } from '../harness/index.ts';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const EXAMPLE = here('../examples/python/sync_trigger.py');
const CLIENT = here('../fixtures/runtimes/python/runtime_client.py');
// The interpreter itself when it is there: a version manager's shim (pyenv) would add ~0.4 s to every start.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const CHECK = 'robustness/any-event';
const SEED = 20261123;
/** No __pycache__ written next to the example. */
const QUIET = { PYTHONDONTWRITEBYTECODE: '1' };

const TARGETS: readonly { readonly name: string; readonly options: RunOptions }[] = [
  { name: '--command (a process per event)', options: { command: `${PYTHON} '${EXAMPLE}'` } },
  {
    name: '--command --persistent',
    options: { command: `${PYTHON} '${EXAMPLE}' --persistent`, persistent: true },
  },
  {
    name: '--bootstrap (Runtime API)',
    options: {
      bootstrap: `${PYTHON} '${CLIENT}' sync_trigger.lambda_handler`,
      env: { PYTHONPATH: fileURLToPath(new URL('../examples/python', import.meta.url)) },
    },
  },
];

/** One check through the whole pipeline on one lane; its wall time in ms. */
async function timed(options: RunOptions, runs: number): Promise<number> {
  const started = performance.now();
  const run = await checkConformance({
    ...options,
    env: { ...QUIET, ...options.env },
    checks: [CHECK],
    runs,
    seed: SEED,
    store: false,
    concurrency: 1,
    discover: false,
  });
  const c = run.checks[0];
  if (c?.outcome !== 'pass' || c.runs !== runs) {
    throw new Error(
      `${CHECK} did not pass all ${String(runs)} cases: ${c?.outcome ?? 'no result'} after ${String(c?.runs)}`,
    );
  }
  return performance.now() - started;
}

/**
 * Runs the benchmark and returns printable rows. The targets take turns, a share of the cases each round, so that a
 * change in the machine's load weighs on all of them alike.
 * @param runs - cases per target
 * @param rounds - turns the cases are split into
 */
export async function benchWarmTargets(runs = 400, rounds = 2): Promise<string[]> {
  // Warm up the tool's own module loading, so that the first target does not pay it.
  await timed(TARGETS[2]?.options ?? {}, 10);
  const per = Math.ceil(runs / rounds);
  const ms = TARGETS.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    for (const [i, t] of TARGETS.entries()) ms[i] = (ms[i] ?? 0) + (await timed(t.options, per));
  }
  const rates = ms.map((m) => ((per * rounds) / m) * 1000);
  const base = rates[0] ?? 1;
  return [
    `python example (examples/python/sync_trigger.py, ${PYTHON}): ${CHECK}, ${String(per * rounds)} cases in ${String(rounds)} turns, one lane, start-up included`,
    ...TARGETS.map((t, i) => {
      const rate = rates[i] ?? 0;
      const ratio = i === 0 ? '' : `   ${(rate / base).toFixed(1)}× per-process${i === 2 ? ' (target ≥ 5)' : ''}`;
      return `  ${t.name.padEnd(33)} ${rate.toFixed(0).padStart(6)} cases/s${ratio}`;
    }),
  ];
}
