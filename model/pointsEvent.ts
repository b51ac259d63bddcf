/**
 * Undocumented points of how Cognito Sync builds the event and when it runs the trigger (CONTRACT.md §1), with the
 * reason for each default.
 */
import { point } from './pointTypes.ts';

/** The §1 points, in CONTRACT.md order. The first reading of each is the default. */
export const EVENT_SHAPE_POINTS = [
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
    why: 'The documented event shows only entries with an `op`, and the documentation says every record is passed; an untouched record written like a replaced one is the only shape the documented format has. No observation shows either.',
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
    why: 'The service stores a removed record as a null value, so "no old value" is most plausibly written as `null`; nothing observed.',
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
    why: 'A removed record has no value, and the documentation lets a handler remove a record by `newValue: null`: the event most plausibly uses the same form. Nothing observed.',
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
    why: 'The documentation says the event holds "all records present in the dataset", and a deleted record is not present; #61 saw a null entry only for a key the user wrote again (`event.readdOverTombstone`), not for untouched ones.',
  }),
  point({
    id: 'event.readdOverTombstone',
    clause: '§1',
    area: 'event',
    question: 'How does a key deleted earlier and written again by the user appear?',
    readings: [
      { id: 'null-entry', summary: 'a `null` entry, as observed in amazon-cognito-js#61' },
      {
        id: 'new-record',
        summary: 'like a new record: `{oldValue: <new-record reading>, newValue: v, op: "replace"}`',
      },
    ],
    sources: ['[OBS] amazon-cognito-js#61: "a key deleted earlier and added again arrived as null"'],
    why: 'The only observation of the real service (amazon-cognito-js#61) reports exactly this case: the trigger received `"recordKey": null` for a key deleted earlier and written again. Where the only observation says one thing, the default follows it.',
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
    why: 'The documentation says the trigger runs on every UpdateRecords made with identity credentials, with no exception for an empty one.',
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
    why: 'A request that cannot succeed need not pay for a Lambda call, and the API reference describes the conflict as a rejection of the request itself; nothing observed.',
  }),
] as const;
