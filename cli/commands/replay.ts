/** `replay`: re-run exactly one case, from its seed and path or from a report / the failure store. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import pc from 'picocolors';
import { HarnessError, replayCase, replaySeed, type RunOptions, type RunResult } from '../../harness/index.ts';
import { collectReading, parseSeed } from '../parse.ts';
import { evidenceLines } from '../../reports/text.ts';
import { terminalLine, terminalText } from '../../reports/visible.ts';
import { failureBlock, checkLine } from '../terminal.ts';

interface ReplayFlags {
  seed?: number;
  path?: string;
  from?: string;
  runtime?: string;
  command?: string;
  lambda?: string;
  endpointUrl?: string;
  reading?: Record<string, string>;
}

/** The exact failing input of a check from a report.json. */
async function inputFromReport(
  file: string,
  checkId: string,
): Promise<{ input: unknown; handler: string; runtime?: string }> {
  let run: RunResult;
  try {
    run = JSON.parse(await readFile(file, 'utf8')) as RunResult;
  } catch (e) {
    throw new HarnessError('E_REPLAY', `cannot read report ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const check = run.checks.find((c) => c.id === checkId);
  if (!check?.counterexample) throw new HarnessError('E_REPLAY', `report ${file} has no counterexample for ${checkId}`);
  return {
    input: check.counterexample.input,
    handler: run.target.handler,
    ...(run.target.runtime ? { runtime: run.target.runtime } : {}),
  };
}

/** Registers `replay`. */
export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description(
      're-run one case of one check: by --seed and --path (as printed), or the exact input from --from report.json',
    )
    .argument('<check-id>', 'the check, e.g. reply/shape')
    .argument('[handler]', 'handler module path[#export] (default: the one in --from)')
    .option('--seed <n>', "the check's seed, as printed with the counterexample", parseSeed)
    .option('--path <path>', 'the fast-check path, as printed with the counterexample')
    .option('--from <report.json>', 'take the exact failing input from a report')
    .option('--runtime <profile>', 'Lambda runtime profile')
    .option('--command <cmd>', 'the handler is a command (event on stdin, reply on stdout)')
    .option('--lambda <name|arn>', 'the handler is a deployed Lambda')
    .option('--endpoint-url <url>', 'AWS endpoint')
    .option('--reading <point=reading>', 'reading of an undocumented point (repeatable)', collectReading)
    .action(async (checkId: string, handler: string | undefined, f: ReplayFlags) => {
      const fromReport = f.from ? await inputFromReport(f.from, checkId) : undefined;
      const target: RunOptions = f.command
        ? { command: f.command }
        : f.lambda
          ? { lambda: f.lambda, ...(f.endpointUrl ? { endpoint: f.endpointUrl } : {}) }
          : { handler: handler ?? fromReport?.handler ?? '' };
      if (!f.command && !f.lambda && !handler && !fromReport)
        throw new HarnessError('E_USAGE', 'replay needs a handler (or --from report.json)');
      const runtime = f.runtime ?? fromReport?.runtime;
      const base: RunOptions = {
        ...target,
        ...(runtime ? { runtime: runtime as RunOptions['runtime'] } : {}),
        readings: f.reading ?? {},
      };
      if (fromReport) {
        const r = await replayCase({ ...base, checkId, input: fromReport.input });
        if (r.outcome === 'pass') process.stdout.write(`${pc.green('✓')} ${checkId}: the case now passes\n`);
        else {
          // The same lines as a run's failure, every handler text escaped and huge values elided.
          const lines = [`${pc.red('✗')} ${terminalLine(checkId)}`, ...r.messages.map((m) => `    ${terminalText(m)}`)];
          if (r.evidence) lines.push(...evidenceLines(r.evidence, { title: pc.red, dim: pc.dim, command: pc.cyan }));
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        process.exitCode = r.outcome === 'pass' ? 0 : 1;
        return;
      }
      if (f.seed === undefined || f.path === undefined)
        throw new HarnessError(
          'E_USAGE',
          'replay needs --seed and --path (as printed with the counterexample), or --from report.json',
        );
      const result = await replaySeed({ ...base, checkId, checkSeed: f.seed, path: f.path });
      process.stdout.write(`${checkLine(result)}\n`);
      if (result.outcome === 'fail') process.stdout.write(`${failureBlock(result)}\n`);
      process.exitCode = result.outcome === 'pass' ? 0 : result.outcome === 'fail' ? 1 : 2;
    });
}
