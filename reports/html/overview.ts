/** The top of the report: the verdict, the counts, what was run and how, and the table of checks. */
import type { CheckResult, RunResult } from '../../harness/index.ts';
import { OPEN_POINTS } from '../../model/index.ts';
import {
  capitalize,
  formatMs,
  OUTCOME_TEXT,
  readingsSplitText,
  selectionText,
  stoppedText,
  VERDICT_TEXT,
  verdictNote,
  verdictOf,
} from '../format.ts';
import { codeSpans, html, type Html } from './escape.ts';
import { table, th } from './table.ts';

/**
 * An outcome as a coloured pill with its word (the colour is never the only signal).
 * @param outcome - a check outcome
 */
export function pill(outcome: CheckResult['outcome']): Html {
  return html`<span class="pill o-${outcome}">${OUTCOME_TEXT[outcome]}</span>`;
}

/**
 * The verdict banner with the counts.
 * @param run - the run
 */
export function verdictHeader(run: RunResult): Html {
  const s = run.summary;
  const verdict = verdictOf(run);
  const note = verdictNote(run);
  const stopped = stoppedText(run);
  // Readings are registry ids, never handler text; the backticks become code spans.
  const split = readingsSplitText(run, (r) => `\`${r}\``);
  const chips: [string, number][] = [
    ['passed', s.passed],
    ['failed', s.failed],
    ['errored', s.errored],
    ['timed out', s.timedOut],
    ['skipped', s.skipped],
  ];
  const subset = selectionText(run);
  const marked = subset ? html` <span class="subset">(${subset})</span>` : '';
  return html`<header class="verdict v-${verdict}${subset ? ' subset' : ''}">
    <h1>Sync Trigger conformance</h1>
    <div class="verdict-word">${VERDICT_TEXT[verdict]}${marked}</div>
    <div>
      <code>${run.target.handler}</code>
      <span class="muted"
        >${[run.target.runtime, `seed ${run.options.seed}`, run.startedAt].filter(Boolean).join(' · ')}</span
      >
    </div>
    <ul class="chips">
      <li><strong>${s.total}</strong> ${s.total === 1 ? 'check' : 'checks'}</li>
      ${chips.filter(([, n]) => n > 0).map(([w, n]) => html`<li><strong>${n}</strong> ${w}</li>`)}
      <li>must checks passed <strong>${s.mustPassed}/${s.mustTotal}</strong></li>
    </ul>
    ${note ? html`<p class="note">${note}</p>` : ''}
    ${stopped ? html`<p class="note stopped">${capitalize(stopped)}.</p>` : ''}
    ${split ? html`<p class="note rests-on">${codeSpans(`${capitalize(split)}.`)}</p>` : ''}
  </header>`;
}

const fact = (term: string, value: Html | string | undefined): Html | undefined =>
  value === undefined || value === ''
    ? undefined
    : html`<dt>${term}</dt>
        <dd>${value}</dd>`;

/** Every undocumented point with the reading the model used; points set away from their default come first. */
function readingsTable(run: RunResult): Html {
  const rows = [...OPEN_POINTS]
    .sort((a, b) => Number(run.nonDefaultReadings.includes(b.id)) - Number(run.nonDefaultReadings.includes(a.id)))
    .map((p) => {
      const used = run.readings[p.id];
      const nonDefault = run.nonDefaultReadings.includes(p.id);
      const summary = p.readings.find((r) => r.id === used)?.summary ?? '';
      return html`<tr class="${nonDefault ? 'nondefault' : ''}">
        <td><code>${p.id}</code></td>
        <td>
          <code>${used}</code>${nonDefault ? html` <strong>(not the default)</strong>` : ''}
          <div class="note">${codeSpans(summary)}</div>
        </td>
        <td>${codeSpans(p.question)}</td>
      </tr>`;
    });
  return html`<details class="sub">
    <summary>Readings of all ${OPEN_POINTS.length} undocumented points</summary>
    ${table(['point', 'reading used', 'question'], rows)}
  </details>`;
}

/**
 * What was run against what, with which seed and readings.
 * @param run - the run
 */
export function overview(run: RunResult): Html {
  const t = run.target;
  const o = run.options;
  const readings = run.nonDefaultReadings.length
    ? html`${run.nonDefaultReadings.map((p, i) => html`${i ? ', ' : ''}<code>${p}=${run.readings[p]}</code>`)}`
    : 'the defaults';
  return html`<section id="overview">
    <h2>Overview</h2>
    <dl class="facts">
      ${fact('Target', `${t.kind}: ${t.description}`)} ${fact('Handler', html`<code>${t.handler}</code>`)}
      ${fact('Runtime', t.runtime)} ${fact('Handler style', t.handlerStyle)}
      ${fact('Seed', html`<code>${o.seed}</code>`)} ${fact('Runs per check', String(o.runs))}
      ${fact('Strict', o.strict ? 'yes: should failures also make the run non-conformant' : 'no')}
      ${fact('Time budget', o.timeBudgetMs === undefined ? undefined : formatMs(o.timeBudgetMs))}
      ${fact('Checks selected', o.checks?.join(', '))} ${fact('Checks excluded', o.exclude?.join(', '))}
      ${fact('Readings', readings)} ${fact('Started', run.startedAt)} ${fact('Duration', formatMs(run.durationMs))}
      ${fact('Tool', `${run.tool.name} ${run.tool.version}`)}
      ${fact('Environment', `node ${run.environment.node}, ${run.environment.platform}`)}
    </dl>
    ${readingsTable(run)}
  </section>`;
}

/**
 * The table of checks, each linking to its details.
 * @param run - the run
 * @param anchors - the element id of each check's details, by index
 */
export function checksTable(run: RunResult, anchors: readonly string[]): Html {
  const rows = run.checks.map(
    (c, i) =>
      html`<tr>
        <td>${pill(c.outcome)}</td>
        <td>${c.level}</td>
        <td>
          <a href="#${anchors[i] ?? ''}"><code>${c.id}</code></a>
        </td>
        <td>${c.title}</td>
        <td class="num">${c.runs}</td>
        <td class="num">${formatMs(c.durationMs)}</td>
      </tr>`,
  );
  return html`<section id="checks-table">
    <h2>Checks</h2>
    ${table(['outcome', 'level', 'check', 'title', th('runs', 'num'), th('time', 'num')], rows)}
  </section>`;
}
