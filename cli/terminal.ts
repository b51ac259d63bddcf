/** How a run reads in a terminal and in CI logs: progress, one line per check, each failure with its replay. */
import pc from 'picocolors';
import type { CheckResult, RunEvent, RunResult } from '../harness/index.ts';
import { failureText } from '../reports/text.ts';

const MARK: Record<CheckResult['outcome'], string> = {
  pass: pc.green('✓'),
  fail: pc.red('✗'),
  error: pc.magenta('!'),
  skip: pc.yellow('-'),
  timeout: pc.yellow('⧗'),
};

/** One line for a finished check. */
export function checkLine(r: CheckResult): string {
  const level = r.level === 'must' ? pc.bold('must  ') : pc.dim('should');
  const runs = `${r.runs} run${r.runs === 1 ? '' : 's'}`;
  const p99 = r.latency ? pc.dim(` p99 ${r.latency.p99} ms`) : '';
  const why =
    r.outcome === 'error'
      ? pc.magenta(` ${r.error?.code ?? ''}: ${r.error?.message.split('\n')[0] ?? ''}`)
      : r.reason
        ? pc.yellow(` ${r.reason}`)
        : '';
  return `  ${MARK[r.outcome]} ${level} ${r.id.padEnd(32)} ${pc.dim(runs.padStart(9))} ${pc.dim(`${r.durationMs} ms`.padStart(9))}${p99}${why}`;
}

/** The full story of one failed check, in colour. */
export function failureBlock(r: CheckResult): string {
  return failureText(r, { title: (t) => pc.red(pc.bold(t)), dim: pc.dim, command: pc.cyan });
}

/** The closing summary lines. */
export function summaryLines(run: RunResult): string[] {
  const s = run.summary;
  const verdict = s.conformant
    ? pc.green(pc.bold('CONFORMANT'))
    : s.partial && s.failed === 0
      ? pc.yellow(pc.bold('INCOMPLETE'))
      : pc.red(pc.bold('NOT CONFORMANT'));
  const parts = [
    `${s.passed} passed`,
    `${s.failed} failed`,
    `${s.errored} errored`,
    `${s.skipped} skipped`,
    `${s.timedOut} timed out`,
  ];
  return [
    `${verdict}: ${parts.join(', ')} — ${s.mustPassed}/${s.mustTotal} must checks passed${run.options.strict ? ' (strict: should checks count)' : ''}`,
    pc.dim(`seed ${run.options.seed}, ${run.options.runs} runs per check, ${(run.durationMs / 1000).toFixed(1)} s`),
  ];
}

/** A progress printer: a live line on a terminal, one line per finished check everywhere. */
export function progressPrinter(stream: NodeJS.WriteStream): (e: RunEvent) => void {
  const live = stream.isTTY;
  const active = new Map<string, string>();
  const redraw = (): void => {
    if (!live) return;
    const text = [...active.entries()].map(([id, p]) => `${id} ${p}`).join('  |  ');
    stream.write(`\r\x1b[2K${pc.dim(text.slice(0, (stream.columns || 100) - 1))}`);
  };
  return (e) => {
    if (e.type === 'start')
      stream.write(`${pc.bold('cognito-sync-conformance')} — ${e.target} — ${e.checks} checks, seed ${e.seed}\n`);
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
