/**
 * How a run reads in a terminal and in CI logs: progress, one line per check, each failure with its replay. Text a
 * handler or a user controls (check ids of user properties, error messages, skip reasons, the target's name) goes
 * through `terminalLine`, so it can never move the cursor, recolour, retitle or erase what the tool printed.
 */
import pc from 'picocolors';
import type { CheckResult, RunEvent, RunResult } from '../harness/index.ts';
import type { Readings } from '../model/index.ts';
import { coverageShortText, coverageText } from '../reports/coverageText.ts';
import {
  capitalize,
  discoveryText,
  plural,
  readingsSplitText,
  rootCausesText,
  selectionText,
  stoppedText,
} from '../reports/format.ts';
import { failureText, rootCauseText } from '../reports/text.ts';
import { terminalLine } from '../reports/visible.ts';

const MARK: Record<CheckResult['outcome'], string> = {
  pass: pc.green('✓'),
  fail: pc.red('✗'),
  error: pc.magenta('!'),
  skip: pc.yellow('-'),
  timeout: pc.yellow('⧗'),
  incomplete: pc.yellow('?'),
};

/** One line for a finished check. */
export function checkLine(r: CheckResult): string {
  const level = r.level === 'must' ? pc.bold('must  ') : pc.dim('should');
  const runs = plural(r.runs, 'run');
  const p99 = r.latency ? pc.dim(` p99 ${r.latency.p99} ms`) : '';
  const why =
    r.outcome === 'error'
      ? pc.magenta(` ${terminalLine(r.error.code)}: ${terminalLine(r.error.message.split('\n')[0] ?? '')}`)
      : r.outcome === 'skip' || r.outcome === 'timeout' || r.outcome === 'incomplete'
        ? pc.yellow(` ${terminalLine(r.reason)}`)
        : r.outcome === 'fail' && r.failures.length > 1
          ? pc.red(` ${plural(r.failures.length, 'distinct failure')}`)
          : '';
  return `  ${MARK[r.outcome]} ${level} ${terminalLine(r.id).padEnd(32)} ${pc.dim(runs.padStart(9))} ${pc.dim(`${r.durationMs} ms`.padStart(9))}${p99}${why}`;
}

const STYLE = { title: (t: string) => pc.red(pc.bold(t)), dim: pc.dim, command: pc.cyan };

/**
 * The failures of a run, one block per root cause (the smallest counterexample, the checks it showed in), in
 * colour: six checks failing on one null-entry crash read as one bug.
 * @param run - the run
 */
export function rootCauseBlocks(run: RunResult): string[] {
  return run.rootCauses.map((cause) => rootCauseText(run, cause, STYLE));
}

/**
 * The full story of one failed check, in colour.
 * @param r - the failed check
 * @param readings - the readings the run judged under @defaultValue the defaults
 */
export function failureBlock(r: CheckResult, readings?: Readings): string {
  return failureText(r, STYLE, readings);
}

/** The closing summary lines. A run of only some checks says how many of all it ran. */
export function summaryLines(run: RunResult): string[] {
  const s = run.summary;
  const verdict = s.conformant
    ? pc.green(pc.bold('CONFORMANT'))
    : s.partial && s.failed === 0
      ? pc.yellow(pc.bold('INCOMPLETE'))
      : pc.red(pc.bold('NOT CONFORMANT'));
  const subset = selectionText(run);
  const parts = [
    `${s.passed} passed`,
    `${s.failed} failed`,
    `${s.errored} errored`,
    `${s.skipped} skipped`,
    `${s.timedOut} timed out`,
    ...(s.incomplete ? [`${s.incomplete} incomplete`] : []),
  ];
  const must = `${s.mustPassed}/${plural(s.mustTotal, 'must check')} passed`;
  const causes = rootCausesText(run);
  const split = readingsSplitText(run);
  const discovered = discoveryText(run);
  const coverage = coverageText(run);
  const short = coverageShortText(run);
  return [
    `${verdict}${subset ? pc.yellow(` (${subset})`) : ''}: ${parts.join(', ')} — ${must}${run.options.strict ? ' (strict: should checks count)' : ''}`,
    ...(causes ? [`${causes}: ${run.rootCauses.map((c) => c.id).join(', ')} above`] : []),
    ...(split ? [terminalLine(capitalize(split))] : []),
    ...(run.options.shard
      ? [
          pc.yellow(
            'a shard never decides the verdict: join every shard of the run with `cognito-sync-conformance report merge <shard reports…> --out <dir>`',
          ),
        ]
      : []),
    ...(stoppedText(run) !== undefined ? [pc.yellow(terminalLine(stoppedText(run) ?? ''))] : []),
    ...(discovered ? [pc.dim(terminalLine(discovered))] : []),
    ...(coverage ? [pc.dim(terminalLine(coverage))] : []),
    ...(short ? [pc.red(terminalLine(short))] : []),
    pc.dim(
      `seed ${run.options.seed}, ${plural(run.options.runs, 'run')} per check, ${(run.durationMs / 1000).toFixed(1)} s`,
    ),
  ];
}

/** A progress printer: a live line on a terminal, one line per finished check everywhere. */
export function progressPrinter(stream: NodeJS.WriteStream): (e: RunEvent) => void {
  const live = stream.isTTY;
  const active = new Map<string, string>();
  const redraw = (): void => {
    if (!live) return;
    const text = [...active.entries()].map(([id, p]) => `${terminalLine(id)} ${p}`).join('  |  ');
    stream.write(`\r\x1b[2K${pc.dim(text.slice(0, (stream.columns || 100) - 1))}`);
  };
  return (e) => {
    if (e.type === 'start')
      stream.write(
        `${pc.bold('cognito-sync-conformance')} — ${terminalLine(e.target)} — ${plural(e.checks, 'check')}, seed ${e.seed}\n`,
      );
    else if (e.type === 'check-start') {
      active.set(e.id, '…');
      redraw();
    } else if (e.type === 'check-progress') {
      active.set(e.id, `${e.done}/${e.total}`);
      redraw();
    } else {
      active.delete(e.result.id);
      if (live) stream.write('\r\x1b[2K');
      stream.write(`${checkLine(e.result)}\n`);
      redraw();
    }
  };
}
