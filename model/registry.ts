/**
 * The registry of undocumented points. Every [OPEN] item of CONTRACT.md is an entry: the question, each plausible
 * reading (one marked default), and the sources. The model computes under any chosen readings; `docs/semantics.md`
 * is generated from this table.
 */

/** One plausible answer to an undocumented point. */
export interface Reading {
  readonly id: string;
  readonly summary: string;
}

/** One undocumented point of the contract. */
export interface OpenPoint {
  /** Stable id, `area.name`. */
  readonly id: string;
  /** The CONTRACT.md clause it belongs to. */
  readonly clause: string;
  /** Who the point concerns: how the event is built, how the reply is read, or the service around the trigger. */
  readonly area: 'event' | 'reply' | 'service';
  readonly question: string;
  /** The readings; the first is the default. */
  readonly readings: readonly [Reading, ...Reading[]];
  readonly sources: readonly string[];
}

const point = <const P extends OpenPoint>(p: P): P => p;

/** Every undocumented point, in CONTRACT.md order. The first reading of each is the default. */
export const OPEN_POINTS = [
  point({
    id: 'event.untouchedRecord',
    clause: '§1',
    area: 'event',
    question: 'What does a record the user did not touch look like in the event?',
    readings: [
      { id: 'replace-same', summary: '`{oldValue: v, newValue: v, op: "replace"}`' },
      { id: 'op-absent', summary: '`{oldValue: v, newValue: v}` with no `op`' },
    ],
    sources: ['[DOC] "Cognito passes all records present in the dataset"; shape of untouched records not shown'],
  }),
  point({
    id: 'event.newRecordOldValue',
    clause: '§1',
    area: 'event',
    question: 'What is `oldValue` of a record the user creates?',
    readings: [
      { id: 'null', summary: '`oldValue: null`' },
      { id: 'absent', summary: '`oldValue` is absent' },
      { id: 'empty-string', summary: '`oldValue: ""`' },
    ],
    sources: ['[DOC] sample event shows only replaced records'],
  }),
  point({
    id: 'event.removedRecordNewValue',
    clause: '§1',
    area: 'event',
    question: 'What is `newValue` of a record the user removes?',
    readings: [
      { id: 'null', summary: '`newValue: null`' },
      { id: 'absent', summary: '`newValue` is absent' },
      { id: 'old-value', summary: '`newValue` equals `oldValue`' },
    ],
    sources: ['[DOC] "a record the user deleted has op remove"; value not stated'],
  }),
  point({
    id: 'event.untouchedTombstone',
    clause: '§1',
    area: 'event',
    question: 'How does a record deleted earlier (a tombstone) that this request does not touch appear?',
    readings: [
      { id: 'omitted', summary: 'not in `datasetRecords`' },
      { id: 'null-entry', summary: 'a `null` entry (as in amazon-cognito-js#61)' },
      { id: 'remove-entry', summary: '`{oldValue: null, newValue: null, op: "remove"}`' },
    ],
    sources: ['[OBS] amazon-cognito-js#61'],
  }),
  point({
    id: 'event.readdOverTombstone',
    clause: '§1',
    area: 'event',
    question: 'How does a key deleted earlier and written again by the user appear?',
    readings: [
      {
        id: 'new-record',
        summary: 'like a new record: `{oldValue: <new-record reading>, newValue: v, op: "replace"}`',
      },
      { id: 'null-entry', summary: 'a `null` entry, as observed in amazon-cognito-js#61' },
    ],
    sources: ['[OBS] amazon-cognito-js#61: "a key deleted earlier and added again arrived as null"'],
  }),
  point({
    id: 'service.emptyPatches',
    clause: '§1',
    area: 'service',
    question: 'Does an UpdateRecords with no patches invoke the trigger?',
    readings: [
      { id: 'fires', summary: 'yes, with all records' },
      { id: 'skipped', summary: 'no; nothing is written and SyncCount stays' },
    ],
    sources: ['undocumented'],
  }),
  point({
    id: 'service.conflictCheck',
    clause: '§1',
    area: 'service',
    question: 'Does the SyncCount conflict check run before the trigger?',
    readings: [
      { id: 'before-trigger', summary: 'yes: a 409 means the trigger is not invoked' },
      { id: 'after-trigger', summary: 'no: the trigger runs, then the conflict rejects the update' },
    ],
    sources: ['undocumented'],
  }),
  point({
    id: 'reply.invalidOp',
    clause: '§2',
    area: 'reply',
    question: 'What happens to a reply record whose `op` is missing or not `replace`/`remove`?',
    readings: [
      { id: 'invalid', summary: 'the reply is invalid output' },
      { id: 'replace', summary: 'treated as `replace`' },
      { id: 'ignored', summary: 'the record is ignored' },
    ],
    sources: ['undocumented'],
  }),
  point({
    id: 'reply.replaceWithoutValue',
    clause: '§2',
    area: 'reply',
    question: 'What happens to `op: "replace"` with `newValue` missing?',
    readings: [
      { id: 'invalid', summary: 'the reply is invalid output' },
      { id: 'remove', summary: 'the record is removed' },
      { id: 'ignored', summary: 'the record is ignored' },
    ],
    sources: ['undocumented'],
  }),
  point({
    id: 'reply.nullEntry',
    clause: '§2',
    area: 'reply',
    question: 'What happens to a `null` record entry in the reply?',
    readings: [
      { id: 'invalid', summary: 'the reply is invalid output' },
      { id: 'remove', summary: 'the record is removed' },
      { id: 'ignored', summary: 'the record is ignored' },
    ],
    sources: ['undocumented; events may carry null entries ([OBS] amazon-cognito-js#61), so echoing one is common'],
  }),
  point({
    id: 'reply.nonStringValue',
    clause: '§2',
    area: 'reply',
    question: 'What happens to a `newValue` that is not a string or null (number, boolean, object)?',
    readings: [
      { id: 'invalid', summary: 'the reply is invalid output (the input format has strings)' },
      { id: 'coerced', summary: 'scalars are coerced to strings, as a Java JSON binder would; objects are invalid' },
    ],
    sources: ['undocumented'],
  }),
  point({
    id: 'reply.extraTopLevelField',
    clause: '§2',
    area: 'reply',
    question: 'What happens to top-level fields the event did not have?',
    readings: [
      { id: 'ignored', summary: 'ignored' },
      { id: 'invalid', summary: 'the reply is invalid output' },
    ],
    sources: ['undocumented'],
  }),
  point({
    id: 'reply.datasetRecordsMissing',
    clause: '§2',
    area: 'reply',
    question: 'What happens when the reply has no `datasetRecords`?',
    readings: [
      { id: 'invalid', summary: 'the reply is invalid output' },
      { id: 'no-change', summary: 'nothing is written' },
    ],
    sources: ['undocumented'],
  }),
  point({
    id: 'reply.replaceSameValue',
    clause: '§2',
    area: 'reply',
    question: 'Is a `replace` whose value equals the stored value written?',
    readings: [
      { id: 'written', summary: 'written: the record gets the new SyncCount' },
      { id: 'no-op', summary: 'not written: the record keeps its SyncCount' },
    ],
    sources: ['undocumented'],
  }),
  point({
    id: 'service.valueMaxLength',
    clause: '§3',
    area: 'service',
    question: 'What is the longest record value?',
    readings: [
      { id: '1048575', summary: '1,048,575 characters (service models)' },
      { id: '4194304', summary: '4,194,304 characters (current API reference pages)' },
    ],
    sources: ['[MODEL] botocore cognito-sync service-2.json', '[DOC] API reference Record.Value'],
  }),
  point({
    id: 'service.limitErrorCode',
    clause: '§3',
    area: 'service',
    question: "Which error does the service give when the handler's output breaks a limit?",
    readings: [
      {
        id: 'limit-exceeded',
        summary:
          '`LimitExceededException` for record count and size, `InvalidLambdaFunctionOutputException` for a key over 1,024 chars',
      },
      { id: 'invalid-output', summary: '`InvalidLambdaFunctionOutputException` for every limit' },
    ],
    sources: ['undocumented'],
  }),
] as const;

/** The id of an undocumented point. */
export type OpenPointId = (typeof OPEN_POINTS)[number]['id'];

/** The reading ids of one point. */
export type ReadingOf<P extends OpenPointId> = Extract<
  (typeof OPEN_POINTS)[number],
  { id: P }
>['readings'][number]['id'];

/** A full choice of readings, one per undocumented point. */
export type Readings = { readonly [P in OpenPointId]: ReadingOf<P> };

/** The default readings (the first of each point). */
export const DEFAULT_READINGS: Readings = Object.fromEntries(
  OPEN_POINTS.map((p) => [p.id, p.readings[0].id]),
) as unknown as Readings;

/**
 * The points a choice of readings sets away from their default, in registry order.
 * @param readings - a full or partial choice
 * @example nonDefaultPoints({ ...DEFAULT_READINGS, 'reply.nullEntry': 'remove' }) // ['reply.nullEntry']
 */
export function nonDefaultPoints(readings: Partial<Readings>): OpenPointId[] {
  return OPEN_POINTS.map((p) => p.id).filter(
    (id) => readings[id] !== undefined && readings[id] !== DEFAULT_READINGS[id],
  );
}

/** Looks up a point by id. */
export function openPoint(id: OpenPointId): OpenPoint {
  const p = OPEN_POINTS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown open point ${id}`);
  return p;
}

/**
 * Merges a partial choice over the defaults, rejecting unknown points and readings.
 * @param partial - readings to override, e.g. `{ 'reply.nullEntry': 'remove' }`
 * @returns the full choice, or a list of problems
 */
export function resolveReadings(
  partial: Readonly<Record<string, string>> = {},
): { ok: true; readings: Readings } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const out: Record<string, string> = { ...DEFAULT_READINGS };
  for (const [id, reading] of Object.entries(partial)) {
    const p = OPEN_POINTS.find((x) => x.id === id);
    if (!p) {
      problems.push(`unknown undocumented point "${id}" (known: ${OPEN_POINTS.map((x) => x.id).join(', ')})`);
      continue;
    }
    if (!p.readings.some((r) => r.id === reading)) {
      problems.push(`point "${id}" has no reading "${reading}" (readings: ${p.readings.map((r) => r.id).join(', ')})`);
      continue;
    }
    out[id] = reading;
  }
  return problems.length ? { ok: false, problems } : { ok: true, readings: out as unknown as Readings };
}
