/**
 * `replay`: re-run exactly one case — by its seed and path (as a failure prints them), or its exact input from a
 * report or the failure store (`--from`). A replay applies a config only when it is named (`--config`, or the
 * report's own), so a printed line means the same thing in any folder.
 */
import type { Command } from 'commander';
import pc from 'picocolors';
import type { ReplayOutcome, RunOptions } from '../../harness/index.ts';
import { HarnessError } from '../../runtime/errors.ts';
import { terminalLine, terminalText } from '../../reports/visible.ts';
import { applyConfig } from '../config.ts';
import { collectReading, parseDuration, parseSeed } from '../parse.ts';
import type { ReplaySource } from '../replaySource.ts';
import { internalErrors } from '../../harness/internal.ts';

interface ReplayFlags {
  seed?: number;
  path?: string;
  from?: string;
  eventHash?: string;
  config?: string;
  runtime?: string;
  command?: string;
  persistent?: boolean;
  bootstrap?: string;
  lambda?: string;
  endpointUrl?: string;
  region?: string;
  profile?: string;
  isolation?: 'worker' | 'process' | 'in-process';
  margin?: number;
  initTimeout?: number;
  reading?: Record<string, string>;
  /** `--no-discover` sets it false (commander's negated flag). */
  discover: boolean;
  datasetName?: string;
}

/** The end-to-end check, replayed through the service rather than against a local target. */
const LIVE_CHECK = 'live/model-agrees';

/** Flag combinations that cannot work, refused before anything loads. */
function checkFlags(checkId: string, f: ReplayFlags): void {
  if (f.from !== undefined && (f.seed !== undefined || f.path !== undefined))
    throw new HarnessError('E_USAGE', 'give either --from or --seed and --path, not both');
  if (f.from === undefined && f.eventHash !== undefined)
    throw new HarnessError('E_USAGE', '--event-hash picks a case of a --from file');
  if (f.from === undefined && (f.seed === undefined || f.path === undefined))
    throw new HarnessError(
      'E_USAGE',
      checkId === LIVE_CHECK
        ? `${LIVE_CHECK} replays from its report: --from report.json`
        : 'replay needs --seed and --path (as printed with the counterexample), or --from report.json',
    );
  if ([f.command, f.bootstrap, f.lambda].filter((t) => t !== undefined).length > 1)
    throw new HarnessError('E_USAGE', 'give only one of a handler module, --command, --bootstrap or --lambda');
}

/**
 * The replay's options: flags first, then the report's run, then the config. The config a report names is loaded
 * for a user property only: an exact input needs nothing else from it, and it may be gone since.
 */
async function optionsOf(
  checkId: string,
  handler: string | undefined,
  f: ReplayFlags,
  from?: ReplaySource,
): Promise<RunOptions> {
  const named = f.config ?? (checkId.startsWith('user/') ? from?.run?.config : undefined);
  const { file, config } = await applyConfig(named, false);
  const ran = from?.run?.target;
  const target: RunOptions =
    handler !== undefined
      ? { handler }
      : f.command !== undefined
        ? { command: f.command, ...(f.persistent ? { persistent: true } : {}) }
        : f.bootstrap !== undefined
          ? { bootstrap: f.bootstrap }
          : f.lambda !== undefined
            ? { lambda: f.lambda }
            : ran
              ? ran.kind === 'command'
                ? { command: ran.handler }
                : ran.kind === 'bootstrap'
                  ? { bootstrap: ran.handler }
                  : ran.kind === 'lambda'
                    ? { lambda: ran.handler }
                    : { handler: ran.handler }
              : {
                  ...(config.handler ? { handler: config.handler } : {}),
                  ...(config.command ? { command: config.command } : {}),
                  ...(config.persistent ? { persistent: config.persistent } : {}),
                  ...(config.bootstrap ? { bootstrap: config.bootstrap } : {}),
                  ...(config.lambda ? { lambda: config.lambda } : {}),
                };
  const endpoint = f.endpointUrl ?? config.endpoint ?? (target.lambda ? process.env.AWS_ENDPOINT_URL : undefined);
  const region = f.region ?? config.region;
  const profile = f.profile ?? config.profile;
  const runtime = f.runtime ?? ran?.runtime ?? config.runtime;
  const isolation = f.isolation ?? config.isolation;
  const marginMs = f.margin ?? config.marginMs;
  const initTimeoutMs = f.initTimeout ?? config.initTimeoutMs;
  return {
    ...target,
    ...(target.lambda && endpoint ? { endpoint } : {}),
    ...(target.lambda && region ? { region } : {}),
    ...(target.lambda && profile ? { profile } : {}),
    ...(runtime ? { runtime: runtime as RunOptions['runtime'] } : {}),
    ...(isolation ? { isolation } : {}),
    ...(marginMs !== undefined ? { marginMs } : {}),
    ...(initTimeoutMs !== undefined ? { initTimeoutMs } : {}),
    ...(config.readingsFile ? { readingsFile: config.readingsFile } : {}),
    readings: { ...(config.readings ?? {}), ...(from?.run?.readings ?? {}), ...(f.reading ?? {}) },
    ...(config.properties ? { properties: config.properties } : {}),
    ...(config.values ? { values: config.values } : {}),
    // What the generators know of the handler, as the run had it: the same seed and path then draw the same case.
    ...(config.keys ? { keys: config.keys } : {}),
    ...(config.datasetNames ? { datasetNames: config.datasetNames } : {}),
    ...(f.discover && config.discover !== false ? {} : { discover: false }),
    ...((f.datasetName ?? config.datasetName) !== undefined
      ? { datasetName: f.datasetName ?? config.datasetName }
      : {}),
    ...(file ? { configFile: file } : {}),
  };
}

/** Prints the verdict on one exact input. */
async function printCase(checkId: string, r: ReplayOutcome): Promise<void> {
  const { evidenceLines } = await import('../../reports/text.ts');
  if (r.outcome === 'pass') {
    process.stdout.write(`${pc.green('✓')} ${checkId}: the case now passes\n`);
    return;
  }
  // The same lines as a run's failure, every handler text escaped and huge values elided.
  const lines = [`${pc.red('✗')} ${terminalLine(checkId)}`, ...r.messages.map((m) => `    ${terminalText(m)}`)];
  if (r.evidence) lines.push(...evidenceLines(r.evidence, { title: pc.red, dim: pc.dim, command: pc.cyan }));
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `replay live/model-agrees --from report.json`: the same case through the service again. */
async function replayLive(handler: string | undefined, f: ReplayFlags, from: ReplaySource): Promise<void> {
  const { replayLiveCase } = await import('../../live/replay.ts');
  const endpoint = f.endpointUrl ?? process.env.AWS_ENDPOINT_URL;
  const live = await replayLiveCase(from.input, {
    ...(handler ? { handler } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(f.profile ? { profile: f.profile } : {}),
    ...(f.runtime ? { runtime: f.runtime as RunOptions['runtime'] } : {}),
    readings: { ...(from.run?.readings ?? {}), ...(f.reading ?? {}) },
  });
  const { checkLine, failureBlock } = await import('../terminal.ts');
  const results = live.result.checks;
  process.stdout.write(`${results.map(checkLine).join('\n')}\n`);
  for (const r of results.filter((c) => c.outcome === 'fail')) process.stdout.write(`${failureBlock(r)}\n`);
  process.exitCode = live.result.summary.conformant ? 0 : 1;
}

/** Registers `replay`. */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      're-run one case of one check: by --seed and --path (as printed), or its exact input with --from report.json',
    )
    .argument('<check-id>', 'the check, e.g. reply/shape or user/<name>')
    .argument('[handler]', 'handler module path[#export] (default: the one in --from, else in --config)')
    .option('--seed <n>', "the check's seed, as printed with the counterexample", parseSeed)
    .option('--path <path>', 'the fast-check path, as printed with the counterexample')
    .option('--from <file>', 'take the exact failing input from a report.json (or the failure store)')
    .option('--event-hash <hash>', 'with --from: the case with this event hash')
    .option(
      '--config <file>',
      'the config of the run (its values draw the case; user/<name> checks are its properties)',
    )
    .option('--runtime <profile>', 'Lambda runtime profile')
    .option('--command <cmd>', 'the handler is a command (event on stdin, reply on stdout)')
    .option('--persistent', 'with --command: one process, one event per line')
    .option('--bootstrap <cmd>', 'the handler runs in a Lambda runtime, through the Lambda Runtime API')
    .option('--lambda <name|arn>', 'the handler is a deployed Lambda')
    .option('--endpoint-url <url>', 'AWS endpoint (default AWS_ENDPOINT_URL)')
    .option('--region <region>', 'AWS region (default AWS_REGION)')
    .option('--profile <name>', 'AWS profile (default AWS_PROFILE)')
    .option('--isolation <mode>', 'worker (default), process, or in-process')
    .option('--margin <duration>', 'latency margin for timing/margin (default 2.5s)', parseDuration)
    .option(
      '--init-timeout <duration>',
      'how long loading the module or starting the runtime may take (default 10s)',
      parseDuration,
    )
    .option('--reading <point=reading>', 'reading of an undocumented point (repeatable)', collectReading)
    .option('--no-discover', 'as the run: do not look for the record keys and dataset names the handler acts on')
    .option('--dataset-name <name>', 'as the run: every event carries this dataset name')
    .action(async (checkId: string, handler: string | undefined, f: ReplayFlags) => {
      checkFlags(checkId, f);
      const [{ readReplaySource }, { replayCase, replaySeed }, { checkLine, failureBlock }] = await Promise.all([
        import('../replaySource.ts'),
        import('../../harness/replayCase.ts'),
        import('../terminal.ts'),
      ]);
      const from = f.from === undefined ? undefined : await readReplaySource(f.from, checkId, f.eventHash);
      if (checkId === LIVE_CHECK && from) {
        await replayLive(handler, f, from);
        return;
      }
      if (
        from &&
        !from.run &&
        handler === undefined &&
        f.command === undefined &&
        f.bootstrap === undefined &&
        f.lambda === undefined
      )
        throw new HarnessError(
          'E_USAGE',
          `a case from the failure store replays against a target: give the handler, --command, --bootstrap or --lambda`,
        );
      const options = await optionsOf(checkId, handler, f, from);
      if (from) {
        const r = await replayCase({
          ...options,
          checkId,
          input: from.input,
          source: from.file,
          ...(from.eventHash ? { eventHash: from.eventHash } : {}),
        });
        await printCase(checkId, r);
        process.exitCode = r.outcome === 'pass' ? 0 : 1;
        return;
      }
      const result = await replaySeed({ ...options, checkId, checkSeed: f.seed ?? 0, path: f.path ?? '' });
      process.stdout.write(`${checkLine(result)}\n`);
      if (result.outcome === 'fail') process.stdout.write(`${failureBlock(result)}\n`);
      process.exitCode =
        result.outcome === 'pass' ? 0 : result.outcome === 'fail' ? 1 : internalErrors([result]).length ? 3 : 2;
    });
}
