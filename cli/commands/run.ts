/** `run`: the main job — run the suite against a handler, print the verdict, write reports. */
import type { Command } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pc from 'picocolors';
// Only what declares the command is imported up front: the engine, the renderers and the config loader are
// loaded when the command runs, so `--version`, `--help` and `list` start fast.
import { QUICK_PROFILE } from '../../harness/runDefaults.ts';
import type { LiveOptions } from '../../live/options.ts';
import { collectReporters, REPORTER_NAMES } from '../../reports/reporterNames.ts';
import { RUNTIME_PROFILES } from '../../runtime/targetDefaults.ts';
import { HarnessError } from '../../runtime/errors.ts';
import { applyConfig } from '../config.ts';
import { interruptible } from '../interrupt.ts';
import { finish, optionsFrom, runOnce, STOP_NOTICE, type RunFlags } from '../runOnce.ts';
import { checkOutDir } from '../outDir.ts';
import {
  collectEnv,
  collectList,
  collectReading,
  parseCount,
  parseDuration,
  parsePercent,
  parseSeed,
  parseShard,
} from '../parse.ts';
import { groupRunHelp } from './runHelp.ts';

/** Registers `run`. */
export function registerRun(program: Command): void {
  const run = program
    .command('run')
    .description('run the conformance suite against a handler and print the verdict')
    .argument('[handler]', 'handler module, path[#export] (.js, .mjs, .cjs, .ts); default export name "handler"')
    .option(
      '--config <file>',
      'config module (default: cognito-sync-conformance.config.{ts,mjs,js} in the working directory)',
    )
    .option('--runtime <profile>', `Lambda runtime profile: ${RUNTIME_PROFILES.join(', ')} (default nodejs22.x)`)
    .option('--checks <ids>', 'only these check ids or topics (comma-separated, repeatable)', collectList)
    .option('--exclude <ids>', 'leave out these check ids or topics', collectList)
    .option(
      '--shard <i/n>',
      'run shard i of n: every nth selected check, whole; needs --seed; join the shards with `report merge`',
      parseShard,
    )
    .option('--runs <n>', 'generated cases per check (default 100)', parseCount('--runs'))
    .option('--seed <n>', 'root seed (default: random, printed)', parseSeed)
    .option('--time-budget <duration>', 'stop starting checks after this long (e.g. 30s, 2m)', parseDuration)
    .option(
      '--check-timeout <duration>',
      'time limit of one check, shrinking included, from when its lane is up (default 60s; 180s for --command and --bootstrap, which start cold inside a check)',
      parseDuration,
    )
    .option(
      '--init-timeout <duration>',
      "how long loading the handler module or a --bootstrap runtime's start may take, never counted in a check (default 10s)",
      parseDuration,
    )
    .option('--strict', 'should-level failures also make the run non-conformant')
    .option(
      '--quick',
      `an inner-loop profile: ${String(QUICK_PROFILE.runs)} runs per check, at most ${String(QUICK_PROFILE.checkTimeLimitMs / 1000)} s per check (--runs wins)`,
    )
    .option('--bail', 'stop at the first failed must check: no check starts after it, the run is reported partial')
    .option('--watch', 're-run when the handler or the config file changes, the checks that failed last time first')
    .option('--out <dir>', 'write reports into this folder')
    .option(
      '--reporter <names>',
      `reports to write with --out: ${REPORTER_NAMES.join(', ')} (default all)`,
      collectReporters,
    )
    .option(
      '--command <cmd>',
      'run a handler in any language: the command reads the event on stdin, writes the reply on stdout',
    )
    .option('--persistent', 'with --command: start it once and send one event per line (docs/command-protocol.md)')
    .option(
      '--bootstrap <cmd>',
      'run a Lambda runtime (a custom bootstrap, awslambdaric, aws-lambda-ric) once, warm, through the Lambda Runtime API',
    )
    .option('--lambda <name|arn>', 'run against a deployed Lambda function (AWS credentials from the standard chain)')
    .option('--endpoint-url <url>', 'AWS endpoint (e.g. a local emulator); default AWS_ENDPOINT_URL or AWS')
    .option('--region <region>', 'AWS region (default AWS_REGION)')
    .option('--profile <name>', 'AWS profile (default AWS_PROFILE)')
    .option(
      '--reading <point=reading>',
      'judge under another reading of an undocumented point (repeatable; see docs/semantics.md)',
      collectReading,
    )
    .option('--isolation <mode>', 'worker (default), process, or in-process (fastest, cannot stop an infinite loop)')
    .option(
      '--concurrency <n>',
      'checks run side by side, 1 to 16 (default: one per core, at most 8); results do not depend on it',
      parseCount('--concurrency'),
    )
    .option('--margin <duration>', 'latency margin for timing/margin (default 2.5s)', parseDuration)
    .option('--no-store', 'do not keep or re-run failing cases (.conformance/failures.json)')
    .option(
      '--cognito-sync',
      'end to end through Cognito Sync: sync generated cases through the pool whose Sync Trigger is this handler, and compare the service with the model (see docs/live.md)',
    )
    .option(
      '--identity-pool-id <id>',
      'the identity pool for --cognito-sync (default CSC_IDENTITY_POOL_ID, else the pool named sync_trigger_conformance)',
    )
    .option(
      '--max-requests <n>',
      'the most AWS requests --cognito-sync sends, cleanup excepted (default 300)',
      parseCount('--max-requests'),
    )
    .option('--dry-run', 'with --cognito-sync: print the plan (identities, datasets, requests) and send nothing')
    .option('--readings-file <file>', 'judge under the readings a `probe` of your account showed (--reading wins)')
    .option(
      '--env <KEY=VALUE>',
      "give the handler an environment variable (repeatable); it never sees the tool's own environment",
      collectEnv,
    )
    .option('--env-file <file>', 'give the handler the variables of a dotenv file (--env wins)')
    .option('--pass-env <names>', "pass these of the tool's own environment variables on to the handler", collectList)
    .option(
      '--no-discover',
      "do not look for the record keys and dataset names the handler acts on (its source, its lookups); config's keys and datasetNames still apply",
    )
    .option('--dataset-name <name>', 'every event carries this dataset name')
    .option('--no-coverage', "do not measure the handler's own code coverage (measured for JavaScript modules)")
    .option(
      '--min-branch-coverage <percent>',
      "the run is not conformant when the handler's branch coverage is below this (0-100)",
      parsePercent('--min-branch-coverage'),
    )
    .option(
      '--presence-only <keys>',
      'with --cognito-sync: record keys whose values the handler computes on each run, compared by presence only (comma-separated)',
      (v: string) => v.split(',').filter(Boolean),
    )
    .action(async (handler: string | undefined, flags: RunFlags) => {
      if (flags.out !== undefined) checkOutDir(flags.out);
      // Checked before the run, which can take minutes: a --reporter without --out would write nothing.
      if (flags.reporter && flags.out === undefined)
        throw new HarnessError('E_USAGE', '--reporter chooses the reports --out writes: add --out <dir>');
      if (flags.cognitoSync) {
        if (flags.watch) throw new HarnessError('E_USAGE', '--watch does not apply to --cognito-sync');
        await runLive(handler, flags);
        return;
      }
      if (flags.watch) {
        const { watchRuns } = await import('../watch.ts');
        await watchRuns(handler, flags);
        return;
      }
      // Ctrl-C keeps what was found: the run stops, its summary and reports say so, and the exit code is 130.
      const interrupted = await interruptible(STOP_NOTICE, async (signal) => {
        await runOnce(await optionsFrom(handler, flags), flags, signal);
        return signal.aborted;
      });
      if (interrupted) process.exitCode = 130;
    });
  groupRunHelp(run);
}

/** `run --cognito-sync`: the end-to-end differential run. */
async function runLive(handler: string | undefined, flags: RunFlags): Promise<void> {
  if (flags.lambda !== undefined || flags.command !== undefined || flags.bootstrap !== undefined)
    throw new HarnessError(
      'E_USAGE',
      '--cognito-sync takes the handler module deployed as the Sync Trigger, not --lambda, --command or --bootstrap',
    );
  if (flags.minBranchCoverage !== undefined)
    throw new HarnessError(
      'E_USAGE',
      "--min-branch-coverage needs the handler's coverage, which --cognito-sync does not measure",
    );
  const { config } = await applyConfig(flags.config, true);
  const target = handler ?? config.handler;
  if (!target)
    throw new HarnessError('E_USAGE', '--cognito-sync needs the handler module deployed as the Sync Trigger');
  const identityPoolId = flags.identityPoolId ?? process.env.CSC_IDENTITY_POOL_ID;
  const endpoint = flags.endpointUrl ?? process.env.AWS_ENDPOINT_URL;
  // The plan needs no AWS client: options and cases only.
  const { resolveLiveOptions, livePlan } = await import('../../live/options.ts');
  const { drawLiveCases } = await import('../../live/cases.ts');
  const { LIVE_DEFAULTS } = await import('../../live/liveDefaults.ts');
  const { loadReadingsFile } = await import('../../harness/readingsFile.ts');
  const options: LiveOptions = {
    handler: target,
    ...(identityPoolId ? { identityPoolId } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(flags.region ? { region: flags.region } : {}),
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(flags.runtime ? { runtime: flags.runtime as LiveOptions['runtime'] } : {}),
    ...(flags.runs ? { runs: flags.runs } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.maxRequests ? { maxRequests: flags.maxRequests } : {}),
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}),
    ...(flags.presenceOnly ? { presenceOnly: flags.presenceOnly } : {}),
    ...(flags.checks ? { checks: flags.checks } : {}),
    readings: {
      ...(flags.readingsFile ? loadReadingsFile(flags.readingsFile) : {}),
      ...(config.readings ?? {}),
      ...(flags.reading ?? {}),
    },
  };
  const resolved = resolveLiveOptions(options);
  process.stdout.write(`${livePlan(resolved, drawLiveCases(resolved)).join('\n')}\n`);
  if (flags.dryRun) {
    process.stdout.write('dry run: nothing sent\n');
    return;
  }
  // Loaded only now: the AWS SDK clients cost most of a second to import.
  const { runCognitoSync } = await import('../../live/cognitoSync.ts');
  const notice = "stopping: the requests under way finish and the run's datasets are deleted";
  let live;
  try {
    live = await interruptible(notice, (signal) =>
      runCognitoSync({
        ...options,
        seed: resolved.seed,
        signal,
        // A live line on a terminal; in a CI log, one line per case (cases take seconds each).
        onProgress: (done, total) => {
          const line = `  live/model-agrees ${String(done)}/${total === 1 ? '1 case' : `${String(total)} cases`}`;
          process.stderr.write(process.stderr.isTTY ? `\r\x1b[2K${line}` : `${line}\n`);
        },
      }),
    );
  } finally {
    if (process.stderr.isTTY) process.stderr.write('\n');
  }
  const [{ liveReplayLines }, { checkLine }, { plural }] = await Promise.all([
    import('../replaySource.ts'),
    import('../terminal.ts'),
    import('../../reports/format.ts'),
  ]);
  const result = liveReplayLines(live.result, flags.out);
  process.stdout.write(`identity pool ${live.poolId}\n${result.checks.map(checkLine).join('\n')}\n`);
  await finish(result, flags);
  process.stdout.write(
    pc.dim(`${plural(live.requests, 'request')}; datasets ${LIVE_DEFAULTS.datasetPrefix}${live.runId}-* deleted`) +
      '\n',
  );
  if (flags.out) {
    // The record of a live run: every request of every case, redacted (the seed alone does not reproduce it).
    const file = join(flags.out, 'trace.json');
    await mkdir(flags.out, { recursive: true });
    const trace = { runId: live.runId, seed: resolved.seed, setup: live.setup, cases: live.cases };
    await writeFile(file, `${JSON.stringify(trace, null, 2)}\n`);
    process.stdout.write(pc.dim(`trace: ${file}`) + '\n');
  }
}
