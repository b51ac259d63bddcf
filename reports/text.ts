/**
 * Plain-text rendering of failures: one failed check (what a Vitest test fails with and what a JUnit failure holds)
 * and one root cause (what the CLI prints). Everything the handler controls passes through `terminalText`/`terminalLine`, so no control
 * character or bidi override reaches a terminal raw; huge values are elided with their size. A `style` hook lets the
 * terminal add colour, around text that is already escaped.
 */
import type { CheckResult, Counterexample, Failure, RootCause, RunResult } from '../harness/index.ts';
import { DEFAULT_READINGS, type Readings, type SessionTimeline } from '../model/index.ts';
import { describeOutcome } from '../model/invocation.ts';
import { recordDiff, rowNote } from './diff.ts';
import { clip, count, elideJson, readableJson } from './elide.ts';
import { exampleOf, plural, restsOnText, shrinkNote } from './format.ts';
import { handlerLocation, shownTrace } from './stack.ts';
import { timelineLines } from './timeline.ts';
import { jsonText, jsonTextOf, terminalLine, terminalText } from './visible.ts';

/** Colour hooks; identity by default. */
export interface TextStyle {
  readonly title: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly command: (s: string) => string;
}

const PLAIN: TextStyle = { title: (s) => s, dim: (s) => s, command: (s) => s };

/** How much of each part a failure shows in a terminal; `report.json` and `failures/` hold the whole. */
const TEXT_LIMITS = {
  /** JSON of the event or a reply. */
  json: { string: 60, total: 1200 },
  /** One value in the record diff. */
  value: { string: 40, total: 60 },
  logs: 600,
  traceFrames: 6,
  diffRows: 10,
} as const;

const INDENT = '    ';
const CONT = '            ';

/** Multi-line handler text, escaped, continued under its label. */
const block = (s: string): string => terminalText(s).replaceAll('\n', `\n${CONT}`);

/** A record value as it reads in the diff: JSON, elided, or `absent`. */
const value = (v: string | undefined): string =>
  v === undefined ? 'absent' : terminalLine(readableJson(jsonText(v), TEXT_LIMITS.value));

/** The evidence of a failing case: what `failureText` and `replay --from` show of it. */
export type EvidenceLike = Pick<
  Counterexample,
  'event' | 'invocations' | 'serviceError' | 'stored' | 'expected' | 'resulting' | 'timeline'
>;

/**
 * Where the handler threw, when a reply was an error with a frame of the handler's own code: `/app/h.mjs:4:11`.
 * @param ev - the evidence of a case
 */
export function thrownAt(ev: Pick<Counterexample, 'invocations'>): string | undefined {
  for (const inv of ev.invocations) {
    if (inv.kind !== 'threw') continue;
    const at = handlerLocation(inv.error.trace);
    if (at) return at;
  }
  return undefined;
}

/**
 * The lines of a case's evidence: the event, each reply (its trace without the tool's frames, its logs), the
 * service's answer and the records that differ.
 * @param ev - the evidence of a failing case
 * @param style - colour hooks @defaultValue plain text
 * @param readings - the readings the run judged under @defaultValue the defaults
 */
export function evidenceLines(
  ev: EvidenceLike,
  style: TextStyle = PLAIN,
  readings: Readings = DEFAULT_READINGS,
): string[] {
  if (ev.timeline) return sessionLines(ev, ev.timeline, style);
  const out = [`${INDENT}event:  ${terminalLine(readableJson(jsonText(ev.event), TEXT_LIMITS.json))}`];
  ev.invocations.forEach((inv, i) => {
    const label = ev.invocations.length > 1 ? `reply ${i + 1}:` : 'reply: ';
    const text =
      inv.kind === 'replied'
        ? terminalLine(readableJson(jsonTextOf(inv.json), TEXT_LIMITS.json))
        : terminalLine(clip(describeOutcome(inv), TEXT_LIMITS.json.total));
    out.push(`${INDENT}${label} ${text}`);
    if (inv.kind === 'threw') {
      const t = shownTrace(inv.error.trace);
      const frames = t.frames.slice(0, TEXT_LIMITS.traceFrames).map((f) => `${CONT}${terminalLine(f.trim())}`);
      const more = t.frames.length - frames.length;
      if (more) frames.push(`${CONT}… ${plural(more, 'more frame')}`);
      if (t.hidden) frames.push(`${CONT}(${plural(t.hidden, 'frame')} of the tool and of Node internals not shown)`);
      if (frames.length) out.push(style.dim(frames.join('\n')));
    }
    const logs = inv.logs.trim();
    if (logs) out.push(style.dim(`${INDENT}logs:   ${block(clip(logs, TEXT_LIMITS.logs))}`));
  });
  if (ev.serviceError)
    out.push(
      `${INDENT}Cognito Sync would answer ${ev.serviceError.status} ${terminalLine(ev.serviceError.name)}; nothing is written`,
    );
  out.push(...diffLines(ev, style, readings));
  return out;
}

/** A session's evidence: its timeline, then the records the two datasets it compares hold differently. */
function sessionLines(ev: EvidenceLike, timeline: SessionTimeline, style: TextStyle): string[] {
  const out = [style.dim(`${INDENT}timeline:`), ...timelineLines(timeline, `${INDENT}  `)];
  const found = ev.resulting ?? {};
  const keys = [...new Set([...Object.keys(ev.expected), ...Object.keys(found)])].sort();
  const differ = keys.filter((k) => ev.expected[k] !== found[k]);
  if (differ.length) {
    out.push(style.dim(`${INDENT}records (expected → found):`));
    for (const k of differ.slice(0, TEXT_LIMITS.diffRows))
      out.push(`${INDENT}  ${value(k)}: ${value(ev.expected[k])} → ${value(found[k])}`);
    if (differ.length > TEXT_LIMITS.diffRows)
      out.push(
        style.dim(`${INDENT}  (${plural(differ.length - TEXT_LIMITS.diffRows, 'more differing record')} not shown)`),
      );
  }
  return out;
}

/** The records that differ, one line each: stored → expected → resulting, and what the reply asked when rejected. */
function diffLines(ev: EvidenceLike, style: TextStyle, readings: Readings): string[] {
  const d = recordDiff(ev, readings);
  const head = d.askedShown
    ? 'records (stored → the user meant → the reply asked; rejected, so nothing is written):'
    : 'records (stored → the user meant → the reply leaves):';
  if (!d.rows.length) {
    const none = d.unchanged ? `no record differs (${count(d.unchanged)} unchanged)` : 'all three datasets are empty';
    return [style.dim(`${INDENT}records: ${none}`)];
  }
  const shown = d.rows.slice(0, TEXT_LIMITS.diffRows).map((r) => {
    const last = d.askedShown ? r.asked : r.resulting;
    return `${INDENT}  ${value(r.key)}: ${value(r.stored)} → ${value(r.expected)} → ${value(last)}  ${rowNote(r, d)}`;
  });
  const hidden = d.rows.length - shown.length;
  const tail = [
    hidden ? `${plural(hidden, 'more differing record')} not shown` : '',
    d.unchanged ? `${plural(d.unchanged, 'record')} equal in every dataset not shown` : '',
  ].filter(Boolean);
  return [
    style.dim(`${INDENT}${head}`),
    ...shown,
    ...(tail.length ? [style.dim(`${INDENT}  (${tail.join('; ')})`)] : []),
  ];
}

/**
 * The story of one failure: its title, where the handler threw (its own file and line), the messages, the shrunk
 * event, each reply, the records that differ, the readings it rests on, the replay line.
 * @param cx - the failure's counterexample
 * @param style - colour hooks
 * @param readings - the readings the run judged under
 */
function counterexampleLines(cx: Counterexample, style: TextStyle, readings: Readings): string[] {
  const out: string[] = [];
  const at = thrownAt(cx);
  if (at) out.push(`${INDENT}thrown at ${terminalLine(at)}`);
  for (const m of cx.messages)
    out.push(`${INDENT}${block(clip(elideJson(m, TEXT_LIMITS.json.string), TEXT_LIMITS.json.total))}`);
  out.push(
    style.dim(`${INDENT}${terminalLine(shrinkNote(cx))} (seed ${cx.seed}, path ${terminalLine(cx.path) || '-'}):`),
  );
  out.push(...evidenceLines(cx, style, readings));
  const restsOn = restsOnText(cx);
  if (restsOn) out.push(`${INDENT}${terminalLine(restsOn)}`);
  out.push(`${INDENT}replay: ${style.command(terminalLine(cx.replay))}`);
  return out;
}

/**
 * The story of one failed check: each of its distinct failures in turn (most checks have one).
 * @param r - a check result (nothing but its head unless it failed)
 * @param style - colour hooks @defaultValue plain text
 * @param readings - the readings the run judged under @defaultValue the defaults
 */
export function failureText(r: CheckResult, style: TextStyle = PLAIN, readings: Readings = DEFAULT_READINGS): string {
  const head = `✗ ${terminalLine(r.id)}${style.dim(` (${r.level}, CONTRACT ${r.clause}) — ${terminalLine(r.title)}`)}`;
  if (r.outcome !== 'fail') return style.title(head);
  const out = [style.title(head)];
  r.failures.forEach((f: Failure, i) => {
    if (r.failures.length > 1)
      out.push(style.title(`  failure ${String(i + 1)} of ${String(r.failures.length)}: ${terminalLine(f.title)}`));
    out.push(...counterexampleLines(f.counterexample, style, readings));
  });
  return out.join('\n');
}

/**
 * The story of one root cause: what it is, the checks it showed in, and its smallest counterexample.
 * @param run - the run
 * @param cause - the root cause
 * @param style - colour hooks @defaultValue plain text
 */
export function rootCauseText(run: RunResult, cause: RootCause, style: TextStyle = PLAIN): string {
  const others = cause.checks.filter((c) => c !== cause.home);
  const out = [
    style.title(`✗ ${cause.id} (${cause.level}) ${terminalLine(cause.title)}`),
    style.dim(
      `${INDENT}seen in ${terminalLine(cause.home)}${others.length ? `, and also in ${others.map(terminalLine).join(', ')}` : ''}` +
        (cause.checks.length > 1 ? ` (${plural(cause.checks.length, 'check')})` : ''),
    ),
  ];
  const cx = exampleOf(run, cause);
  if (cx) {
    if (cause.example.check !== cause.home) out.push(style.dim(`${INDENT}smallest case, from ${cause.example.check}:`));
    out.push(...counterexampleLines(cx, style, run.readings));
  }
  return out.join('\n');
}
