/**
 * A session as it ran, for a counterexample: devices are columns, each row one thing one device did or saw (a local
 * edit, a ListRecords, the trigger's event and reply, an UpdateRecords with its SyncCounts, a conflict and its
 * resolution). Rows hold plain text; handler strings in it are hostile, and every renderer escapes them.
 */

/** What a row can record. */
export const TIMELINE_KINDS = [
  'edit',
  'delete',
  'list',
  'conflict',
  'resolve',
  'update',
  'trigger',
  'reply',
  'answer',
  'fault',
  'check',
] as const;

/** What a row records. */
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** One row: the step (1-based; 0 for the checks' own phase after the drawn steps), the device column, and what. */
export interface TimelineRow {
  readonly step: number;
  readonly device: number;
  readonly kind: TimelineKind;
  readonly text: string;
}

/** A session's timeline. */
export interface SessionTimeline {
  readonly devices: readonly string[];
  readonly rows: readonly TimelineRow[];
}

/** Most characters of one row (an event or reply is cut, its end marked). */
export const TIMELINE_TEXT_MAX = 600;

/**
 * Cuts a row's text to {@link TIMELINE_TEXT_MAX} characters.
 * @param s - the text
 */
export function rowText(s: string): string {
  return s.length > TIMELINE_TEXT_MAX ? `${s.slice(0, TIMELINE_TEXT_MAX)}…` : s;
}
