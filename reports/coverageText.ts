/**
 * The handler's code coverage in words, one line every text report shares: "handler coverage: 83.3% of
 * branches (5/6), 90% of lines (9/10); never reached: handler.js:12-19". Paths are the handler's: show the line
 * through `terminalLine` or an escaping renderer.
 */
import { percentOf, type HandlerCoverage, type RunResult } from '../harness/index.ts';

/** The most unreached spans named in one line. */
const MAX_SPANS = 6;

/**
 * Where the handler never went, as `file:12-19` spans, at most `max` of them with the count of the rest.
 * @param c - measured coverage
 * @param max - the most spans named
 */
function unreachedText(c: Extract<HandlerCoverage, { measured: true }>, max = MAX_SPANS): string {
  const spans = c.files.flatMap((f) =>
    f.unreachedLines.map(([a, b]) => `${f.path}:${a === b ? String(a) : `${String(a)}-${String(b)}`}`),
  );
  const more = spans.length > max ? `, and ${String(spans.length - max)} more` : '';
  return spans.slice(0, max).join(', ') + more;
}

const skippedText = (c: Extract<HandlerCoverage, { measured: true }>): string =>
  c.skipped.map((s) => `${s.path} (${s.reason})`).join(', ');

/**
 * The coverage line of a run; undefined for a run that measured none and says nothing about it (a live run).
 * @param run - the run
 */
export function coverageText(run: RunResult): string | undefined {
  const c = run.handlerCoverage;
  if (!c) return undefined;
  if (!c.measured) return `handler coverage: ${c.reason}`;
  // The first take follows the module's load: none at all means every isolate ended before it could report.
  if (!c.files.length && !c.skipped.length)
    return 'handler coverage: nothing reported (every isolate that ran the handler ended before it could say)';
  if (!c.files.length) return `handler coverage: not measured: ${skippedText(c)}`;
  const count = (k: 'lines' | 'branches'): string =>
    `${String(percentOf(c[k]))}% of ${k} (${String(c[k].reached)}/${String(c[k].total)})`;
  const never = unreachedText(c);
  const skipped = c.skipped.length ? `; not measured: ${skippedText(c)}` : '';
  return `handler coverage: ${count('branches')}, ${count('lines')}${never ? `; never reached: ${never}` : ''}${skipped}`;
}

/**
 * Why a run whose checks passed is not conformant for its coverage; undefined when it is not short.
 * @param run - the run
 */
export function coverageShortText(run: RunResult): string | undefined {
  const s = run.summary.coverageShort;
  if (!s) return undefined;
  return `not conformant: the handler's branch coverage is ${String(s.branches)}%, below --min-branch-coverage ${String(s.min)}`;
}
