/** The matrix page: runs as columns, checks as rows, one outcome per cell; self-contained like the report. */
import type { Matrix, MatrixRun } from '../matrix.ts';
import { OUTCOME_SYMBOL, OUTCOME_TEXT, plural, VERDICT_TEXT } from '../format.ts';
import { html, type Html } from './escape.ts';
import { page } from './layout.ts';
import { table } from './table.ts';

const VERDICT_OUTCOME = { conformant: 'pass', 'not-conformant': 'fail', partial: 'timeout' } as const;

function column(r: MatrixRun): Html {
  const name = html`<code>${r.label}</code>`;
  return html`<th class="run">
    ${r.link ? html`<a href="${r.link}">${name}</a>` : name}
    <div><span class="pill o-${VERDICT_OUTCOME[r.verdict]}">${VERDICT_TEXT[r.verdict].split(':')[0] ?? ''}</span></div>
    <div class="note">must ${r.summary.mustPassed}/${r.summary.mustTotal} · v${r.toolVersion}</div>
  </th>`;
}

/**
 * Renders the matrix page of a matrix.
 * @param m - the matrix (see `buildMatrix`)
 */
export function matrixPage(m: Matrix): string {
  const rows = m.checks.map(
    (c) =>
      html`<tr>
        <td>
          <code>${c.id}</code>
          <div class="note">${c.title}</div>
        </td>
        <td>${c.level}</td>
        ${c.outcomes.map((o, i) => {
          if (o === null) return html`<td class="cell"><span class="absent">not run</span></td>`;
          const note = c.notes[i];
          return html`<td class="cell">
            <span class="pill o-${o}" title="${note ?? OUTCOME_TEXT[o]}">${OUTCOME_SYMBOL[o]} ${OUTCOME_TEXT[o]}</span
            >${note ? html`<div class="note">${note.length > 120 ? `${note.slice(0, 120)}…` : note}</div>` : ''}
          </td>`;
        })}
      </tr>`,
  );
  const body = html`<header class="verdict">
      <h1>Sync Trigger conformance matrix</h1>
      <div class="muted">${plural(m.runs.length, 'run')} × ${plural(m.checks.length, 'check')}</div>
    </header>
    <section>
      <h2>Runs</h2>
      ${table(['check', 'level', ...m.runs.map(column)], rows)}
    </section>
    <section>
      <h2>Where the runs came from</h2>
      <ul>
        ${m.runs.map(
          (r) =>
            html`<li>
              <code>${r.label}</code>: <code>${r.handler}</code>${r.runtime ? ` on ${r.runtime}` : ''}, seed
              <code>${r.seed}</code>, started ${r.startedAt}${r.source ? html`, from <code>${r.source}</code>` : ''}
            </li>`,
        )}
      </ul>
    </section>`;
  return page({ title: `Sync Trigger conformance matrix (${plural(m.runs.length, 'run')})`, body, data: m });
}
