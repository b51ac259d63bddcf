/**
 * A session's timeline as an inline SVG sequence diagram: one lifeline per device, one for Cognito Sync and one for
 * the Sync Trigger; each row an arrow (ListRecords, UpdateRecords with its SyncCounts, the trigger's event and
 * reply, the answer) or a note on a device (edit, delete, conflict, resolution, fault). No external asset; every
 * text goes through the `html` tag, so handler strings stay text. A long row is cut; its whole text is its tooltip.
 */
import type { SessionTimeline, TimelineRow } from '../../model/index.ts';
import { html, type Html } from './escape.ts';

const LANE = 190;
const LEFT = 44;
const TOP = 40;
const ROW = 22;
/** Characters of a row shown on the diagram (its tooltip holds the row whole). */
const ROW_CHARS = 64;
/** Rows drawn; report.json and the table below hold every row. */
const SVG_ROWS = 200;

const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Which lanes a row's arrow joins, or undefined for a note on its device. */
function arrow(r: TimelineRow, service: number, trigger: number): readonly [number, number] | undefined {
  switch (r.kind) {
    case 'list':
    case 'update':
      return [r.device, service];
    case 'answer':
      return [service, r.device];
    case 'trigger':
      return [service, trigger];
    case 'reply':
      return [trigger, service];
    default:
      return undefined;
  }
}

function rowSvg(
  r: TimelineRow,
  i: number,
  lanes: { x: (lane: number) => number; service: number; trigger: number },
  stepShown: boolean,
): Html {
  const y = TOP + ROW * (i + 1);
  const step = stepShown
    ? html`<text class="tl-step" x="6" y="${y}">${r.step === 0 ? 'check' : String(r.step)}</text>`
    : '';
  const ends = arrow(r, lanes.service, lanes.trigger);
  const tip = html`<title>${r.text}</title>`;
  if (!ends) {
    const x = lanes.x(r.device);
    return html`<g class="tl-note tl-${r.kind}"
      >${tip}${step}
      <circle cx="${x}" cy="${y - 4}" r="3.5"></circle>
      <text x="${x + 8}" y="${y}">${cut(r.text.startsWith(r.kind) ? r.text : `${r.kind}: ${r.text}`, ROW_CHARS)}</text>
    </g>`;
  }
  const [from, to] = [lanes.x(ends[0]), lanes.x(ends[1])];
  const dir = to > from ? -6 : 6;
  const left = Math.min(from, to);
  return html`<g class="tl-arrow tl-${r.kind}"
    >${tip}${step}
    <line x1="${from}" y1="${y}" x2="${to}" y2="${y}"></line>
    <polygon points="${to},${y} ${to + dir},${y - 4} ${to + dir},${y + 4}"></polygon>
    <text x="${left + 6}" y="${y - 4}">${cut(r.text, ROW_CHARS)}</text>
  </g>`;
}

/**
 * The diagram.
 * @param t - the timeline
 */
export function timelineSvg(t: SessionTimeline): Html {
  const names = [...t.devices, 'Cognito Sync', 'Sync Trigger'];
  const service = t.devices.length;
  const trigger = service + 1;
  const x = (lane: number): number => LEFT + LANE / 2 + lane * LANE;
  const rows = t.rows.slice(0, SVG_ROWS);
  const width = LEFT + names.length * LANE + 200;
  const height = TOP + ROW * (rows.length + 1) + 10;
  const heads = names.map(
    (n, lane) =>
      html`<text class="tl-head" x="${x(lane)}" y="18" text-anchor="middle">${cut(n, 28)}</text>
        <line class="tl-life" x1="${x(lane)}" y1="26" x2="${x(lane)}" y2="${height - 4}"></line>`,
  );
  const body = rows.map((r, i) => rowSvg(r, i, { x, service, trigger }, i === 0 || rows[i - 1]?.step !== r.step));
  return html`<div class="timeline">
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-label="The session as a sequence diagram"
      width="${width}"
      height="${height}"
      viewBox="0 0 ${width} ${height}"
    >
      ${heads} ${body}
    </svg>
    ${
      t.rows.length > rows.length
        ? html`<p class="note">
            The first ${rows.length} of ${t.rows.length} rows; <code>report.json</code> holds all of them.
          </p>`
        : ''
    }
  </div>`;
}
