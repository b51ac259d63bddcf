/**
 * Violations are data: one discriminated union on `code`, each pointing at the JSON path and the CONTRACT clause
 * it breaks, worded in one place (`describeViolation`).
 */
import { jsonText } from './jsonWalk.ts';
import type { OpenPointId } from './registry.ts';

interface Base {
  /** JSON path into the reply, e.g. `$.datasetRecords["score"].op`. */
  readonly path: string;
  /** CONTRACT.md clause. */
  readonly clause: string;
  /** Set when the violation exists only under the chosen reading of this undocumented point. */
  readonly reading?: OpenPointId;
}

/** Everything a reply can get wrong. */
export type Violation = Base &
  (
    | { readonly code: 'handler-error'; readonly errorType: string; readonly errorMessage: string }
    | { readonly code: 'deadline-exceeded'; readonly ms: number; readonly limitMs: number }
    | { readonly code: 'reply-not-utf8' }
    | { readonly code: 'reply-not-json'; readonly reason: string }
    | { readonly code: 'reply-not-object'; readonly actual: string }
    | {
        readonly code: 'read-only-field-changed';
        readonly field: string;
        readonly expected: unknown;
        /** The reply's value, cut to a few levels (a reply can nest deeper than any serializer recurses). */
        readonly actual: unknown;
      }
    | { readonly code: 'read-only-field-missing'; readonly field: string }
    | { readonly code: 'extra-top-level-field'; readonly field: string }
    | { readonly code: 'dataset-records-missing' }
    | { readonly code: 'dataset-records-not-object'; readonly actual: string }
    | { readonly code: 'record-not-object'; readonly key: string; readonly actual: string }
    | { readonly code: 'record-null-entry'; readonly key: string }
    | { readonly code: 'invalid-op'; readonly key: string; readonly op: unknown }
    | { readonly code: 'missing-new-value'; readonly key: string }
    | { readonly code: 'non-string-value'; readonly key: string; readonly actual: string }
    | { readonly code: 'key-empty'; readonly key: string }
    | { readonly code: 'key-too-long'; readonly key: string; readonly length: number; readonly limit: number }
    | { readonly code: 'value-too-long'; readonly key: string; readonly length: number; readonly limit: number }
    | { readonly code: 'too-many-records'; readonly count: number; readonly limit: number }
    | { readonly code: 'dataset-too-large'; readonly bytes: number; readonly limit: number }
  );

/** A violation code. */
export type ViolationCode = Violation['code'];

/** Every violation code, in the order of the union (the compiler rejects a missing or an unknown one). */
export const VIOLATION_CODES = Object.keys({
  'handler-error': 1,
  'deadline-exceeded': 1,
  'reply-not-utf8': 1,
  'reply-not-json': 1,
  'reply-not-object': 1,
  'read-only-field-changed': 1,
  'read-only-field-missing': 1,
  'extra-top-level-field': 1,
  'dataset-records-missing': 1,
  'dataset-records-not-object': 1,
  'record-not-object': 1,
  'record-null-entry': 1,
  'invalid-op': 1,
  'missing-new-value': 1,
  'non-string-value': 1,
  'key-empty': 1,
  'key-too-long': 1,
  'value-too-long': 1,
  'too-many-records': 1,
  'dataset-too-large': 1,
} satisfies Record<ViolationCode, 1>) as readonly ViolationCode[];

/** The type name of a JSON value, for messages. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

// Iterative: a violation may quote any part of a reply, however deep.
const short = (v: unknown): string => {
  if (v === undefined) return 'undefined';
  const s = jsonText(v, 61);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

/** One line of English for a violation. */
export function describeViolation(v: Violation): string {
  const under = v.reading ? ` (under the chosen reading of ${v.reading})` : '';
  const text = ((): string => {
    switch (v.code) {
      case 'handler-error':
        return `the handler failed: ${v.errorType}: ${v.errorMessage}`;
      case 'deadline-exceeded':
        return `the reply took ${Math.round(v.ms)} ms, past the ${v.limitMs} ms deadline`;
      case 'reply-not-utf8':
        return 'the reply is not valid UTF-8, which Lambda refuses as a response';
      case 'reply-not-json':
        return `the reply cannot be serialized to JSON: ${v.reason}`;
      case 'reply-not-object':
        return `the reply is ${v.actual}, not the event object`;
      case 'read-only-field-changed':
        return `read-only field ${v.field} changed from ${short(v.expected)} to ${short(v.actual)}`;
      case 'read-only-field-missing':
        return `read-only field ${v.field} is missing from the reply`;
      case 'extra-top-level-field':
        return `the reply adds top-level field ${short(v.field)}`;
      case 'dataset-records-missing':
        return 'the reply has no datasetRecords';
      case 'dataset-records-not-object':
        return `datasetRecords is ${v.actual}, not an object`;
      case 'record-not-object':
        return `record ${short(v.key)} is ${v.actual}, not an object`;
      case 'record-null-entry':
        return `record ${short(v.key)} is a null entry`;
      case 'invalid-op':
        return `record ${short(v.key)} has op ${v.op === undefined ? '(missing)' : short(v.op)}, not "replace" or "remove"`;
      case 'missing-new-value':
        return `record ${short(v.key)} has op "replace" but no newValue`;
      case 'non-string-value':
        return `record ${short(v.key)} has a newValue of type ${v.actual}, not a string or null`;
      case 'key-empty':
        return 'a record key is empty';
      case 'key-too-long':
        return `record key ${short(v.key)} is ${v.length} characters, over ${v.limit}`;
      case 'value-too-long':
        return `record ${short(v.key)} has a value of ${v.length} characters, over ${v.limit}`;
      case 'too-many-records':
        return `the dataset would hold ${v.count} records, over ${v.limit}`;
      case 'dataset-too-large':
        return `the dataset would be ${v.bytes} bytes, over ${v.limit}`;
    }
  })();
  return `${text}${under} [${v.path}; CONTRACT ${v.clause}]`;
}
