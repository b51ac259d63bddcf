/**
 * Reading the records of a reply one by one (CONTRACT.md §2): what each entry asks the service to do, under the
 * chosen readings of the undocumented cases. Pure; works over `Object.entries` so any key survives.
 */
import { has, isJsonObject } from './dict.ts';
import { boundedCopy } from './jsonWalk.ts';
import { MAX_KEY_LENGTH } from './limits.ts';
import { openPoint, type OpenPointId, type Readings } from './registry.ts';
import { jsonType, type Violation } from './violations.ts';

/** What the service does with one record of the reply. */
export type Change =
  | { readonly key: string; readonly kind: 'write'; readonly value: string }
  | { readonly key: string; readonly kind: 'remove' };

/** The result of reading every record of a reply. */
export interface ReadRecords {
  readonly changes: Change[];
  readonly violations: Violation[];
  /** Undocumented points whose reading decided something here. */
  readonly consulted: Set<OpenPointId>;
}

const SHORTEST_VALUE_MAX = Math.min(...openPoint('service.valueMaxLength').readings.map((r) => Number(r.id)));

const pathOf = (key: string, field?: string): string =>
  `$.datasetRecords[${JSON.stringify(key)}]${field ? `.${field}` : ''}`;

/**
 * Reads the records of a reply.
 * @param records - the reply's `datasetRecords`, already known to be a JSON object
 * @param readings - answers to the undocumented points
 */
export function readRecords(records: Record<string, unknown>, readings: Readings): ReadRecords {
  const out: ReadRecords = { changes: [], violations: [], consulted: new Set() };
  const valueMax = Number(readings['service.valueMaxLength']);
  // for-in over a parsed JSON object visits exactly its own keys (a `__proto__` key included), without the
  // pair arrays Object.entries allocates: this loop is the hot path of judging a 1,024-record reply.
  for (const key in records) {
    const entry = records[key];
    if (key.length === 0) out.violations.push({ code: 'key-empty', key, path: pathOf(key), clause: '§3' });
    else if (key.length > MAX_KEY_LENGTH) {
      out.violations.push({
        code: 'key-too-long',
        key,
        length: key.length,
        limit: MAX_KEY_LENGTH,
        path: pathOf(key),
        clause: '§3',
      });
    }
    const change = readEntry(key, entry, readings, out);
    // Consulted whenever a reading could decide (longer than the shortest limit), so that a verdict depends only on
    // the readings it names.
    if (change?.kind === 'write' && change.value.length > SHORTEST_VALUE_MAX)
      out.consulted.add('service.valueMaxLength');
    if (change?.kind === 'write' && change.value.length > valueMax) {
      out.violations.push({
        code: 'value-too-long',
        key,
        length: change.value.length,
        limit: valueMax,
        path: pathOf(key, 'newValue'),
        clause: '§3',
        reading: 'service.valueMaxLength',
      });
    }
    if (change) out.changes.push(change);
  }
  return out;
}

function readEntry(key: string, entry: unknown, r: Readings, out: ReadRecords): Change | undefined {
  if (entry === null) {
    out.consulted.add('reply.nullEntry');
    const reading = r['reply.nullEntry'];
    if (reading === 'invalid') {
      out.violations.push({
        code: 'record-null-entry',
        key,
        path: pathOf(key),
        clause: '§2',
        reading: 'reply.nullEntry',
      });
    }
    return reading === 'remove' ? { key, kind: 'remove' } : undefined;
  }
  if (!isJsonObject(entry)) {
    out.violations.push({ code: 'record-not-object', key, actual: jsonType(entry), path: pathOf(key), clause: '§2' });
    return undefined;
  }
  const op = entry.op;
  if (op === 'remove') return { key, kind: 'remove' };
  if (op !== 'replace') {
    // A missing op and a wrong one are different questions: Cognito may itself send entries without an op.
    const point = has(entry, 'op') ? 'reply.opInvalid' : 'reply.opMissing';
    out.consulted.add(point);
    const reading = r[point];
    if (reading === 'invalid') {
      out.violations.push({
        code: 'invalid-op',
        key,
        op: boundedCopy(op),
        path: pathOf(key, 'op'),
        clause: '§2',
        reading: point,
      });
      return undefined;
    }
    if (reading === 'ignored') return undefined;
  }
  return readReplace(key, entry, r, out);
}

function readReplace(key: string, entry: Record<string, unknown>, r: Readings, out: ReadRecords): Change | undefined {
  if (!has(entry, 'newValue')) {
    out.consulted.add('reply.replaceWithoutValue');
    const reading = r['reply.replaceWithoutValue'];
    if (reading === 'invalid') {
      const v: Violation = {
        code: 'missing-new-value',
        key,
        path: pathOf(key, 'newValue'),
        clause: '§2',
        reading: 'reply.replaceWithoutValue',
      };
      out.violations.push(v);
    }
    return reading === 'remove' ? { key, kind: 'remove' } : undefined;
  }
  const nv = entry.newValue;
  if (nv === null) return { key, kind: 'remove' };
  if (typeof nv === 'string') return { key, kind: 'write', value: nv };
  out.consulted.add('reply.nonStringValue');
  if (r['reply.nonStringValue'] === 'coerced' && (typeof nv === 'number' || typeof nv === 'boolean')) {
    return { key, kind: 'write', value: String(nv) };
  }
  out.violations.push({
    code: 'non-string-value',
    key,
    actual: jsonType(nv),
    path: pathOf(key, 'newValue'),
    clause: '§2',
    reading: 'reply.nonStringValue',
  });
  return undefined;
}
