/**
 * The record-level diff as an HTML table: stored before, expected (the user's change) and resulting (what the
 * reply leaves), each cell coloured by how it differs from the stored value, and rows where the reply departs from
 * the user's intent marked.
 */
import type { Counterexample } from '../../harness/index.ts';
import { noDifference, recordDiff, type ValueChange } from '../diff.ts';
import { html, type Html } from './escape.ts';
import { table } from './table.ts';

/** Most rows and most characters per value shown; a 1,024-record dataset would otherwise bury the point. */
export const DIFF_LIMITS = { rows: 200, valueChars: 300 } as const;

const value = (v: string | undefined): Html => {
  if (v === undefined) return html`<span class="absent">absent</span>`;
  const json = JSON.stringify(v);
  if (json.length <= DIFF_LIMITS.valueChars) return html`${json}`;
  return html`${json.slice(0, DIFF_LIMITS.valueChars)}<span class="absent"
      >… (${json.length - DIFF_LIMITS.valueChars} more characters)</span
    >`;
};

const WORD: Readonly<Record<ValueChange, string>> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  same: 'unchanged',
  absent: 'absent',
};

const notShown = (hidden: number, unchanged: number): string =>
  [
    hidden ? `${hidden} more differing record${hidden === 1 ? '' : 's'} not shown.` : '',
    unchanged ? `${unchanged} record${unchanged === 1 ? '' : 's'} equal in all three datasets not shown.` : '',
  ]
    .filter(Boolean)
    .join(' ');

/**
 * Renders the diff of a counterexample.
 * @param cx - the counterexample
 */
export function diffTable(cx: Counterexample): Html {
  const d = recordDiff(cx);
  const rejected = d.rejected
    ? html`<p class="note">The update is rejected, so nothing is written: the resulting dataset is the stored one.</p>`
    : '';
  if (!d.rows.length)
    return html`${rejected}
      <p class="note">${noDifference(d.unchanged)}</p>`;
  const shown = d.rows.slice(0, DIFF_LIMITS.rows);
  const rows = shown.map(
    (r) =>
      html`<tr class="${r.deviates ? 'deviates' : ''}">
        <td>${value(r.key)}</td>
        <td>${value(r.stored)}</td>
        <td class="c-${r.expectedChange}">${value(r.expected)}</td>
        <td class="c-${r.resultingChange}">${value(r.resulting)}</td>
        <td class="${r.deviates ? 'mark' : 'muted'}">
          ${r.deviates ? `✗ user ${WORD[r.expectedChange]} it, reply left it ${WORD[r.resultingChange]}` : 'as the user meant'}
        </td>
      </tr>`,
  );
  const hidden = d.rows.length - shown.length;
  return html`${rejected}
    <div class="legend">
      <span class="c-added">added</span><span class="c-removed">removed</span><span class="c-changed">changed</span
      ><span class="dev">differs from the user’s intent</span><span>(compared with the stored value)</span>
    </div>
    ${table(['key', 'stored before', 'expected', 'resulting', ''], rows, 'diff')}
    ${hidden || d.unchanged ? html`<p class="note">${notShown(hidden, d.unchanged)}</p>` : ''}`;
}
