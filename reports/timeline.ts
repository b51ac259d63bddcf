/**
 * A session's timeline as text: one lane per device, one row per thing a device did or saw. Row text comes from the
 * handler's events and replies: it goes through `terminalLine`, like everything the handler controls.
 */
import type { SessionTimeline } from '../model/index.ts';
import { clip } from './elide.ts';
import { terminalLine } from './visible.ts';

/** How much of a timeline a terminal shows; report.json and the HTML report hold all of it. */
const TIMELINE_TEXT_LIMITS = { rows: 80, row: 200 } as const;

/**
 * The lines of a timeline: a head naming the device lanes, then `step  lanes  text` rows, the acting device's lane
 * marked `●`.
 * @param t - the timeline
 * @param indent - the indent of every line
 */
export function timelineLines(t: SessionTimeline, indent: string): string[] {
  const width = Math.max(2, ...t.devices.map((_, i) => `d${String(i)}`.length)) + 1;
  const lanes = (device: number): string => t.devices.map((_, i) => (i === device ? '●' : '│').padEnd(width)).join('');
  const head = `${indent}step  ${t.devices.map((_, i) => `d${String(i)}`.padEnd(width)).join('')}  (${t.devices
    .map((d, i) => `d${String(i)} = ${terminalLine(d)}`)
    .join(', ')}; step 0: the check's own syncs)`;
  const shown = t.rows.slice(0, TIMELINE_TEXT_LIMITS.rows);
  const rows = shown.map((r, i) => {
    const same = i > 0 && shown[i - 1]?.step === r.step;
    const step = same ? '' : String(r.step);
    return `${indent}${step.padStart(4)}  ${lanes(r.device)}  ${r.kind.padEnd(8)} ${terminalLine(clip(r.text, TIMELINE_TEXT_LIMITS.row))}`;
  });
  const more = t.rows.length - shown.length;
  return [head, ...rows, ...(more > 0 ? [`${indent}… ${String(more)} more rows in report.json`] : [])];
}
