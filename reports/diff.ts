/**
 * The record-level diff of a counterexample: for every key, the value stored before the update, the value the
 * user meant (expected), the value this reply leaves (resulting), and — when the update is rejected, so that nothing
 * is written — what the reply asked for, which is where the cause of a rejection shows (a record the handler added
 * to a full dataset). The terminal, Markdown and HTML reports all draw it.
 */
import type { Counterexample } from '../harness/index.ts';
import { applyChanges, DEFAULT_READINGS, isJsonObject, type DatasetValues, type Readings } from '../model/index.ts';
import { toLambdaResult } from '../model/invocation.ts';
import { readRecords } from '../model/replyRecords.ts';

/** How a value differs from the stored one. */
type ValueChange = 'added' | 'removed' | 'changed' | 'same' | 'absent';

/** One key of the diff. `undefined` means the record is not live in that dataset. */
export interface DiffRow {
  readonly key: string;
  readonly stored: string | undefined;
  readonly expected: string | undefined;
  /** The resulting value; when the update was rejected, the stored value (nothing is written). */
  readonly resulting: string | undefined;
  /** What the reply asked for this record; the resulting value unless the update was rejected. */
  readonly asked: string | undefined;
  /** The user's change to this record (stored → expected). */
  readonly expectedChange: ValueChange;
  /** What the reply did to it (stored → resulting). */
  readonly resultingChange: ValueChange;
  /** What the reply asked (stored → asked). */
  readonly askedChange: ValueChange;
  /** The reply leaves something other than what the user meant. */
  readonly deviates: boolean;
  /** The reply asked for something other than what the user meant (only ever true for a rejected update). */
  readonly askedOtherwise: boolean;
}

/** The diff of one counterexample. */
export interface RecordDiff {
  /**
   * Keys where anything differs: those the reply asked otherwise first, then those that deviate from the user's
   * intent, then the rest, each group by key.
   */
  readonly rows: readonly DiffRow[];
  /** Keys present and equal in every dataset, left out of `rows`. */
  readonly unchanged: number;
  /** True when the update fails (`resulting` is null): nothing is written. */
  readonly rejected: boolean;
  /** True when the update was rejected and the reply's records could be read: `asked` says what it asked for. */
  readonly askedShown: boolean;
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
 * What the first reply of a rejected update asked for: its records applied to the stored dataset, as the model reads
 * them, limits and read-only fields aside. Undefined when there is no reply or a record of it cannot be read.
 */
function askedOf(cx: DiffInput, readings: Readings): DatasetValues | undefined {
  const first = cx.invocations?.[0];
  if (!first) return undefined;
  const result = toLambdaResult(first);
  if (result.kind !== 'reply') return undefined;
  let reply: unknown;
  try {
    reply = JSON.parse(result.json);
  } catch {
    return undefined;
  }
  if (!isJsonObject(reply) || !isJsonObject(reply.datasetRecords)) return undefined;
  const read = readRecords(reply.datasetRecords, readings);
  // A record the model cannot read as a change (a number as newValue, a bad op) asked for nothing it could say:
  // only limits (§3: long keys and values, which still read as changes) leave the rest of the reply readable.
  if (read.violations.some((v) => v.clause !== '§3')) return undefined;
  return applyChanges(cx.stored, read.changes);
}

/** What the diff reads of a counterexample. */
export type DiffInput = Pick<Counterexample, 'stored' | 'expected' | 'resulting'> &
  Partial<Pick<Counterexample, 'invocations'>>;

/**
 * Computes the record-level diff of a counterexample.
 * @param cx - the stored, expected and resulting datasets of a counterexample, and its invocations
 * @param readings - the readings the run judged under (to read a rejected reply's records) @defaultValue the defaults
 * @example
 * recordDiff({ stored: { a: '1' }, expected: { a: '2' }, resulting: {} }).rows[0]?.resultingChange // "removed"
 */
export function recordDiff(cx: DiffInput, readings: Readings = DEFAULT_READINGS): RecordDiff {
  const rejected = cx.resulting === null;
  const resulting = cx.resulting ?? cx.stored;
  const asked = (rejected ? askedOf(cx, readings) : undefined) ?? resulting;
  const keys = new Set([
    ...Object.keys(cx.stored),
    ...Object.keys(cx.expected),
    ...Object.keys(resulting),
    ...Object.keys(asked),
  ]);
  const rows: DiffRow[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const stored = own(cx.stored, key);
    const expected = own(cx.expected, key);
    const result = own(resulting, key);
    const wanted = own(asked, key);
    if (stored === expected && expected === result && result === wanted) {
      unchanged++;
      continue;
    }
    rows.push({
      key,
      stored,
      expected,
      resulting: result,
      asked: wanted,
      expectedChange: changeOf(stored, expected),
      resultingChange: changeOf(stored, result),
      askedChange: changeOf(stored, wanted),
      deviates: expected !== result,
      askedOtherwise: asked !== resulting && wanted !== expected,
    });
  }
  const cause = rows.filter((r) => r.askedOtherwise).sort(byKey);
  const deviating = rows.filter((r) => !r.askedOtherwise && r.deviates).sort(byKey);
  const rest = rows.filter((r) => !r.askedOtherwise && !r.deviates).sort(byKey);
  return { rows: [...cause, ...deviating, ...rest], unchanged, rejected, askedShown: asked !== resulting };
}

const WORD: Readonly<Record<ValueChange, string>> = {
  added: 'added',
  removed: 'removed',
  changed: 'changed',
  same: 'unchanged',
  absent: 'absent',
};

const ASK: Readonly<Record<ValueChange, string>> = {
  added: 'add',
  removed: 'remove',
  changed: 'change',
  same: 'keep',
  absent: 'leave out',
};

const USER: Readonly<Record<ValueChange, string>> = {
  added: 'the user added it',
  removed: 'the user removed it',
  changed: 'the user changed it',
  same: 'the user left it as it was',
  absent: 'the user has no such record',
};

/**
 * What one row says about the reply, in words: the cause of a rejection, a departure from the user's intent, or
 * that it is as the user meant.
 * @param r - a diff row
 * @param d - the diff it belongs to
 */
export function rowNote(r: DiffRow, d: Pick<RecordDiff, 'askedShown'>): string {
  if (r.askedOtherwise) return `✗ the reply asked to ${ASK[r.askedChange]} it (${USER[r.expectedChange]})`;
  // "user absent it" is no sentence: a record the user does not have is said so.
  const user = r.expectedChange === 'absent' ? 'user has no such record' : `user ${WORD[r.expectedChange]} it`;
  if (r.deviates && d.askedShown) return `✗ ${user}; the rejected update loses that`;
  if (r.deviates && r.resultingChange === 'added') return `✗ ${user}, reply added it`;
  if (r.deviates) return `✗ ${user}, reply left it ${WORD[r.resultingChange]}`;
  return 'as the user meant';
}

/**
 * The sentence for a diff without rows.
 * @param unchanged - records equal in all datasets
 */
export function noDifference(unchanged: number): string {
  return unchanged
    ? `No record differs (${unchanged.toLocaleString('en')} unchanged).`
    : 'All three datasets are empty.';
}
