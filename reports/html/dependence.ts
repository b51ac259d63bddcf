/**
 * The undocumented readings the handler's outcome depends on: for each point, the question, which checks hit it,
 * and what the outcome would be under each reading. A handler that depends on one works only if AWS happens to
 * behave the way the chosen reading says.
 */
import type { RunResult } from '../../harness/index.ts';
import { openPoint, type Dependence } from '../../model/index.ts';
import { noDependenceText } from '../format.ts';
import { codeSpans, html, type Html } from './escape.ts';
import { table } from './table.ts';

/** Most characters of one outcome line (they list the resulting dataset). */
const OUTCOME_CHARS = 400;

const clipped = (s: string): string => (s.length > OUTCOME_CHARS ? `${s.slice(0, OUTCOME_CHARS)}…` : s);

/**
 * The dependences of a run, grouped by point, in the registry's order of first appearance.
 * @param run - the run
 */
function dependencesByPoint(run: RunResult): Map<Dependence['point'], { checks: string[]; first: Dependence }> {
  const out = new Map<Dependence['point'], { checks: string[]; first: Dependence }>();
  for (const c of run.checks)
    for (const d of c.dependsOn ?? []) {
      const entry = out.get(d.point);
      if (entry) entry.checks.push(c.id);
      else out.set(d.point, { checks: [c.id], first: d });
    }
  return out;
}

/**
 * A table of one dependence's outcomes, marking the reading the run used.
 * @param d - the dependence
 * @param used - the reading the run used
 */
export function dependenceTable(d: Dependence, used: string): Html {
  const rows = d.outcomes.map(
    (o) =>
      html`<tr class="${o.reading === used ? 'nondefault' : ''}">
        <td><code>${o.reading}</code>${o.reading === used ? ' (used)' : ''}</td>
        <td class="mono">${clipped(o.outcome)}</td>
      </tr>`,
  );
  return table(['reading', 'outcome under it'], rows);
}

/**
 * Renders the section on undocumented behaviour.
 * @param run - the run
 */
export function dependenceSection(run: RunResult): Html {
  const points = dependencesByPoint(run);
  if (!points.size)
    return html`<section id="undocumented">
      <h2>Undocumented behaviour relied on</h2>
      <p class="note">${noDependenceText(run)}</p>
    </section>`;
  const items = [...points].map(([id, { checks, first }]) => {
    const p = openPoint(id);
    return html`<h3><code>${id}</code> (CONTRACT ${p.clause})</h3>
      <p>${codeSpans(p.question)}</p>
      <p class="note">
        Found by ${checks.map((c, i) => html`${i ? ', ' : ''}<code>${c}</code>`)}; outcomes of the first case:
      </p>
      ${dependenceTable(first, run.readings[id])}`;
  });
  return html`<section id="undocumented">
    <h2>Undocumented behaviour relied on</h2>
    <p class="note">
      The outcome of these cases changes with the reading of a point AWS does not document. Each table gives the outcome
      under every reading.
    </p>
    ${items}
  </section>`;
}
