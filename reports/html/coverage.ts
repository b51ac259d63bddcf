/**
 * Coverage of generated input classes: how often the run reached each class (empty dataset, null entries,
 * 1,024 records, …), and the known classes it never reached, which are the blind spots of this run.
 */
import type { RunResult } from '../../harness/index.ts';
import { FORCEABLE_CLASSES, OBSERVED_CLASSES } from '../../generators/index.ts';
import { html, type Html } from './escape.ts';
import { table, th } from './table.ts';

/**
 * Sums the coverage of every check.
 * @param run - the run
 */
function totalCoverage(run: RunResult): Map<string, number> {
  const total = new Map<string, number>();
  for (const c of run.checks) for (const [k, n] of Object.entries(c.coverage)) total.set(k, (total.get(k) ?? 0) + n);
  return total;
}

/**
 * A small horizontal bar (SVG attributes, not inline styles, which the page's CSP forbids).
 * @param n - the value
 * @param max - the value of a full bar
 */
function bar(n: number, max: number): Html {
  const w = max > 0 ? Math.max(n > 0 ? 1 : 0, Math.round((n / max) * 120)) : 0;
  return html`<svg class="bar" width="120" height="10" viewBox="0 0 120 10" aria-hidden="true">
    <rect width="${w}" height="10" rx="2" />
  </svg>`;
}

/**
 * Renders the coverage section.
 * @param run - the run
 */
export function coverageSection(run: RunResult): Html {
  const total = totalCoverage(run);
  if (!total.size)
    return html`<section id="coverage">
      <h2>Coverage of generated inputs</h2>
      <p class="note">No check recorded input classes.</p>
    </section>`;
  const known: readonly string[] = [...FORCEABLE_CLASSES, ...OBSERVED_CLASSES];
  const names = [...new Set([...known, ...total.keys()])];
  const max = Math.max(...total.values());
  const rows = names
    .map((k) => ({ k, n: total.get(k) ?? 0 }))
    .sort((a, b) => b.n - a.n || (a.k < b.k ? -1 : 1))
    .map(
      ({ k, n }) =>
        html`<tr class="${n ? '' : 'unreached'}">
          <td><code>${k}</code></td>
          <td class="num">${n}</td>
          <td>${bar(n, max)}</td>
          <td>
            ${
              n ? run.checks.filter((c) => Object.prototype.hasOwnProperty.call(c.coverage, k)).length : 'never reached'
            }
          </td>
        </tr>`,
    );
  return html`<section id="coverage">
    <h2>Coverage of generated inputs</h2>
    <p class="note">
      Generated cases per input class over all checks (shrinking not counted). A class never reached was not tested by
      this run.
    </p>
    ${table(['input class', th('cases', 'num'), '', 'checks reaching it'], rows)}
  </section>`;
}
