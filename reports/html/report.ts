/** `index.html`: the whole run as one self-contained page. */
import type { RunResult } from '../../harness/index.ts';
import { verdictTitle } from '../format.ts';
import { failureCases, type FailureCase } from '../replay/paths.ts';
import { renderRegressionTest } from '../replay/regressionTest.ts';
import { checkDetail } from './check.ts';
import { coverageSection } from './coverage.ts';
import { dependenceSection } from './dependence.ts';
import { discoverySection } from './discovery.ts';
import { handlerCoverageSection } from './handlerCoverage.ts';
import { anchorId, html } from './escape.ts';
import { page } from './layout.ts';
import { latencySection } from './latency.ts';
import { checksTable, overview, verdictHeader } from './overview.ts';
import { rootCauseSection } from './rootCauses.ts';

/**
 * Renders `index.html`: the verdict and overview, the checks with every counterexample (event, replies,
 * record-level diff, replay command), latency, coverage and the undocumented behaviour relied on. Huge texts are
 * cut in the page (a 1 MB event would bury it); the whole of each is in `report.json` and the per-failure files.
 * @param run - the run
 * @example
 * await writeFile('index.html', renderHtml(run));
 */
export function renderHtml(run: RunResult): string {
  const used = new Set<string>();
  const anchors = run.checks.map((c) => anchorId('check', c.id, used));
  const cases = failureCases(run);
  const failuresOf = (id: string): FailureCase[] => cases.filter((f) => f.check.id === id);
  const regression = renderRegressionTest(run) !== undefined;
  const troubled = run.checks.some((c) => c.outcome !== 'pass' && c.outcome !== 'skip');
  const anchorOf = (id: string): string => anchors[run.checks.findIndex((c) => c.id === id)] ?? '';
  const body = html`${verdictHeader(run)} ${rootCauseSection(run, anchorOf)} ${overview(run)}
    ${checksTable(run, anchors)}
    <section id="details">
      <h2>Details</h2>
      <div class="tools" data-js hidden>
        ${troubled ? html`<button type="button" id="expand-failures">Expand failures and errors</button>` : ''}<button
          type="button"
          id="collapse-all"
        >
          Collapse all
        </button>
      </div>
      ${run.checks.map((c, i) => checkDetail(c, anchors[i] ?? `check-${i}`, run, failuresOf(c.id), regression))}
    </section>
    ${handlerCoverageSection(run)} ${discoverySection(run)} ${dependenceSection(run)} ${latencySection(run)}
    ${coverageSection(run)}
    <footer>
      ${run.tool.name} ${run.tool.version} · report schema ${run.schemaVersion} · run started ${run.startedAt} · the
      whole run: <code>report.json</code>
    </footer>`;
  return page({ title: `Sync Trigger conformance: ${verdictTitle(run)} — ${run.target.handler}`, body });
}
