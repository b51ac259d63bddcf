/**
 * Expands a bulk group into rows, cut to what the limits leave (CONTRACT.md §3). Deterministic: the same group and
 * budget give the same rows, so a 1,024-record dataset is a few numbers to shrink. Internal to
 * `materializeScenario`.
 */
import { MAX_DATASET_BYTES, MAX_RECORDS, utf8Bytes } from '../../model/index.ts';
import type { Budget, Cost } from './budget.ts';
import type { Row } from './rows.ts';
import { repeated } from './strings.ts';
import type { BulkChar, BulkGroup } from './types.ts';

/** Bulk keys are `b<group>.<index>` padded with `_`; no individually drawn key may look like one. */
export const BULK_KEY = /^b\d\.\d{4}_*$/;
const MIN_KEY = 7;

/** The replacement of each bulk character by one of the same UTF-8 size, so a bulk `replace` keeps its bytes. */
const OTHER: Record<BulkChar, string> = { x: 'y', é: 'è', 中: '文', '😀': '😁' };

/** Which sides a record of the group is live on, and whether it carries a value on each. */
function sides(intent: BulkGroup['intent']): { before: 0 | 1; after: 0 | 1; keyBefore: 0 | 1; keyAfter: 0 | 1 } {
  switch (intent) {
    case 'untouched':
    case 'replace':
      return { before: 1, after: 1, keyBefore: 1, keyAfter: 1 };
    case 'remove':
      return { before: 1, after: 0, keyBefore: 1, keyAfter: 1 };
    case 'put':
      return { before: 0, after: 1, keyBefore: 0, keyAfter: 1 };
    case 'tombstone':
      return { before: 0, after: 0, keyBefore: 1, keyAfter: 1 };
  }
}

function costPer(g: BulkGroup, keyBytes: number, valueBytes: number): Cost {
  const s = sides(g.intent);
  return {
    liveBefore: s.before,
    liveAfter: s.after,
    bytesBefore: s.keyBefore * keyBytes + s.before * valueBytes,
    bytesAfter: s.keyAfter * keyBytes + s.after * valueBytes,
  };
}

/** The longest value (in characters of `char`) that `n` records can each carry within the byte budget. */
function fillLength(g: BulkGroup, budget: Budget, n: number, keyBytes: number, charBytes: number): number {
  const s = sides(g.intent);
  if (n === 0 || (!s.before && !s.after)) return 0;
  let chars = MAX_DATASET_BYTES;
  if (s.before) chars = Math.min(chars, (MAX_DATASET_BYTES - budget.bytesBefore - n * keyBytes) / (n * charBytes));
  if (s.after) chars = Math.min(chars, (MAX_DATASET_BYTES - budget.bytesAfter - n * keyBytes) / (n * charBytes));
  return Math.max(0, Math.floor(chars));
}

/**
 * The rows of bulk group number `index`, as many as fit; adds them to `budget`.
 * @param g - the group
 * @param index - its position in the scenario (0–9), which names its keys
 * @param budget - the totals so far; updated
 */
export function expandBulk(g: BulkGroup, index: number, budget: Budget): Row[] {
  const keyBytes = Math.max(MIN_KEY, g.keyLength);
  const charBytes = utf8Bytes(g.char);
  const wanted = g.count === 'fill' ? MAX_RECORDS : g.count;
  const fixedLength = g.valueLength === 'fill' ? 0 : g.valueLength;
  const n = budget.room(costPer(g, keyBytes, fixedLength * charBytes), wanted);
  const length = g.valueLength === 'fill' ? fillLength(g, budget, n, keyBytes, charBytes) : fixedLength;
  budget.tryAdd(costPer(g, keyBytes, length * charBytes), n);
  const oldValue = repeated(g.char, length);
  const newValue = g.intent === 'replace' ? repeated(OTHER[g.char], length) : oldValue;
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const key = `b${index}.${String(i).padStart(4, '0')}`.padEnd(keyBytes, '_');
    rows.push(rowFor(g, key, oldValue, newValue));
  }
  return rows;
}

function rowFor(g: BulkGroup, key: string, oldValue: string, newValue: string): Row {
  switch (g.intent) {
    case 'untouched':
      return { key, stored: oldValue, syncCount: g.version };
    case 'replace':
      return { key, stored: oldValue, syncCount: g.version, patch: { op: 'replace', value: newValue } };
    case 'remove':
      return { key, stored: oldValue, syncCount: g.version, patch: { op: 'remove' } };
    case 'put':
      return { key, stored: undefined, syncCount: 0, patch: { op: 'replace', value: newValue } };
    case 'tombstone':
      return { key, stored: null, syncCount: g.version + 1 };
  }
}
