/**
 * Words and numbers every report shares, so the JUnit file, the Markdown summary, the HTML page and the badge
 * never disagree on what a run came to.
 */
import type { CheckOutcome, CheckResult, Counterexample, RootCause, RunResult } from '../harness/index.ts';
import { describeViolation } from '../model/index.ts';
import { dict, ownEntry } from '../model/dict.ts';

/** The verdict of a run as reports show it. */
export type RunVerdict = 'conformant' | 'not-conformant' | 'partial';

/**
 * The verdict of a run. A blocking failure outranks an incomplete run: a handler that already failed a `must`
 * check is not conformant however the rest ended.
 * @param run - the run
 */
export function verdictOf(run: RunResult): RunVerdict {
  const blocking = run.checks.some((c) => c.outcome === 'fail' && (c.level === 'must' || run.options.strict));
  if (blocking) return 'not-conformant';
  if (run.summary.partial) return 'partial';
  return run.summary.conformant ? 'conformant' : 'not-conformant';
}

/** The verdict in words, for headings. */
export const VERDICT_TEXT: Readonly<Record<RunVerdict, string>> = {
  conformant: 'conformant',
  'not-conformant': 'not conformant',
  partial: 'partial: not every check ran to the end',
};

/** Outcomes in words; `error` and `timeout` say plainly that the check did not pass. */
export const OUTCOME_TEXT: Readonly<Record<CheckOutcome, string>> = {
  pass: 'pass',
  fail: 'fail',
  error: 'error',
  skip: 'skipped',
  timeout: 'timed out',
  incomplete: 'incomplete',
};

/** One plain symbol per outcome (no emoji: they render differently everywhere and read badly in terminals). */
export const OUTCOME_SYMBOL: Readonly<Record<CheckOutcome, string>> = {
  pass: '✓',
  fail: '✗',
  error: '!',
  skip: '–',
  timeout: '…',
  incomplete: '?',
};

/**
 * A duration for people: sub-millisecond times keep two decimals, long ones switch to seconds and minutes.
 * @param ms - milliseconds
 * @example formatMs(0.42) // "0.42 ms"; formatMs(1530) // "1.5 s"
 */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms === 0) return '0 ms';
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const min = Math.floor(ms / 60_000);
  return `${min} min ${Math.round((ms - min * 60_000) / 1000)} s`;
}

/**
 * A count with its noun, singular for one.
 * @param n - the count
 * @param word - the singular noun
 * @param plural - the plural @defaultValue word + "s"
 * @example plural(1, 'run') // "1 run"; plural(1024, 'record') // "1,024 records"
 */
export function plural(n: number, word: string, plural = `${word}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? word : plural}`;
}

/**
 * How a counterexample was reached, in words: "counterexample after 3 shrinks", or for a hang another check had
 * already shrunk, that it was not shrunk again and where the shrunk one is.
 * @param cx - the counterexample
 */
export function shrinkNote(cx: Pick<Counterexample, 'numShrinks' | 'attributedTo'>): string {
  return cx.attributedTo !== undefined
    ? `counterexample not shrunk (the same hang is shrunk in ${cx.attributedTo})`
    : `counterexample after ${plural(cx.numShrinks, 'shrink')}`;
}

/**
 * The undocumented readings a counterexample rests on, in words ("rests on undocumented readings: a=b, c=d"), or
 * undefined when it holds under every reading.
 * @param cx - the counterexample
 */
export function restsOnText(cx: Pick<Counterexample, 'restsOn'>): string | undefined {
  if (!cx.restsOn.length) return undefined;
  return `rests on undocumented readings: ${cx.restsOn.map((r) => `${r.point}=${r.reading}`).join(', ')}`;
}

/** How a run's failures divide between those that hold under every reading and those that rest on one. */
interface ReadingsSplit {
  /** Failures that hold under every reading of the undocumented points. */
  readonly hold: number;
  /** Failures that rest on an undocumented reading. */
  readonly rest: number;
  /** The readings they rest on, `point=reading`, each once, in the order first met. */
  readonly readings: readonly string[];
}

/**
 * Counts a run's failures (every failure of every failed check, as the reports list them) by whether they rest on
 * an undocumented reading, or undefined when none does: then every failure holds under every reading and the
 * summaries say nothing more.
 * @param run - the run
 */
function readingsSplit(run: RunResult): ReadingsSplit | undefined {
  const failures = run.checks.flatMap((c) => (c.outcome === 'fail' ? c.failures.map((f) => f.counterexample) : []));
  const resting = failures.filter((cx) => cx.restsOn.length);
  if (!resting.length) return undefined;
  return {
    hold: failures.length - resting.length,
    rest: resting.length,
    readings: [...new Set(resting.flatMap((cx) => cx.restsOn.map((r) => `${r.point}=${r.reading}`)))],
  };
}

/**
 * {@link readingsSplit} in words, with each reading passed through `code` (Markdown or HTML code spans), or
 * undefined when no failure rests on a reading.
 * @param run - the run
 * @param code - renders one `point=reading` @defaultValue the text as it is
 */
export function readingsSplitText(run: RunResult, code: (reading: string) => string = (r) => r): string | undefined {
  const split = readingsSplit(run);
  if (!split) return undefined;
  return `failures that hold under every reading: ${String(split.hold)}; that rest on an undocumented reading: ${String(split.rest)} (${split.readings.map(code).join(', ')})`;
}

/**
 * What the verdict does not say: `should` failures that did not decide it (without `--strict`).
 * @param run - the run
 */
export function verdictNote(run: RunResult): string | undefined {
  if (run.options.strict) return undefined;
  const n = run.checks.filter((c) => c.outcome === 'fail' && c.level === 'should').length;
  if (!n) return undefined;
  return `${plural(n, 'should check')} failed: ${n === 1 ? 'it does' : 'they do'} not decide the verdict (--strict makes ${n === 1 ? 'it' : 'them'} count).`;
}

/** A phrase as the start of a sentence: its first letter capitalized. */
export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Why a stopped run stopped and how many of its checks did not finish ("stopped early (interrupted): 7 checks of 19
 * did not finish"), or undefined for a run that went to the end.
 * @param run - the run
 */
export function stoppedText(run: RunResult): string | undefined {
  if (run.stopped === undefined) return undefined;
  const unfinished = run.checks.filter((c) => c.outcome === 'skip' || c.outcome === 'incomplete').length;
  return `stopped early (${run.stopped}): ${plural(unfinished, 'check')} of ${String(run.summary.total)} did not finish`;
}

/**
 * The counts line of a run, e.g. "12 checks: 9 passed, 2 failed, 1 errored".
 * @param run - the run
 */
export function countsText(run: RunResult): string {
  const s = run.summary;
  const parts = [
    `${s.passed} passed`,
    s.failed ? `${s.failed} failed` : '',
    s.errored ? `${s.errored} errored` : '',
    s.timedOut ? `${s.timedOut} timed out` : '',
    s.skipped ? `${s.skipped} skipped` : '',
    s.incomplete ? `${s.incomplete} incomplete` : '',
  ].filter(Boolean);
  return `${plural(s.total, 'check')}: ${parts.join(', ')}`;
}

/**
 * The root causes line of a run with failures: "1 root cause, seen in 6 checks" (undefined without failures).
 * @param run - the run
 */
export function rootCausesText(run: RunResult): string | undefined {
  const causes = run.rootCauses;
  if (!causes.length) return undefined;
  const checks = new Set(causes.flatMap((c) => c.checks)).size;
  const must = causes.filter((c) => c.level === 'must').length;
  const levels = must === causes.length ? 'must' : must === 0 ? 'should' : `${String(must)} must`;
  return `${plural(causes.length, 'root cause')} (${levels}), seen in ${plural(checks, 'check')}`;
}

/**
 * The root cause a failure of a check belongs to.
 * @param run - the run
 * @param signature - the failure's signature
 */
export function rootCauseOf(run: RunResult, signature: string): RootCause | undefined {
  return run.rootCauses.find((r) => r.signature === signature);
}

/**
 * The counterexample that stands for a root cause: the smallest any check found.
 * @param run - the run
 * @param cause - the root cause
 */
export function exampleOf(run: RunResult, cause: RootCause): Counterexample | undefined {
  const check = run.checks.find((c) => c.id === cause.example.check);
  return check?.outcome === 'fail' ? check.failures[cause.example.failure]?.counterexample : undefined;
}

/**
 * How much of the suite a run covered, when it ran only some checks (`--checks`, `--exclude`): "7 of 19 checks";
 * a shard says which: "shard 1 of 2: 10 of 19 checks". Undefined for a full run. A report that does not record the count says "7 checks, a subset".
 * @param run - the run
 */
export function selectionText(run: RunResult): string | undefined {
  const available = run.options.available;
  const total = run.summary.total;
  const shard = run.options.shard;
  if (shard)
    return `shard ${shard.index} of ${shard.count}: ${available !== undefined ? `${total} of ${plural(available, 'check')}` : plural(total, 'check')}`;
  if (available !== undefined) return total < available ? `${total} of ${plural(available, 'check')}` : undefined;
  return run.options.checks?.length || run.options.exclude?.length ? `${plural(total, 'check')}, a subset` : undefined;
}

/**
 * The verdict in words with the selection, for headings: "conformant (7 of 19 checks)".
 * @param run - the run
 */
export function verdictTitle(run: RunResult): string {
  const subset = selectionText(run);
  return subset ? `${VERDICT_TEXT[verdictOf(run)]} (${subset})` : VERDICT_TEXT[verdictOf(run)];
}

/**
 * The sentence under a non-passing check: the harness error, or why it was skipped or stopped.
 * @param c - a check result
 */
export function troubleText(c: CheckResult): string | undefined {
  if (c.outcome === 'error') return `${c.error.code}: ${c.error.message}`;
  if (c.outcome === 'skip' || c.outcome === 'timeout' || c.outcome === 'incomplete') return c.reason;
  return undefined;
}

/**
 * The lines that say what went wrong in a failure: the check's own messages, or the worded violations when a
 * check gave none.
 * @param cx - a failure's counterexample
 */
export function problemLines(cx: Counterexample): string[] {
  return cx.messages.length ? [...cx.messages] : cx.violations.map(describeViolation);
}

/**
 * The model's violations in words, leaving out those a message already says word for word (format checks word
 * their violations themselves).
 * @param cx - a failure's counterexample
 */
export function violationLines(cx: Counterexample): string[] {
  return cx.violations.map(describeViolation).filter((l) => !cx.messages.includes(l));
}

/** The check that looks for dependence on undocumented behaviour. */
const DEPENDENCE_CHECK = 'semantics/undocumented-reading';

/**
 * What the run can say when no dependence is recorded: only a passing `semantics/undocumented-reading` means none
 * was found; a subset run that left it out, or a run where it failed or did not finish, says so instead.
 * @param run - the run
 */
export function noDependenceText(run: RunResult): string {
  const c = run.checks.find((x) => x.id === DEPENDENCE_CHECK);
  if (!c) return `Not checked: ${DEPENDENCE_CHECK} was not part of this run.`;
  if (c.outcome === 'pass')
    return `None found: ${DEPENDENCE_CHECK} passed, and no outcome it tried changed with the reading of an undocumented point.`;
  if (c.outcome === 'fail') return `${DEPENDENCE_CHECK} failed: its details say on which point the outcome depends.`;
  return `Not known: ${DEPENDENCE_CHECK} did not run to the end (${OUTCOME_TEXT[c.outcome]}).`;
}

/**
 * How each key the handler acts on came up across all checks: key → fate → cases.
 * @param run - the run
 */
export function keysExercisedOf(run: RunResult): Record<string, Record<string, number>> {
  return sumOver(run, (c) => c.keysExercised);
}

/**
 * How each dataset name the handler routes on came up across all checks: name → `events` or input class → cases.
 * @param run - the run
 */
export function datasetNamesExercisedOf(run: RunResult): Record<string, Record<string, number>> {
  return sumOver(run, (c) => c.datasetNamesExercised);
}

function sumOver(
  run: RunResult,
  pick: (c: RunResult['checks'][number]) => Readonly<Record<string, Readonly<Record<string, number>>>> | undefined,
): Record<string, Record<string, number>> {
  // Names come from the handler's source: `__proto__` must be a key of its own, not the prototype.
  const out = dict<Record<string, number>>();
  for (const c of run.checks)
    for (const [name, counts] of Object.entries(pick(c) ?? {}))
      for (const [what, n] of Object.entries(counts)) {
        const into = ownEntry(out, name, () => dict<number>());
        into[what] = (into[what] ?? 0) + n;
      }
  return out;
}

/**
 * What the run learned the handler acts on, in one line: "acts on keys Lives, Level (its source) and dataset names
 * ShoppingList", and those the run steered towards (near code discovery did not reach), or the hint to declare them
 * when nothing was found.
 * @param run - the run
 */
export function discoveryText(run: RunResult): string | undefined {
  const d = run.discovery;
  if (!d) return undefined;
  const list = (names: readonly { value: string }[], max: number): string =>
    names.length > max
      ? `${names
          .slice(0, max)
          .map((n) => JSON.stringify(n.value))
          .join(', ')} and ${plural(names.length - max, 'more')}`
      : names.map((n) => JSON.stringify(n.value)).join(', ');
  if (!d.keys.length && !d.datasetNames.length)
    return 'found no record key or dataset name the handler acts on: declare them (keys, datasetNames in the config) so that events carry them';
  const parts = [
    d.keys.length ? `record ${d.keys.length === 1 ? 'key' : 'keys'} ${list(d.keys, 6)}` : '',
    d.datasetNames.length ? `dataset ${d.datasetNames.length === 1 ? 'name' : 'names'} ${list(d.datasetNames, 4)}` : '',
  ].filter(Boolean);
  const focus = [...d.keys, ...d.datasetNames].filter((n) => n.nearUnreached);
  const steered = focus.length ? `; ${list(focus, 4)}, near code discovery did not reach, came up more often` : '';
  return `the handler acts on ${parts.join(' and ')}: events carried them with every fate${steered}`;
}
