/**
 * What the handler acts on: the record keys and dataset names discovery found (in its source, seen looked up, or
 * declared), where each came from, how the keys came up in the events (a null entry, a removal, …) and which input
 * classes the cases carrying each dataset name had — so a reader sees that the handler's own keys were put through
 * every fate and its dataset branches through every class, or what none of them met.
 */
import type { RunResult } from '../../harness/index.ts';
import { datasetNamesExercisedOf, discoveryText, keysExercisedOf } from '../format.ts';
import { html, type Html } from './escape.ts';
import { table } from './table.ts';

const FATES = ['new', 'replace', 'untouched', 'remove', 'null-entry', 'absent'] as const;
const SOURCE = { source: 'its source', lookup: 'looked up', config: 'declared' } as const;

/**
 * Renders the discovery section (nothing for a run that did not look).
 * @param run - the run
 */
export function discoverySection(run: RunResult): Html {
  const d = run.discovery;
  if (!d) return html``;
  const fates = keysExercisedOf(run);
  const keyRows = d.keys.map(
    (k) =>
      html`<tr>
        <td><code>${k.value}</code></td>
        <td>${SOURCE[k.source]}${k.at ? html` (<code>${k.at}</code>)` : ''}</td>
        ${FATES.map((f) => html`<td class="num">${fates[k.value]?.[f] ?? 0}</td>`)}
      </tr>`,
  );
  const byName = datasetNamesExercisedOf(run);
  const nameRows = d.datasetNames.map((n) => {
    const counts = byName[n.value] ?? {};
    const classes = Object.entries(counts)
      .filter(([c]) => c !== 'events')
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    return html`<tr>
      <td><code>${n.value}</code></td>
      <td>${SOURCE[n.source]}${n.at ? html` (<code>${n.at}</code>)` : ''}</td>
      <td class="num">${counts.events ?? 0}</td>
      <td>${classes.length ? classes.map(([c, k], i) => html`${i ? ', ' : ''}${c} ${k}`) : 'none'}</td>
    </tr>`;
  });
  return html`<section id="discovery">
    <h2>What the handler acts on</h2>
    <p class="note">${discoveryText(run) ?? ''}.</p>
    ${d.keys.length ? table(['key', 'found', ...FATES.map((f) => `${f} (cases)`)], keyRows) : ''}
    ${d.datasetNames.length ? table(['dataset name', 'found', 'events (cases)', 'input classes of those cases'], nameRows) : ''}
  </section>`;
}
