/**
 * One failure as a Markdown section: what went wrong, the shrunk event, each reply, the record-level diff and the
 * replay command. Long parts are cut with a note saying where the whole text is, because a pull-request comment
 * holds at most 65,536 characters.
 */
import type { RecordedInvocation } from '../../harness/result.ts';
import { describeOutcome } from '../../model/invocation.ts';
import { noDifference, recordDiff, type DiffRow, type ValueChange } from '../diff.ts';
import { OUTCOME_SYMBOL, problemLines, violationLines } from '../format.ts';
import type { FailureCase } from '../replay/paths.ts';
import { fence, mdCode, mdText } from './escape.ts';

/** Cuts for one section, in characters (rows for the diff). */
export const SECTION_LIMITS = { event: 4000, reply: 3000, logs: 2000, cell: 80, diffRows: 25 } as const;

const cut = (s: string, n: number): { text: string; note: string } =>
  s.length > n
    ? {
        text: s.slice(0, n),
        note: `Showing the first ${n.toLocaleString('en')} of ${s.length.toLocaleString('en')} characters.`,
      }
    : { text: s, note: '' };

const cell = (v: string | undefined): string => {
  if (v === undefined) return '—';
  const json = JSON.stringify(v);
  return mdCode(json.length > SECTION_LIMITS.cell ? `${json.slice(0, SECTION_LIMITS.cell)}…` : json);
};

const WORD: Readonly<Record<ValueChange, string>> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  same: 'unchanged',
  absent: 'absent',
};

const note = (r: DiffRow): string =>
  r.deviates ? `✗ user ${WORD[r.expectedChange]} it, reply left it ${WORD[r.resultingChange]}` : 'as the user meant';

function diffTable(fc: FailureCase): string[] {
  const d = recordDiff(fc.counterexample);
  const out = [
    '**Records**: stored before the update, expected (the user’s change), resulting (what this reply leaves)',
  ];
  if (d.rejected)
    out.push('', 'The update is rejected, so nothing is written: the resulting dataset is the stored one.');
  if (!d.rows.length) return [...out, '', noDifference(d.unchanged)];
  const rows = d.rows.slice(0, SECTION_LIMITS.diffRows);
  out.push('', '| key | stored | expected | resulting | |', '| --- | --- | --- | --- | --- |');
  for (const r of rows)
    out.push(`| ${cell(r.key)} | ${cell(r.stored)} | ${cell(r.expected)} | ${cell(r.resulting)} | ${note(r)} |`);
  const hidden = d.rows.length - rows.length;
  const tail = [
    hidden ? `${hidden} more differing records not shown` : '',
    d.unchanged ? `${d.unchanged} records equal in all three datasets not shown` : '',
  ];
  const rest = tail.filter(Boolean).join('; ');
  if (rest) out.push('', `${rest}.`);
  return out;
}

function invocation(inv: RecordedInvocation, i: number, total: number): string[] {
  const label = total > 1 ? `**Reply ${i + 1} of ${total}**` : '**Reply**';
  const out: string[] = [];
  if (inv.kind === 'replied') {
    const c = cut(inv.json, SECTION_LIMITS.reply);
    out.push(`${label} (raw JSON, ${mdText(describeOutcome(inv))})`, '', fence(c.text, 'json'));
    if (c.note) out.push('', c.note);
  } else {
    out.push(`${label}: ${mdText(describeOutcome(inv))}`);
    if (inv.kind === 'threw' && inv.error.trace.length)
      out.push('', fence(cut(inv.error.trace.join('\n'), SECTION_LIMITS.reply).text));
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
 */
export function failureSection(fc: FailureCase): string {
  const { check: c, counterexample: cx } = fc;
  const event = cut(JSON.stringify(cx.event, null, 2), SECTION_LIMITS.event);
  const out = [
    `### ${OUTCOME_SYMBOL.fail} ${mdText(c.id)}: ${mdText(c.title)}`,
    '',
    `${c.level} · ${c.basis} · CONTRACT ${mdText(c.clause)} · counterexample after ${cx.numShrinks} shrinks ` +
      `(seed ${cx.seed}, path ${mdCode(cx.path || '-')})`,
    '',
    '**What went wrong**',
    '',
    ...problemLines(c).map((l) => `- ${mdText(l)}`),
  ];
  const violations = violationLines(c);
  if (violations.length)
    out.push('', 'The model’s violations of the reply:', '', ...violations.map((l) => `- ${mdText(l)}`));
  if (cx.serviceError)
    out.push(
      '',
      `Cognito Sync would answer ${cx.serviceError.status} ${mdText(cx.serviceError.name)}; nothing is written.`,
    );
  out.push('', '**Event** (shrunk)', '', fence(event.text, 'json'));
  if (event.note) out.push('', `${event.note} The whole event: ${mdCode(fc.eventPath ?? fc.inputPath)}.`);
  cx.invocations.forEach((inv, i) => out.push('', ...invocation(inv, i, cx.invocations.length)));
  out.push('', ...diffTable(fc));
  const where = fc.eventPath ? ` (the event alone is in ${mdCode(fc.eventPath)})` : '';
  out.push('', `**Replay**${where}`, '', fence(cx.replay, 'sh'));
  return out.join('\n');
}
