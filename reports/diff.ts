/**
 * The record-level diff of a counterexample: for every key, the value stored before the update, the value the
 * user meant (expected) and the value this reply leaves (resulting). The Markdown and HTML reports both draw it.
 */
import type { Counterexample } from '../harness/index.ts';
import type { DatasetValues } from '../model/index.ts';

/** How a value differs from the stored one. */
export type ValueChange = 'added' | 'removed' | 'changed' | 'same' | 'absent';

/** One key of the diff. `undefined` means the record is not live in that dataset. */
export interface DiffRow {
  readonly key: string;
  readonly stored: string | undefined;
  readonly expected: string | undefined;
  /** The resulting value; when the update was rejected, the stored value (nothing is written). */
  readonly resulting: string | undefined;
  /** The user's change to this record (stored → expected). */
  readonly expectedChange: ValueChange;
  /** What the reply did to it (stored → resulting). */
  readonly resultingChange: ValueChange;
  /** The reply leaves something other than what the user meant. */
  readonly deviates: boolean;
}

/** The diff of one counterexample. */
export interface RecordDiff {
  /** Keys where anything differs, those that deviate from the user's intent first, each group by key. */
  readonly rows: readonly DiffRow[];
  /** Keys present and equal in all three datasets, left out of `rows`. */
  readonly unchanged: number;
  /** True when the update fails (`resulting` is null): nothing is written. */
  readonly rejected: boolean;
}

// Own-property reads only: record keys come from handlers, and `constructor` or `__proto__` must not reach
// Object.prototype when a dataset happens to be a plain object.
const own = (values: DatasetValues, key: string): string | undefined =>
  Object.prototype.hasOwnProperty.call(values, key) ? values[key] : undefined;

const changeOf = (before: string | undefined, after: string | undefined): ValueChange => {
  if (before === undefined) return after === undefined ? 'absent' : 'added';
  if (after === undefined) return 'removed';
  return before === after ? 'same' : 'changed';
};

const byKey = (a: DiffRow, b: DiffRow): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Computes the record-level diff of a counterexample.
 * @param cx - the stored, expected and resulting datasets of a counterexample
 * @example
 * recordDiff({ stored: { a: '1' }, expected: { a: '2' }, resulting: {} }).rows[0]?.resultingChange // "removed"
 */
export function recordDiff(cx: Pick<Counterexample, 'stored' | 'expected' | 'resulting'>): RecordDiff {
  const rejected = cx.resulting === null;
  const resulting = cx.resulting ?? cx.stored;
  const keys = new Set([...Object.keys(cx.stored), ...Object.keys(cx.expected), ...Object.keys(resulting)]);
  const rows: DiffRow[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const stored = own(cx.stored, key);
    const expected = own(cx.expected, key);
    const result = own(resulting, key);
    if (stored === expected && expected === result) {
      unchanged++;
      continue;
    }
    rows.push({
      key,
      stored,
      expected,
      resulting: result,
      expectedChange: changeOf(stored, expected),
      resultingChange: changeOf(stored, result),
      deviates: expected !== result,
    });
  }
  const deviating = rows.filter((r) => r.deviates).sort(byKey);
  const rest = rows.filter((r) => !r.deviates).sort(byKey);
  return { rows: [...deviating, ...rest], unchanged, rejected };
}

/**
 * The sentence for a diff without rows.
 * @param unchanged - records equal in all three datasets
 */
export function noDifference(unchanged: number): string {
  return unchanged ? `No record differs (${unchanged} unchanged).` : 'All three datasets are empty.';
}
