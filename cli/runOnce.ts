/**
 * One local run of `run`, shared by a single run and watch mode: the options from the flags and the config file, the
 * run with its progress, then the failures, the summary and the reports.
 */
import pc from 'picocolors';
import { QUICK_PROFILE } from '../harness/runDefaults.ts';
import type { RunOptions, RunResult } from '../harness/index.ts';
import { applyConfig } from './config.ts';
import { BUG_REPORT, internalErrors, runExitCode } from '../harness/internal.ts';
import { terminalLine } from '../reports/visible.ts';

/** Flags of `run`, as commander hands them over. */
export interface RunFlags {
  config?: string;
  runtime?: string;
  checks?: string[];
  exclude?: string[];
  runs?: number;
  seed?: number;
  timeBudget?: number;
  checkTimeout?: number;
  shard?: { index: number; count: number };
  initTimeout?: number;
  strict?: boolean;
  bail?: boolean;
  quick?: boolean;
  watch?: boolean;
  out?: string;
  reporter?: string[];
  command?: string;
  persistent?: boolean;
  bootstrap?: string;
  lambda?: string;
  endpointUrl?: string;
  region?: string;
  profile?: string;
  reading?: Record<string, string>;
  isolation?: 'worker' | 'process' | 'in-process';
  concurrency?: number;
  margin?: number;
  store: boolean;
  cognitoSync?: boolean;
  identityPoolId?: string;
  maxRequests?: number;
  dryRun?: boolean;
  readingsFile?: string;
  env?: Record<string, string>;
  envFile?: string;
  passEnv?: string[];
  discover: boolean;
  coverage: boolean;
  minBranchCoverage?: number;
  datasetName?: string;
  presenceOnly?: string[];
}

/**
 * Merges flags over the config file (flags win; `--quick` sits between the two).
 * @param fresh - load the config file again even if loaded before (watch mode)
 */
export async function optionsFrom(handler: string | undefined, f: RunFlags, fresh = false): Promise<RunOptions> {
  const { file, config } = await applyConfig(f.config, true, fresh);
  const target =
    (handler ?? f.command ?? f.bootstrap ?? f.lambda) ? {} : { ...(config.handler ? { handler: config.handler } : {}) };
  const defined = <T extends object>(o: T): Partial<T> =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    ...config,
    ...(f.quick ? QUICK_PROFILE : {}),
    ...target,
    ...defined({
      handler,
      command: f.command,
      persistent: f.persistent,
      bootstrap: f.bootstrap,
      lambda: f.lambda,
      endpoint: f.endpointUrl ?? (f.lambda ? process.env.AWS_ENDPOINT_URL : undefined),
      region: f.region,
      profile: f.profile,
      runtime: f.runtime as RunOptions['runtime'],
      checks: f.checks,
      exclude: f.exclude,
      runs: f.runs,
      seed: f.seed,
      timeBudgetMs: f.timeBudget,
      checkTimeLimitMs: f.checkTimeout,
      shard: f.shard,
      initTimeoutMs: f.initTimeout,
      strict: f.strict,
      bail: f.bail,
      isolation: f.isolation,
      concurrency: f.concurrency,
      marginMs: f.margin,
    }),
    readings: { ...(config.readings ?? {}), ...(f.reading ?? {}) },
    ...(f.env || config.env ? { env: { ...(config.env ?? {}), ...(f.env ?? {}) } } : {}),
    ...(f.envFile ? { envFile: f.envFile } : {}),
    ...(f.discover ? {} : { discover: false }),
    ...(f.coverage ? {} : { coverage: false }),
    ...(f.minBranchCoverage !== undefined ? { minBranchCoverage: f.minBranchCoverage } : {}),
    ...(f.datasetName !== undefined ? { datasetName: f.datasetName } : {}),
    ...(f.passEnv || config.passEnv ? { passEnv: [...(config.passEnv ?? []), ...(f.passEnv ?? [])] } : {}),
    ...(f.readingsFile ? { readingsFile: f.readingsFile } : {}),
    ...(f.store ? {} : { store: false as const }),
    ...(file ? { configFile: file } : {}),
  };
}

/** What the first Ctrl-C of a run says. */
export const STOP_NOTICE =
  'stopping: no check or case starts now, the cases under way finish, the failures found so far are reported';

/**
 * One run: progress on stderr, then the failures, the summary and the reports.
 * @param signal - stops the run, keeping what it found
 * @param firstChecks - checks to start first (watch mode: the ones that failed last time)
 */
export async function runOnce(
  options: RunOptions,
  flags: RunFlags,
  signal: AbortSignal,
  firstChecks: readonly string[] = [],
): Promise<RunResult> {
  const [{ checkConformance }, { progressPrinter }] = await Promise.all([
    import('../harness/run.ts'),
    import('./terminal.ts'),
  ]);
  const run = await checkConformance({
    ...options,
    signal,
    firstChecks,
    onEvent: progressPrinter(process.stderr),
    onWarning: (m) => process.stderr.write(`${pc.yellow('warning:')} ${m}\n`),
  });
  await finish(run, flags);
  return run;
}

/** Prints each failure and the summary, writes the reports, sets the exit code. */
export async function finish(run: RunResult, flags: RunFlags): Promise<void> {
  const [{ rootCauseBlocks, summaryLines }, { writeReports }, { REGRESSION_CONFIG_FILE }] = await Promise.all([
    import('./terminal.ts'),
    import('../reports/index.ts'),
    import('../reports/replay/regressionTest.ts'),
  ]);
  // One block per root cause: a bug that failed six checks reads once, with the checks it showed in.
  const blocks = rootCauseBlocks(run);
  if (blocks.length) process.stdout.write(`\n${blocks.join('\n\n')}\n`);
  process.stdout.write(`\n${summaryLines(run).join('\n')}\n`);
  if (flags.out) {
    const written = await writeReports(run, flags.out, flags.reporter);
    process.stdout.write(pc.dim(`reports: ${written.join(', ')}`) + '\n');
    const regression = written.find((p) => p.endsWith(REGRESSION_CONFIG_FILE));
    if (regression) process.stdout.write(pc.dim(`regression test: npx vitest run --config ${regression}`) + '\n');
  }
  // A bug in the tool is said last, after the reports it did not stop: exit 3, never a check error among others.
  const bugs = internalErrors(run.checks);
  if (bugs.length)
    process.stderr.write(
      `${pc.red(`internal error in ${bugs.map((c) => terminalLine(c.id)).join(', ')}:`)} ${BUG_REPORT}\n`,
    );
  process.exitCode = runExitCode(run);
}
