/** `index.html`: the whole run as one self-contained page. */
import type { RunResult } from '../../harness/index.ts';
import { VERDICT_TEXT, verdictOf } from '../format.ts';
import { checkDetail } from './check.ts';
import { coverageSection } from './coverage.ts';
import { dependenceSection } from './dependence.ts';
import { anchorId, html } from './escape.ts';
import { page } from './layout.ts';
import { latencySection } from './latency.ts';
import { checksTable, overview, verdictHeader } from './overview.ts';

/**
 * Renders `index.html`: the verdict and overview, the checks with every counterexample (event, replies,
 * record-level diff, replay command), latency, coverage and the undocumented behaviour relied on. The run itself
 * is embedded as JSON, so the page alone is a complete record of the run.
 * @param run - the run
 * @example
 * await writeFile('index.html', renderHtml(run));
 */
export function renderHtml(run: RunResult): string {
  const used = new Set<string>();
  const anchors = run.checks.map((c) => anchorId('check', c.id, used));
  const failing = run.checks.some((c) => c.outcome === 'fail');
  const body = html`${verdictHeader(run)} ${overview(run)} ${checksTable(run, anchors)}
    <section id="details">
      <h2>Details</h2>
      <div class="tools" data-js hidden>
        ${failing ? html`<button type="button" id="expand-failures">Expand failures</button>` : ''}<button
          type="button"
          id="collapse-all"
        >
          Collapse all
        </button>
      </div>
      ${run.checks.map((c, i) => checkDetail(c, i, anchors[i] ?? `check-${i}`, run))}
    </section>
    ${dependenceSection(run)} ${latencySection(run)} ${coverageSection(run)}
    <footer>
      ${run.tool.name} ${run.tool.version} · report schema ${run.schemaVersion} · run started ${run.startedAt}
    </footer>`;
  return page({
    title: `Sync Trigger conformance: ${VERDICT_TEXT[verdictOf(run)]} — ${run.target.handler}`,
    body,
    data: run,
  });
}
