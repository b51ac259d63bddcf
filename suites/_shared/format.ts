/**
 * The documented reply format, independent of any reading: the reply is the event object with only
 * `datasetRecords` changed, and every record is `{newValue: string | null, op: "replace" | "remove"}`.
 * Judged by the model under the strictest readings, then sorted into the parts the format checks own.
 */
import {
  DEFAULT_READINGS,
  dict,
  jsonText,
  judgeResult,
  type Readings,
  type SyncTriggerEvent,
  type Violation,
  type ViolationCode,
} from '../../model/index.ts';

/** The strictest reading of every reply question: anything outside the documented format is invalid. */
const STRICT_READINGS: Readings = {
  ...DEFAULT_READINGS,
  'reply.opMissing': 'invalid',
  'reply.opInvalid': 'invalid',
  'reply.replaceWithoutValue': 'invalid',
  'reply.nullEntry': 'invalid',
  'reply.nonStringValue': 'invalid',
  'reply.datasetRecordsMissing': 'invalid',
};

/** Which part of the format a violation belongs to. */
export type FormatPart = 'shape' | 'read-only' | 'record' | 'limits' | 'other';

const PART: Partial<Record<ViolationCode, FormatPart>> = {
  'reply-not-utf8': 'shape',
  'reply-not-json': 'shape',
  'reply-not-object': 'shape',
  'dataset-records-missing': 'shape',
  'dataset-records-not-object': 'shape',
  'read-only-field-changed': 'read-only',
  'read-only-field-missing': 'read-only',
  'record-not-object': 'record',
  'record-null-entry': 'record',
  'invalid-op': 'record',
  'missing-new-value': 'record',
  'non-string-value': 'record',
  'key-empty': 'record',
  'key-too-long': 'limits',
  'value-too-long': 'limits',
  'too-many-records': 'limits',
  'dataset-too-large': 'limits',
};

/** The part of the format a violation belongs to. */
export function partOf(v: Violation): FormatPart {
  return PART[v.code] ?? 'other';
}

const sameEntry = (a: unknown, b: unknown): boolean => {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].every((k) => x[k] === y[k]);
};

/**
 * Format violations of a reply, by part. A record entry the reply echoes exactly as the event carried it (a `null`
 * entry, an entry without `op` under some readings) is not the handler's format error: Cognito sent it. Whether
 * echoing it back is returning "the same format as the input", as the documentation asks; what the service then does
 * with it is the service's own business, not the handler's.
 * @param event - the event the handler received
 * @param replyJson - the reply as Lambda sends it
 * @param invalidUtf8 - its bytes were not UTF-8 (its text is their lossy decoding): Lambda refuses it as a whole
 */
export function formatViolations(event: SyncTriggerEvent, replyJson: string, invalidUtf8 = false): Violation[] {
  const result = { kind: 'reply' as const, json: replyJson, ...(invalidUtf8 ? { invalidUtf8 } : {}) };
  const verdict = judgeResult(event, result, { readings: STRICT_READINGS, before: {} });
  if (!verdict.violations.some((v) => 'key' in v)) return [...verdict.violations];
  const reply = JSON.parse(replyJson) as { datasetRecords?: Record<string, unknown> };
  const echoed = (key: string): boolean =>
    Object.prototype.hasOwnProperty.call(event.datasetRecords, key) &&
    reply.datasetRecords !== undefined &&
    Object.prototype.hasOwnProperty.call(reply.datasetRecords, key) &&
    sameEntry(event.datasetRecords[key], reply.datasetRecords[key]);
  return verdict.violations.filter((v) => !('key' in v && partOf(v) === 'record' && echoed(v.key)));
}

/**
 * The reply without the record entries it echoes exactly as the event carried them, as the JSON Lambda would send.
 * `semantics/undocumented-reading` judges this: an entry the handler passed through unchanged is Cognito's own
 * format, and omitting an unchanged entry is documented (ignored), so neither is the handler relying on anything.
 * A reply that is not an object with an object `datasetRecords` is returned as it was.
 * @param event - the event the handler received
 * @param replyJson - the reply as Lambda sends it
 */
export function withoutEchoedEntries(event: SyncTriggerEvent, replyJson: string): string {
  let reply: unknown;
  try {
    reply = JSON.parse(replyJson);
  } catch {
    return replyJson;
  }
  if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) return replyJson;
  const records = (reply as { datasetRecords?: unknown }).datasetRecords;
  if (records === null || typeof records !== 'object' || Array.isArray(records)) return replyJson;
  const kept = dict<unknown>();
  let dropped = false;
  for (const [key, entry] of Object.entries(records)) {
    if (
      Object.prototype.hasOwnProperty.call(event.datasetRecords, key) &&
      sameEntry(event.datasetRecords[key], entry)
    ) {
      dropped = true;
    } else {
      kept[key] = entry;
    }
  }
  // Written without recursion: a reply may nest deeper than JSON.stringify can follow.
  return dropped ? jsonText({ ...reply, datasetRecords: kept }) : replyJson;
}
