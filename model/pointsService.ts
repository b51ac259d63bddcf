/** Undocumented points of the service's limits and requests (CONTRACT.md §3, §4), with the reason for each default. */
import { point } from './pointTypes.ts';

/** The §3–§4 points, in CONTRACT.md order. The first reading of each is the default. */
export const SERVICE_POINTS = [
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
    why: 'The machine-readable service models, which the SDKs validate against, say 1,048,575; the 1 MB dataset limit bounds a value below both anyway.',
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
    why: 'UpdateRecords answers a dataset over its limits with `LimitExceededException` (API model); the default assumes the same check runs after the trigger.',
  }),
  point({
    id: 'service.replacePatchWithoutValue',
    clause: '§4',
    area: 'service',
    question: 'What does UpdateRecords do with a `replace` RecordPatch that has no `Value`?',
    readings: [
      { id: 'empty-string', summary: 'the record is written with the empty string' },
      { id: 'remove', summary: 'the record is removed, as a record without a value reads in ListRecords' },
      { id: 'invalid-parameter', summary: 'the request fails with `InvalidParameterException`' },
    ],
    sources: ['[MODEL] RecordPatch.Value is optional, minimum length 0', '[SDK] no AWS client sends it'],
    why: 'The API models accept the request (`Value` is optional) and allow an empty value; no AWS client sends it (amazon-cognito-js sends `remove` for a record without a value), so nothing is observed. The default writes the shortest legal value, as the model always has.',
  }),
] as const;
