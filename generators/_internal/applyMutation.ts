/**
 * Applies a reply mutation to an echo of the event, producing the in-memory value a handler would return; the
 * caller serializes it as Lambda does, so `Date`s become strings and `undefined` fields disappear. Record maps are
 * written with own-property definitions so a key `__proto__` stays a key. Internal to `adversarialReply`.
 */
import { dict, MAX_KEY_LENGTH, MAX_RECORDS, type SyncTriggerEvent } from '../../model/index.ts';
import { isEntryMutation, type FieldMutationKind, type ReplyMutation } from './replyMutations.ts';

type Obj = Record<string, unknown>;

/** Sets an own property, even one named `__proto__`. */
function setOwn(o: object, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Picks one of the alternatives by a drawn number. */
const pickOf = <T>(xs: readonly [T, ...T[]], n: number): T => xs[n % xs.length] ?? xs[0];

/** A deep copy of the event as a handler holding it would have it, with a null-prototype record map. */
function echo(event: SyncTriggerEvent): { reply: Obj; records: Obj } {
  const reply = JSON.parse(JSON.stringify(event)) as Obj;
  const records = dict<unknown>();
  for (const [k, v] of Object.entries(reply.datasetRecords as Obj)) records[k] = v;
  reply.datasetRecords = records;
  return { reply, records };
}

function wholeReply(event: SyncTriggerEvent, m: ReplyMutation, reply: Obj, records: Obj, v: number): unknown {
  switch (m) {
    case 'reply-null':
      return null;
    case 'reply-undefined':
      return undefined;
    case 'reply-string':
      return pickOf(['ok', JSON.stringify(event), ''], v);
    case 'reply-array':
      return pickOf([[reply], [], Object.values(records)], v);
    case 'reply-number':
      return pickOf([200, 0, 2], v);
    case 'reply-boolean':
      return pickOf([true, false], v);
    case 'reply-empty-object':
      return {};
    case 'lambda-proxy-response':
      return { statusCode: 200, body: JSON.stringify(event) };
    case 'records-only':
      return records;
    case 'version-string':
      return { ...reply, version: '2' };
    case 'extra-field': {
      const extra = pickOf(['statusCode', 'processedAt', '__proto__', 'datasetrecords'], v);
      const value = extra === 'processedAt' ? new Date(Date.UTC(2024, 0, 1)) : extra === 'statusCode' ? 200 : {};
      setOwn(reply, extra, value);
      return reply;
    }
    case 'records-missing':
      Reflect.deleteProperty(reply, 'datasetRecords');
      return reply;
    case 'records-undefined':
      return { ...reply, datasetRecords: undefined };
    case 'records-null':
      return { ...reply, datasetRecords: null };
    case 'records-array':
      return { ...reply, datasetRecords: pickOf([[], Object.values(records)], v) };
    case 'records-string':
      return { ...reply, datasetRecords: JSON.stringify(records) };
    case 'records-empty':
      return { ...reply, datasetRecords: {} };
    default:
      return fieldMutation(m, reply, v);
  }
}

function fieldMutation(m: ReplyMutation, reply: Obj, v: number): unknown {
  const [kind, field] = m.split(':') as [FieldMutationKind, string];
  if (kind === 'missing') Reflect.deleteProperty(reply, field);
  else if (kind === 'undefined') reply[field] = undefined;
  else if (kind === 'null') reply[field] = null;
  else if (field === 'version') reply.version = pickOf([1, 3, 2.5], v);
  else if (field === 'eventType') reply.eventType = pickOf(['SyncTriggerResponse', 'synctrigger', ''], v);
  else reply[field] = pickOf([`${String(reply[field])}x`, String(reply[field]).toUpperCase() + 'X', ''], v);
  return reply;
}

/** The entry key a mutation acts on: an object entry of the event, or one added for the purpose. */
function targetKey(records: Obj, pick: number): string {
  const keys = Object.keys(records).filter((k) => typeof records[k] === 'object' && records[k] !== null);
  const key = keys.length ? (keys[pick % keys.length] ?? 'adversarial') : 'adversarial';
  if (!keys.length) setOwn(records, key, { oldValue: null, newValue: 'v', op: 'replace' });
  return key;
}

function entryMutation(m: ReplyMutation, reply: Obj, records: Obj, pick: number, v: number): unknown {
  const key = targetKey(records, pick);
  const entry = { ...(records[key] as Obj) };
  const replace = (newValue: unknown): void => {
    setOwn(records, key, { ...entry, op: 'replace', newValue });
  };
  const added = { oldValue: null, newValue: 'added', op: 'replace' };
  switch (m) {
    case 'entry-null':
      setOwn(records, key, null);
      break;
    case 'entry-string':
      setOwn(records, key, pickOf(['replace', JSON.stringify(entry)], v));
      break;
    case 'entry-array':
      setOwn(records, key, pickOf([[], [entry]], v));
      break;
    case 'entry-number':
      setOwn(records, key, 0);
      break;
    case 'entry-boolean':
      setOwn(records, key, true);
      break;
    case 'entry-empty-object':
      setOwn(records, key, {});
      break;
    case 'entry-undefined':
      setOwn(records, key, undefined);
      break;
    case 'entry-deleted':
      Reflect.deleteProperty(records, key);
      break;
    case 'op-missing':
      setOwn(records, key, { oldValue: entry.oldValue, newValue: entry.newValue });
      break;
    case 'op-invalid':
      setOwn(records, key, { ...entry, op: pickOf(['delete', 'update', 'put', '', 'Replace'], v) });
      break;
    case 'op-uppercase':
      setOwn(records, key, { ...entry, op: pickOf(['REPLACE', 'REMOVE'], v) });
      break;
    case 'op-null':
      setOwn(records, key, { ...entry, op: null });
      break;
    case 'newValue-missing':
      setOwn(records, key, { oldValue: entry.oldValue, op: 'replace' });
      break;
    case 'newValue-undefined':
      replace(undefined);
      break;
    case 'newValue-number':
      replace(pickOf([42, 0, -1.5], v));
      break;
    case 'newValue-boolean':
      replace(pickOf([true, false], v));
      break;
    case 'newValue-object':
      replace(pickOf([{}, { value: 'x' }], v));
      break;
    case 'newValue-array':
      replace(pickOf([[], ['x']], v));
      break;
    case 'newValue-null':
      replace(null);
      break;
    case 'newValue-date':
      replace(new Date(Date.UTC(2024, 0, 1 + (v % 28))));
      break;
    case 'newValue-changed':
      replace(`${typeof entry.newValue === 'string' ? entry.newValue : ''}!`);
      break;
    case 'remove-by-op':
      setOwn(records, key, { ...entry, op: 'remove' });
      break;
    case 'key-empty':
      setOwn(records, '', added);
      break;
    case 'key-over-1024':
      setOwn(records, 'k'.repeat(MAX_KEY_LENGTH + 1 + (v % 3)), added);
      break;
    case 'key-1024':
      setOwn(records, pickOf(['k', '😀', 'é'], v).repeat(MAX_KEY_LENGTH).slice(0, MAX_KEY_LENGTH), added);
      break;
    case 'key-proto-added':
      setOwn(records, '__proto__', added);
      break;
    case 'key-added':
      setOwn(records, pickOf(['added', 'constructor', 'toString'], v), added);
      break;
    case 'records-over-limit':
      for (let i = 0; i <= MAX_RECORDS; i++) setOwn(records, `flood.${i}`, added);
      break;
    case 'value-over-limit':
      replace('x'.repeat(1_048_576));
      break;
    default:
      break;
  }
  return reply;
}

/**
 * The in-memory reply for a mutation of the echo.
 * @param event - the event the handler received
 * @param m - the mutation
 * @param pick - chooses the record entry to act on
 * @param variant - chooses among a mutation's variants (which wrong op, which wrong type)
 */
export function applyMutation(event: SyncTriggerEvent, m: ReplyMutation, pick: number, variant: number): unknown {
  const { reply, records } = echo(event);
  return isEntryMutation(m)
    ? entryMutation(m, reply, records, pick, variant)
    : wholeReply(event, m, reply, records, variant);
}
