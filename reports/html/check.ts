/** One check as an expandable `<details>`: its facts, any trouble, the counterexample, coverage and dependences. */
import type { CheckResult, RunResult } from '../../harness/index.ts';
import { formatMs, plural, rootCauseOf, troubleText } from '../format.ts';
import type { FailureCase } from '../replay/paths.ts';
import { counterexampleDetail } from './counterexample.ts';
import { dependenceTable } from './dependence.ts';
import { html, type Html } from './escape.ts';
import { pill } from './overview.ts';

/** One failure of a check: the root cause it belongs to, then its counterexample. */
function failureDetail(run: RunResult, f: FailureCase, id: string, regression: boolean): Html {
  const cause = rootCauseOf(run, f.failure.signature);
  const home = cause && cause.home !== f.check.id ? html` (counted under <code>${cause.home}</code>)` : '';
  return html`<h4 class="failure-title">
      ${cause ? html`<a href="#${cause.id}">${cause.id}</a> ` : ''}${f.failure.title}${home}
    </h4>
    ${counterexampleDetail(f, id, regression, run.readings)}`;
}

function facts(c: CheckResult): Html {
  const l = c.latency;
  const latency = l
    ? ` · ${plural(l.count, 'reply', 'replies')}, p50 ${formatMs(l.p50)}, p99 ${formatMs(l.p99)}, max ${formatMs(l.max)}${l.coldStarts ? `, ${l.coldStarts} cold${l.coldMs !== undefined ? ` (${formatMs(l.coldMs)})` : ''}` : ''}`
    : '';
  return html`<p class="note">
    ${c.level} · ${c.basis} · CONTRACT ${c.clause} · check seed <code>${c.seed}</code> · ${plural(c.runs, 'run')} ·
    ${formatMs(c.durationMs)}${latency}
  </p>`;
}

function trouble(c: CheckResult): Html {
  const t = troubleText(c);
  if (t === undefined) return html``;
  if (c.outcome === 'error')
    return html`<h4>The harness could not finish this check</h4>
      <p class="note">This is not a verdict on the handler; the check did not pass either.</p>
      <pre class="wrap">${t}</pre>`;
  const word = c.outcome === 'timeout' ? 'Stopped' : c.outcome === 'incomplete' ? 'Incomplete' : 'Skipped';
  return html`<p><strong>${word}:</strong> ${t}</p>`;
}

function coverage(c: CheckResult): Html {
  const entries = Object.entries(c.coverage).sort(([a], [b]) => (a < b ? -1 : 1));
  if (!entries.length) return html``;
  return html`<p class="note">
    Input classes reached: ${entries.map(([k, n], i) => html`${i ? ', ' : ''}<code>${k}</code> ×${n}`)}
  </p>`;
}

function depends(c: CheckResult, run: RunResult): Html {
  if (!c.dependsOn?.length) return html``;
  return html`<h4>Depends on undocumented behaviour</h4>
    ${c.dependsOn.map(
      (d) =>
        html`<p><code>${d.point}</code></p>
          ${dependenceTable(d, run.readings[d.point])}`,
    )}`;
}

/**
 * Renders one check's details.
 * @param c - the check result
 * @param id - the element id of the `<details>`
 * @param run - the run (for the readings used)
 * @param failures - its failing cases and replay files (none unless it failed)
 * @param regression - whether the run's regression test replays its cases
 */
export function checkDetail(
  c: CheckResult,
  id: string,
  run: RunResult,
  failures: readonly FailureCase[],
  regression: boolean,
): Html {
  return html`<details class="check ${c.outcome}" id="${id}">
    <summary>
      ${pill(c.outcome)} <code>${c.id}</code> <span class="check-title">${c.title}</span>
      <span class="muted">${c.level} · ${formatMs(c.durationMs)}</span>
    </summary>
    <div class="check-body">
      ${facts(c)} ${trouble(c)}
      ${failures.map((f, i) => failureDetail(run, f, failures.length > 1 ? `${id}-f${String(i + 1)}` : id, regression))}
      ${depends(c, run)} ${coverage(c)}
    </div>
  </details>`;
}
