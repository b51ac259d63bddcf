/**
 * One failure as a Markdown section: what went wrong, the shrunk event, each reply, the record-level diff and the
 * replay command. Long parts are cut with a note saying where the whole text is, because a pull-request comment
 * holds at most 65,536 characters.
 */
import type { RecordedInvocation } from '../../harness/result.ts';
import type { Readings } from '../../model/index.ts';
import { describeOutcome } from '../../model/invocation.ts';
import { noDifference, recordDiff, rowNote } from '../diff.ts';
import { count, elideJson } from '../elide.ts';
import { OUTCOME_SYMBOL, plural, problemLines, shrinkNote, violationLines } from '../format.ts';
import type { FailureCase } from '../replay/paths.ts';
import { traceText } from '../stack.ts';
import { thrownAt } from '../text.ts';
import { fence, mdCode, mdText } from './escape.ts';

/** Cuts for one section, in characters (rows for the diff; `string`: longest JSON string shown whole). */
const SECTION_LIMITS = { event: 4000, reply: 3000, logs: 2000, cell: 80, diffRows: 25, string: 200 } as const;

/** Text cut to `n` characters (JSON with its long strings elided first), and the note that says so. */
const cut = (s: string, n: number, json = false): { text: string; note: string } => {
  const elided = json ? elideJson(s, SECTION_LIMITS.string) : s;
  const text = elided.length > n ? elided.slice(0, n) : elided;
  if (text === s) return { text, note: '' };
  const what =
    elided === s
      ? `the first ${count(n)} of ${count(s.length)} characters`
      : `${count(s.length)} characters with long strings shortened${elided.length > n ? ', cut' : ''}`;
  return { text, note: `Showing ${what}.` };
};

const cell = (v: string | undefined): string =>
  v === undefined ? '—' : mdCode(elideJson(JSON.stringify(v), SECTION_LIMITS.cell));

function diffTable(fc: FailureCase, readings: Readings): string[] {
  const d = recordDiff(fc.counterexample, readings);
  const out = [
    `**Records**: stored before the update, expected (the user’s change), resulting (what this reply leaves)${
      d.askedShown ? ', and what the reply asked for' : ''
    }`,
  ];
  if (d.rejected)
    out.push('', 'The update is rejected, so nothing is written: the resulting dataset is the stored one.');
  if (!d.rows.length) return [...out, '', noDifference(d.unchanged)];
  const rows = d.rows.slice(0, SECTION_LIMITS.diffRows);
  if (d.askedShown)
    out.push(
      '',
      '| key | stored | expected | resulting | the reply asked | |',
      '| --- | --- | --- | --- | --- | --- |',
    );
  else out.push('', '| key | stored | expected | resulting | |', '| --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const asked = d.askedShown ? ` ${cell(r.asked)} |` : '';
    out.push(
      `| ${cell(r.key)} | ${cell(r.stored)} | ${cell(r.expected)} | ${cell(r.resulting)} |${asked} ${mdText(rowNote(r, d))} |`,
    );
  }
  const hidden = d.rows.length - rows.length;
  const tail = [
    hidden ? `${plural(hidden, 'more differing record')} not shown` : '',
    d.unchanged ? `${plural(d.unchanged, 'record')} equal in every dataset not shown` : '',
  ];
  const rest = tail.filter(Boolean).join('; ');
  if (rest) out.push('', `${rest}.`);
  return out;
}

function invocation(inv: RecordedInvocation, i: number, total: number): string[] {
  const label = total > 1 ? `**Reply ${i + 1} of ${total}**` : '**Reply**';
  const out: string[] = [];
  if (inv.kind === 'replied') {
    const c = cut(inv.json, SECTION_LIMITS.reply, true);
    out.push(`${label} (raw JSON, ${mdText(describeOutcome(inv))})`, '', fence(c.text, 'json'));
    if (c.note) out.push('', c.note);
  } else {
    out.push(`${label}: ${mdText(describeOutcome(inv))}`);
    if (inv.kind === 'threw' && inv.error.trace.length)
      out.push('', fence(cut(traceText(inv.error.trace), SECTION_LIMITS.reply).text));
  }
  const logs = inv.logs.trim();
  if (logs) {
    const c = cut(logs, SECTION_LIMITS.logs);
    out.push(
      '',
      '<details><summary>Logs</summary>',
      '',
      fence(c.text),
      ...(c.note ? ['', c.note] : []),
      '',
      '</details>',
    );
  }
  return out;
}

/**
 * Renders the Markdown section of one failing case.
 * @param fc - the failing case and its replay file paths
 * @param readings - the readings the run judged under
 * @param heading - the section's heading and first lines @defaultValue the check's id and title
 */
export function failureSection(fc: FailureCase, readings: Readings, heading?: readonly string[]): string {
  const { check: c, counterexample: cx } = fc;
  const event = cut(JSON.stringify(cx.event, null, 2), SECTION_LIMITS.event, true);
  const at = thrownAt(cx);
  const out = [
    ...(heading ?? [`### ${OUTCOME_SYMBOL.fail} ${mdText(c.id)}: ${mdText(c.title)}`]),
    '',
    `${c.level} · ${c.basis} · CONTRACT ${mdText(c.clause)} · ${mdText(shrinkNote(cx))} ` +
      `(seed ${cx.seed}, path ${mdCode(cx.path || '-')})`,
    '',
    '**What went wrong**',
    '',
    ...(at ? [`- Thrown at ${mdCode(at)} (the handler’s own code)`] : []),
    ...problemLines(cx).map((l) => `- ${mdText(l)}`),
  ];
  const violations = violationLines(cx);
  if (violations.length)
    out.push('', 'The model’s violations of the reply:', '', ...violations.map((l) => `- ${mdText(l)}`));
  if (cx.serviceError)
    out.push(
      '',
      `Cognito Sync would answer ${cx.serviceError.status} ${mdText(cx.serviceError.name)}; nothing is written.`,
    );
  if (cx.restsOn.length)
    out.push(
      '',
      `Rests on undocumented readings: ${cx.restsOn.map((r) => mdCode(`${r.point}=${r.reading}`)).join(', ')}.`,
    );
  out.push('', '**Event** (shrunk)', '', fence(event.text, 'json'));
  if (event.note) out.push('', `${event.note} The whole event: ${mdCode(fc.eventPath ?? fc.inputPath)}.`);
  cx.invocations.forEach((inv, i) => out.push('', ...invocation(inv, i, cx.invocations.length)));
  out.push('', ...diffTable(fc, readings));
  const where = fc.eventPath ? ` (the event alone is in ${mdCode(fc.eventPath)})` : '';
  out.push('', `**Replay**${where}`, '', fence(cx.replay, 'sh'));
  return out.join('\n');
}
