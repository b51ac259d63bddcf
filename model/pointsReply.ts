/**
 * Undocumented points of how Cognito Sync reads the handler's reply (CONTRACT.md §2), with the reason for each
 * default.
 */
import { point } from './pointTypes.ts';

/** The §2 points, in CONTRACT.md order. The first reading of each is the default. */
export const REPLY_POINTS = [
  point({
    id: 'reply.opMissing',
    clause: '§2',
    area: 'reply',
    question: 'What happens to a reply record that has no `op`?',
    readings: [
      { id: 'invalid', summary: 'the reply is invalid output' },
      { id: 'replace', summary: 'treated as `replace`' },
      { id: 'ignored', summary: 'the record is ignored' },
    ],
    sources: ['undocumented'],
    why: 'The documentation says how to change or remove a record, each with an `op`; an entry without one follows no documented form. Allowed only with events whose records carry an `op` (see the constraints).',
  }),
  point({
    id: 'reply.opInvalid',
    clause: '§2',
    area: 'reply',
    question: 'What happens to a reply record whose `op` is present but not `replace` or `remove`?',
    readings: [
      { id: 'invalid', summary: 'the reply is invalid output' },
      { id: 'replace', summary: 'treated as `replace`' },
      { id: 'ignored', summary: 'the record is ignored' },
    ],
    sources: ['undocumented'],
    why: 'The documentation names two operations; a third is outside the documented format, and nothing Cognito sends carries one, so no AWS handler returns one.',
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
    why: 'To change a value the documentation asks for `newValue` with `op: "replace"`; a replace without a value has nothing to write.',
  }),
  point({
    id: 'reply.nullEntry',
    clause: '§2',
    area: 'reply',
    question: 'What happens to a `null` record entry in the reply?',
    readings: [
      { id: 'ignored', summary: 'the record is ignored' },
      { id: 'invalid', summary: 'the reply is invalid output' },
      { id: 'remove', summary: 'the record is removed' },
    ],
    sources: ['undocumented; events may carry null entries ([OBS] amazon-cognito-js#61), so echoing one is common'],
    why: 'amazon-cognito-js#61 reports an echoing trigger receiving a null entry, the update "succeeding" with nothing updated remotely, and the client\'s callbacks never firing. The real client against the emulator reproduces those symptoms only with `ignored` (and `reply.replaceSameValue` = `no-op`): `invalid` would fail the update, `remove` would delete the key.',
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
    why: 'The reply must have "the same format as the input", whose values are strings; the API models type record values as strings.',
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
    why: 'The documentation lists what may not change (the read-only fields) and what may (`datasetRecords`); a field it does not name has no role to play, and a lenient JSON reader skips unknown fields.',
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
    why: 'The reply must have "the same format as the input", which always has `datasetRecords`.',
  }),
  point({
    id: 'reply.replaceSameValue',
    clause: '§2',
    area: 'reply',
    question: 'Is a `replace` whose value equals the stored value written?',
    readings: [
      {
        id: 'no-op',
        summary: 'not written: the record keeps its SyncCount (an echoed untouched record changes nothing)',
      },
      { id: 'written', summary: 'written: the record gets the new SyncCount' },
    ],
    sources: [
      '[DOC] the echo blueprint "makes no changes to the data being synced"',
      '[OBS] amazon-cognito-js#61 (with `reply.nullEntry`)',
    ],
    why: 'AWS documents its default blueprint, an echo, as making "no changes to the data being synced". Under `written` an echo rewrites every record and bumps its SyncCount, and two devices using the real client get a false conflict on a key only one of them edited.',
  }),
  point({
    id: 'service.socketTimeoutStatus',
    clause: '§2',
    area: 'service',
    question: 'Which HTTP status does `LambdaSocketTimeoutException` (no reply within 5 s) have?',
    readings: [
      { id: '400', summary: '400, a client error: the SDKs do not retry it, the handler ran once' },
      {
        id: '500',
        summary:
          'a 5xx server error: the SDKs retry it, so the handler runs again for the same change. The model gives the status only: it runs the trigger once per UpdateRecords and does not model that retry (against the emulator, a client that retries runs it again)',
      },
    ],
    sources: ['[DOC] the exception is named, its status is not; the API models do not list it'],
    why: 'The developer guide names the exception with the other trigger failures, which the API models list as 400 client errors (`InvalidLambdaFunctionOutputException`); no source gives its status.',
  }),
] as const;
