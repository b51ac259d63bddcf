/**
 * The oracle: how Cognito Sync applies a handler's reply (CONTRACT.md §2, §3). `judge` takes the reply as the JSON
 * text a Lambda would send, because Lambda serializes the result with `JSON.stringify` before Cognito reads it.
 */
import { has, isJsonObject } from './dict.ts';
import { boundedCopy } from './jsonWalk.ts';
import { storedValuesOf } from './buildEvent.ts';
import { checkLimits } from './datasetLimits.ts';
import { HANDLER_DEADLINE_MS } from './limits.ts';
import { DEFAULT_READINGS, type OpenPointId, type Readings } from './registry.ts';
import { readRecords, type Change } from './replyRecords.ts';
import { serviceError, type ServiceError } from './serviceErrors.ts';
import { READ_ONLY_FIELDS, type DatasetValues, type SyncTriggerEvent } from './types.ts';
import { jsonType, type Violation } from './violations.ts';
import { applyChanges, classifyOmissions, type Omissions } from './effects.ts';

/** The message Cognito gives for a handler error or invalid output [MODEL]. */
export const INVALID_OUTPUT_MESSAGE = 'The Lambda function returned invalid output or an exception.';

/**
 * What a Lambda call came to, as Cognito sees it. `invalidUtf8` marks a reply whose bytes were not valid UTF-8
 * (`json` is then a lossy decoding, for display): Lambda refuses such a response.
 */
export type LambdaResult =
  | { readonly kind: 'reply'; readonly json: string; readonly ms?: number; readonly invalidUtf8?: boolean }
  | { readonly kind: 'error'; readonly errorType: string; readonly errorMessage: string; readonly ms?: number }
  | { readonly kind: 'timeout'; readonly ms: number };

/** Options of `judge`. */
export interface JudgeOptions {
  /** @defaultValue {@link DEFAULT_READINGS} */
  readonly readings?: Readings;
  /** Reply time in ms; past 5,000 the service gives `LambdaSocketTimeoutException`. @defaultValue 0 */
  readonly replyMs?: number;
  /** Live stored values before the update. @defaultValue derived from the event's `oldValue`s */
  readonly before?: DatasetValues;
  /** Keys of stored tombstones, which count toward the size limit by their key. @defaultValue none */
  readonly tombstoneKeys?: readonly string[];
}

/** Fields every verdict has. */
interface VerdictBase {
  readonly violations: readonly Violation[];
  /** Undocumented points whose reading decided something in this verdict. */
  readonly consulted: readonly OpenPointId[];
}

/** The reply was applied. */
export interface Accepted extends VerdictBase {
  readonly status: 'accepted';
  /** Exactly what is written, in reply order. */
  readonly changes: readonly Change[];
  readonly before: DatasetValues;
  readonly after: DatasetValues;
  /** Event records the reply left out (ignored for the update), and which of those were user changes. */
  readonly omissions: Omissions;
  /** Top-level fields the reply added (ignored under the default reading). */
  readonly extraFields: readonly string[];
}

/** The whole update failed; nothing is written. */
export interface Rejected extends VerdictBase {
  readonly status: 'rejected';
  readonly error: ServiceError;
}

/** The verdict on one reply. */
export type Verdict = Accepted | Rejected;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Judges a handler's reply to an event. Nothing here recurses into the reply, so any nesting depth is judged
 * (`JSON.parse` itself reads 100,000 levels); a violation keeps only a bounded copy of a value the reply holds.
 * @param event - the event the handler received
 * @param reply - the reply exactly as Lambda sends it (`JSON.stringify` of the handler's result), as text or as the
 *   raw bytes of the response (bytes that are not valid UTF-8 are invalid output: Lambda refuses them)
 * @param options - readings, reply time, the stored dataset
 * @example
 * const v = judge(event, JSON.stringify(event));
 * if (v.status === 'accepted') console.log(v.after);
 */
export function judge(event: SyncTriggerEvent, reply: string | Uint8Array, options: JudgeOptions = {}): Verdict {
  const readings = options.readings ?? DEFAULT_READINGS;
  if ((options.replyMs ?? 0) > HANDLER_DEADLINE_MS) return timeout(options.replyMs ?? 0, readings);
  if (typeof reply === 'string') return judgeText(event, reply, options, readings);
  let text: string;
  try {
    text = UTF8.decode(reply);
  } catch {
    return notUtf8();
  }
  return judgeText(event, text, options, readings);
}

function judgeText(event: SyncTriggerEvent, replyJson: string, options: JudgeOptions, readings: Readings): Verdict {
  const consulted = new Set<OpenPointId>();
  let reply: unknown;
  try {
    reply = JSON.parse(replyJson);
  } catch (e) {
    return invalid([{ code: 'reply-not-json', reason: (e as Error).message, path: '$', clause: '§2' }], consulted);
  }
  if (!isJsonObject(reply)) {
    return invalid([{ code: 'reply-not-object', actual: jsonType(reply), path: '$', clause: '§2' }], consulted);
  }
  const violations: Violation[] = [];
  for (const field of READ_ONLY_FIELDS) {
    if (!has(reply, field))
      violations.push({ code: 'read-only-field-missing', field, path: `$.${field}`, clause: '§2' });
    else if (reply[field] !== event[field]) {
      violations.push({
        code: 'read-only-field-changed',
        field,
        expected: event[field],
        actual: boundedCopy(reply[field]),
        path: `$.${field}`,
        clause: '§2',
      });
    }
  }
  const extraFields = Object.keys(reply).filter(
    (k) => k !== 'datasetRecords' && !(READ_ONLY_FIELDS as readonly string[]).includes(k),
  );
  if (extraFields.length) {
    consulted.add('reply.extraTopLevelField');
    if (readings['reply.extraTopLevelField'] === 'invalid') {
      for (const field of extraFields) {
        violations.push({
          code: 'extra-top-level-field',
          field,
          path: `$[${JSON.stringify(field)}]`,
          clause: '§2',
          reading: 'reply.extraTopLevelField',
        });
      }
    }
  }
  const before = options.before ?? storedValuesOf(event);
  let records: Record<string, unknown>;
  if (!has(reply, 'datasetRecords')) {
    consulted.add('reply.datasetRecordsMissing');
    if (readings['reply.datasetRecordsMissing'] === 'invalid') {
      violations.push({
        code: 'dataset-records-missing',
        path: '$.datasetRecords',
        clause: '§2',
        reading: 'reply.datasetRecordsMissing',
      });
    }
    records = {};
  } else if (!isJsonObject(reply.datasetRecords)) {
    violations.push({
      code: 'dataset-records-not-object',
      actual: jsonType(reply.datasetRecords),
      path: '$.datasetRecords',
      clause: '§2',
    });
    records = {};
  } else records = reply.datasetRecords;
  const read = readRecords(records, readings);
  violations.push(...read.violations);
  for (const p of read.consulted) consulted.add(p);
  if (violations.length) return invalid(violations, consulted);

  let changes = read.changes;
  if (changes.some((c) => c.kind === 'write' && has(before, c.key) && before[c.key] === c.value)) {
    consulted.add('reply.replaceSameValue');
    if (readings['reply.replaceSameValue'] === 'no-op')
      changes = changes.filter((c) => !(c.kind === 'write' && has(before, c.key) && before[c.key] === c.value));
  }
  const after = applyChanges(before, changes);
  const limitViolations = checkLimits(after, options.tombstoneKeys ?? [], changes);
  if (limitViolations.length) {
    consulted.add('service.limitErrorCode');
    const name =
      readings['service.limitErrorCode'] === 'limit-exceeded'
        ? 'LimitExceededException'
        : 'InvalidLambdaFunctionOutputException';
    const message = name === 'LimitExceededException' ? 'Dataset limit exceeded.' : INVALID_OUTPUT_MESSAGE;
    return {
      status: 'rejected',
      error: serviceError(name, message),
      violations: limitViolations,
      consulted: [...consulted],
    };
  }
  return {
    status: 'accepted',
    changes,
    before,
    after,
    omissions: classifyOmissions(event, records),
    extraFields,
    violations: [],
    consulted: [...consulted],
  };
}

/**
 * Judges any Lambda result: a reply, a handler error, or no reply in time.
 * @param event - the event the handler received
 * @param result - what the Lambda call came to
 * @param options - as for {@link judge}
 */
export function judgeResult(event: SyncTriggerEvent, result: LambdaResult, options: JudgeOptions = {}): Verdict {
  const readings = options.readings ?? DEFAULT_READINGS;
  if (result.kind === 'timeout') return timeout(result.ms, readings);
  if (result.kind === 'error') {
    if ((result.ms ?? 0) > HANDLER_DEADLINE_MS) return timeout(result.ms ?? 0, readings);
    const v: Violation = {
      code: 'handler-error',
      errorType: result.errorType,
      errorMessage: result.errorMessage,
      path: '$',
      clause: '§2',
    };
    return invalid([v], new Set());
  }
  const replyMs = result.ms ?? options.replyMs ?? 0;
  if (replyMs > HANDLER_DEADLINE_MS) return timeout(replyMs, readings);
  if (result.invalidUtf8 === true) return notUtf8();
  return judge(event, result.json, { ...options, replyMs });
}

function notUtf8(): Rejected {
  return invalid([{ code: 'reply-not-utf8', path: '$', clause: '§2' }], new Set());
}

function invalid(violations: Violation[], consulted: Set<OpenPointId>): Rejected {
  return {
    status: 'rejected',
    error: serviceError('InvalidLambdaFunctionOutputException', INVALID_OUTPUT_MESSAGE),
    violations,
    consulted: [...consulted],
  };
}

function timeout(ms: number, readings: Readings): Rejected {
  const status = readings['service.socketTimeoutStatus'] === '500' ? 500 : 400;
  return {
    status: 'rejected',
    error: serviceError('LambdaSocketTimeoutException', 'The Lambda function did not respond in time.', status),
    violations: [{ code: 'deadline-exceeded', ms, limitMs: HANDLER_DEADLINE_MS, path: '$', clause: '§2' }],
    consulted: ['service.socketTimeoutStatus'],
  };
}
