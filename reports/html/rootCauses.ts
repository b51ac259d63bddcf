/**
 * The root causes of a run, first thing after the verdict: one row per bug, with the checks it showed in (linked
 * to their details) and the check its smallest counterexample is in. Six checks failing on one crash read as one.
 */
import type { RunResult } from '../../harness/index.ts';
import { rootCausesText } from '../format.ts';
import { html, type Html } from './escape.ts';
import { table } from './table.ts';

/**
 * Renders the root-cause section (nothing when the run has no failure).
 * @param run - the run
 * @param anchorOf - the element id of a check's details
 */
export function rootCauseSection(run: RunResult, anchorOf: (checkId: string) => string): Html {
  if (!run.rootCauses.length) return html``;
  const link = (id: string): Html => html`<a href="#${anchorOf(id)}"><code>${id}</code></a>`;
  const rows = run.rootCauses.map(
    (c) =>
      html`<tr id="${c.id}">
        <td><strong>${c.id}</strong></td>
        <td>${c.level}</td>
        <td>${c.title}</td>
        <td>${link(c.home)}</td>
        <td>${c.checks.filter((id) => id !== c.home).map((id, i) => html`${i ? ', ' : ''}${link(id)}`)}</td>
        <td>${link(c.example.check)}</td>
      </tr>`,
  );
  return html`<section id="root-causes">
    <h2>Root causes</h2>
    <p class="note">
      ${rootCausesText(run) ?? ''}: each bug once, counted under the check that needs the least to show it.
    </p>
    ${table(['', 'level', 'what fails', 'counted under', 'also seen in', 'smallest case in'], rows, 'root-causes')}
  </section>`;
}
