/**
 * The record-level diff as an HTML table: stored before, expected (the user's change), resulting (what the reply
 * leaves) and, when the update was rejected, what the reply asked for — where the cause of a rejection shows. Each
 * cell is coloured by how it differs from the stored value, and rows where the reply departs from the user's intent
 * are marked.
 */
import type { Counterexample } from '../../harness/index.ts';
import type { Readings } from '../../model/index.ts';
import { noDifference, recordDiff, rowNote } from '../diff.ts';
import { elideJson } from '../elide.ts';
import { plural } from '../format.ts';
import { html, type Html } from './escape.ts';
import { table } from './table.ts';

/** Most rows and most characters per value shown; a 1,024-record dataset would otherwise bury the point. */
const DIFF_LIMITS = { rows: 200, valueChars: 300 } as const;

// A huge value reads as its start and its size: `"xxxx…" (1,048,000 chars)`.
const value = (v: string | undefined): Html =>
  v === undefined
    ? html`<span class="absent">absent</span>`
    : html`${elideJson(JSON.stringify(v), DIFF_LIMITS.valueChars)}`;

const notShown = (hidden: number, unchanged: number): string =>
  [
    hidden ? `${plural(hidden, 'more differing record')} not shown.` : '',
    unchanged ? `${plural(unchanged, 'record')} equal in every dataset not shown.` : '',
  ]
    .filter(Boolean)
    .join(' ');

/**
 * Renders the diff of a counterexample.
 * @param cx - the counterexample
 * @param readings - the readings the run judged under
 */
export function diffTable(cx: Counterexample, readings: Readings): Html {
  const d = recordDiff(cx, readings);
  const rejected = d.rejected
    ? html`<p class="note">
        The update is rejected, so nothing is written: the resulting dataset is the stored
        one.${d.askedShown ? ' The last column shows what the reply asked for.' : ''}
      </p>`
    : '';
  if (!d.rows.length)
    return html`${rejected}
      <p class="note">${noDifference(d.unchanged)}</p>`;
  const shown = d.rows.slice(0, DIFF_LIMITS.rows);
  const rows = shown.map(
    (r) =>
      html`<tr class="${r.deviates || r.askedOtherwise ? 'deviates' : ''}">
        <td>${value(r.key)}</td>
        <td>${value(r.stored)}</td>
        <td class="c-${r.expectedChange}">${value(r.expected)}</td>
        <td class="c-${r.resultingChange}">${value(r.resulting)}</td>
        ${d.askedShown ? html`<td class="c-${r.askedChange}">${value(r.asked)}</td>` : ''}
        <td class="${r.deviates || r.askedOtherwise ? 'mark' : 'muted'}">${rowNote(r, d)}</td>
      </tr>`,
  );
  const hidden = d.rows.length - shown.length;
  const heads = ['key', 'stored before', 'expected', 'resulting', ...(d.askedShown ? ['the reply asked'] : []), ''];
  return html`${rejected}
    <div class="legend">
      <span class="c-added">added</span><span class="c-removed">removed</span><span class="c-changed">changed</span
      ><span class="dev">differs from the user’s intent</span><span>(compared with the stored value)</span>
    </div>
    ${table(heads, rows, 'diff')}
    ${hidden || d.unchanged ? html`<p class="note">${notShown(hidden, d.unchanged)}</p>` : ''}`;
}
