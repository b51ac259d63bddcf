/**
 * The middle step between an abstract scenario and the model's inputs: one row per key with its stored state and
 * the user's patch. Internal to `materializeScenario`.
 */
import { utf8Bytes } from '../../model/index.ts';
import type { Cost } from './budget.ts';
import type { AbstractRecord } from './types.ts';

/** One key: its stored state and the user's patch, if any. */
export interface Row {
  readonly key: string;
  /** `undefined`: not stored; `null`: a tombstone; a string: a live value. */
  readonly stored: string | null | undefined;
  /** The stored record's SyncCount (0 when not stored). */
  readonly syncCount: number;
  readonly patch?: { readonly op: 'replace'; readonly value: string } | { readonly op: 'remove' };
}

/** The value a `replace` writes: the drawn one, or a distinct one when the draw equals the stored value. */
export const distinct = (stored: string, value: string): string =>
  value !== stored ? value : stored === '' ? '0' : '';

/** The row an abstract record stands for. A tombstone's SyncCount is one past its record's last write. */
export function rowOf(r: AbstractRecord): Row {
  const { key, stored, version } = r;
  switch (r.intent) {
    case 'untouched':
      return { key, stored, syncCount: version };
    case 'replace':
      return { key, stored, syncCount: version, patch: { op: 'replace', value: distinct(stored, r.value) } };
    case 'noop-replace':
      return { key, stored, syncCount: version, patch: { op: 'replace', value: stored } };
    case 'remove':
      return { key, stored, syncCount: version, patch: { op: 'remove' } };
    case 'put':
      return { key, stored: undefined, syncCount: 0, patch: { op: 'replace', value: r.value } };
    case 'readd':
      return { key, stored: null, syncCount: version + 1, patch: { op: 'replace', value: r.value } };
    case 'tombstone':
      return { key, stored: null, syncCount: version + 1 };
    case 'remove-tombstone':
      return { key, stored: null, syncCount: version + 1, patch: { op: 'remove' } };
  }
}

/** The live value after the user's patch, or `undefined` when the key is not live afterwards. */
export function valueAfter(row: Row): string | undefined {
  if (row.patch?.op === 'replace') return row.patch.value;
  if (row.patch?.op === 'remove') return undefined;
  return row.stored ?? undefined;
}

/** What a row adds to the limits: a live record counts its key and value, a tombstone its key only [SDK]. */
export function costOf(row: Row): Cost {
  const k = utf8Bytes(row.key);
  const after = valueAfter(row);
  const stored = row.stored;
  return {
    liveBefore: typeof stored === 'string' ? 1 : 0,
    liveAfter: after === undefined ? 0 : 1,
    bytesBefore: stored === undefined ? 0 : k + (stored === null ? 0 : utf8Bytes(stored)),
    bytesAfter: after !== undefined ? k + utf8Bytes(after) : stored === undefined ? 0 : k,
  };
}
