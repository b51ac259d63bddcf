/**
 * The latency of each check as an inline SVG on a log scale (handler times span microseconds to seconds), with the
 * service's 5 s deadline drawn in: min–max as a line, p50–p90 as a box, p99 as a tick.
 */
import type { CheckResult, RunResult } from '../../harness/index.ts';
import { HANDLER_DEADLINE_MS } from '../../model/index.ts';
import { formatMs } from '../format.ts';
import { html, type Html } from './escape.ts';
import { table, th } from './table.ts';

const W = 1000;
const LABEL = 280;
const RIGHT = 24;
const ROW = 22;
const TOP = 10;
const AXIS = 34;

const tickLabel = (ms: number): string => (ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`);

/** A log10 scale from the decade below the fastest time to the decade above the slowest (or the deadline). */
function scale(checks: readonly CheckResult[]): { x: (ms: number) => number; ticks: number[] } {
  const stats = checks.flatMap((c) => (c.latency ? [c.latency] : []));
  const lo = 10 ** Math.floor(Math.log10(Math.max(0.01, Math.min(...stats.map((s) => s.min)))));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(HANDLER_DEADLINE_MS, ...stats.map((s) => s.max))));
  const span = Math.log10(hi) - Math.log10(lo);
  const x = (ms: number): number =>
    Math.round((LABEL + ((Math.log10(Math.max(ms, lo)) - Math.log10(lo)) / span) * (W - LABEL - RIGHT)) * 10) / 10;
  const ticks: number[] = [];
  for (let t = lo; t <= hi * 1.0001; t *= 10) ticks.push(Number(t.toPrecision(1)));
  return { x, ticks };
}

/**
 * Renders the latency chart and its table of numbers, or a note when no check recorded replies.
 * @param run - the run
 */
export function latencySection(run: RunResult): Html {
  const rows = run.checks.filter((c) => c.latency && c.latency.count > 0);
  if (!rows.length)
    return html`<section id="latency">
      <h2>Latency</h2>
      <p class="note">No replies were timed.</p>
    </section>`;
  const { x, ticks } = scale(rows);
  const h = TOP + rows.length * ROW + AXIS;
  const axisY = TOP + rows.length * ROW;
  const bars = rows.map((c, i) => {
    const s = c.latency;
    if (!s) return html``;
    const y = TOP + i * ROW;
    const mid = y + ROW / 2;
    return html`<g
      ><title>
        ${c.id}: p50 ${formatMs(s.p50)}, p90 ${formatMs(s.p90)}, p99 ${formatMs(s.p99)}, max ${formatMs(s.max)}
      </title>
      <text x="${LABEL - 8}" y="${mid + 4}" text-anchor="end">${c.id}</text>
      <line class="range" x1="${x(s.min)}" x2="${x(s.max)}" y1="${mid}" y2="${mid}" />
      <rect class="box" x="${x(s.p50)}" y="${mid - 6}" width="${Math.max(2, x(s.p90) - x(s.p50))}" height="12" />
      <line class="p99" x1="${x(s.p99)}" x2="${x(s.p99)}" y1="${mid - 7}" y2="${mid + 7}"
    /></g>`;
  });
  const grid = ticks.map(
    (t) =>
      html`<line class="axis" x1="${x(t)}" x2="${x(t)}" y1="${TOP}" y2="${axisY}" /><text
          x="${x(t)}"
          y="${axisY + 14}"
          text-anchor="middle"
          >${tickLabel(t)}</text
        >`,
  );
  const dx = x(HANDLER_DEADLINE_MS);
  const numbers = rows.map((c) => {
    const s = c.latency;
    return s
      ? html`<tr>
          <td><code>${c.id}</code></td>
          <td class="num">${s.count}</td>
          <td class="num">${formatMs(s.min)}</td>
          <td class="num">${formatMs(s.p50)}</td>
          <td class="num">${formatMs(s.p90)}</td>
          <td class="num">${formatMs(s.p99)}</td>
          <td class="num">${formatMs(s.max)}</td>
          <td class="num">${s.coldStarts}</td>
        </tr>`
      : '';
  });
  return html`<section id="latency">
    <h2>Latency</h2>
    <p class="note">
      Per check, log scale: line min–max, box p50–p90, tick p99; the dashed line is the ${formatMs(HANDLER_DEADLINE_MS)}
      deadline of Cognito Sync. Cold starts count in min–max only.
    </p>
    <svg class="chart" viewBox="0 0 ${W} ${h}" role="img" aria-label="Reply latency per check">
      ${grid}
      <line class="deadline" x1="${dx}" x2="${dx}" y1="${TOP - 6}" y2="${axisY}" />
      <text class="deadline-label" x="${dx - 4}" y="${axisY + 28}" text-anchor="end">deadline</text>
      ${bars}
    </svg>
    <details class="sub">
      <summary>Numbers</summary>
      ${table(
        ['check', ...['replies', 'min', 'p50', 'p90', 'p99', 'max', 'cold starts'].map((h) => th(h, 'num'))],
        numbers,
      )}
    </details>
  </section>`;
}
