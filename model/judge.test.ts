import { describe, expect, it } from 'vitest';
import { buildEvent } from './buildEvent.ts';
import { judge, judgeResult, type LambdaResult } from './judge.ts';
import { DEFAULT_READINGS, type Readings } from './registry.ts';
import { ds, ID, rec } from './testkit.test-helpers.ts';
import type { SyncTriggerEvent } from './types.ts';
import { describeViolation } from './violations.ts';

const stored = ds([rec('score', '10'), rec('name', 'ann'), rec('temp', 'x')]);
const event = buildEvent(stored, [{ op: 'replace', key: 'score', value: '11', syncCount: 1 }], ID);
type Mut = (e: Record<string, unknown> & { datasetRecords: Record<string, unknown> }) => unknown;
const reply = (mut: Mut): string => {
  const copy = JSON.parse(JSON.stringify(event)) as Parameters<Mut>[0];
  const out = mut(copy);
  return JSON.stringify(out === undefined ? copy : out);
};
const r = (over: Partial<Readings>): Readings => ({ ...DEFAULT_READINGS, ...over });

interface Row {
  clause: string;
  mut: Mut;
  readings?: Partial<Readings>;
  /** expected live values when accepted, or the error name when rejected */
  expected: Record<string, string> | string;
  code?: string;
}

const rows: Row[] = [
  {
    clause: '§2 echo applies the user change',
    mut: () => undefined,
    expected: { score: '11', name: 'ann', temp: 'x' },
  },
  {
    clause: '§2 change a value: newValue + replace',
    mut: (e) => void (e.datasetRecords.name = { oldValue: 'ann', newValue: 'ANN', op: 'replace' }),
    expected: { score: '11', name: 'ANN', temp: 'x' },
  },
  {
    clause: '§2 remove by op remove whatever newValue says',
    mut: (e) => void (e.datasetRecords.temp = { oldValue: 'x', newValue: 'x', op: 'remove' }),
    expected: { score: '11', name: 'ann' },
  },
  {
    clause: '§2 remove by newValue null',
    mut: (e) => void (e.datasetRecords.temp = { oldValue: 'x', newValue: null, op: 'replace' }),
    expected: { score: '11', name: 'ann' },
  },
  {
    clause: '§2 add a record by adding a key',
    mut: (e) => void (e.datasetRecords.added = { newValue: 'new', op: 'replace' }),
    expected: { score: '11', name: 'ann', temp: 'x', added: 'new' },
  },
  {
    clause: '§2 omitted record is ignored: the user change is dropped',
    mut: (e) => {
      delete e.datasetRecords.score;
    },
    expected: { score: '10', name: 'ann', temp: 'x' },
  },
  {
    clause: '§2 handler value wins over the user value',
    mut: (e) => void (e.datasetRecords.score = { oldValue: '10', newValue: '99', op: 'replace' }),
    expected: { score: '99', name: 'ann', temp: 'x' },
  },
  {
    clause: '§2 read-only field changed (eventType)',
    mut: (e) => void (e.eventType = 'Other'),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'read-only-field-changed',
  },
  {
    clause: '§2 read-only field changed (version "2")',
    mut: (e) => void (e.version = '2'),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'read-only-field-changed',
  },
  {
    clause: '§2 read-only field dropped (identityId)',
    mut: (e) => {
      delete e.identityId;
    },
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'read-only-field-missing',
  },
  {
    clause: '§2 reply null is invalid',
    mut: () => null,
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'reply-not-object',
  },
  {
    clause: '§2 reply a string is invalid',
    mut: () => 'ok',
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'reply-not-object',
  },
  {
    clause: '§2 reply a list is invalid',
    mut: () => [1],
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'reply-not-object',
  },
  {
    clause: '§2 datasetRecords an array is invalid',
    mut: (e) => void (e.datasetRecords = [] as unknown as Record<string, unknown>),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'dataset-records-not-object',
  },
  {
    clause: '§2 record entry a string is invalid',
    mut: (e) => void (e.datasetRecords.name = 'ann'),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'record-not-object',
  },
  {
    clause: '§2 [OPEN] invalid op (default invalid)',
    mut: (e) => void (e.datasetRecords.name = { newValue: 'a', op: 'REPLACE' }),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'invalid-op',
  },
  {
    clause: '§2 [OPEN] missing op (default invalid)',
    mut: (e) => void (e.datasetRecords.name = { newValue: 'a' }),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'invalid-op',
  },
  {
    clause: '§2 [OPEN] missing op read as replace',
    readings: { 'reply.opMissing': 'replace' },
    mut: (e) => void (e.datasetRecords.name = { newValue: 'a' }),
    expected: { score: '11', name: 'a', temp: 'x' },
  },
  {
    clause: '§2 [OPEN] invalid op ignored',
    readings: { 'reply.opInvalid': 'ignored' },
    mut: (e) => void (e.datasetRecords.name = { newValue: 'a', op: 'set' }),
    expected: { score: '11', name: 'ann', temp: 'x' },
  },
  {
    clause: '§2 [OPEN] replace without newValue (default invalid)',
    mut: (e) => void (e.datasetRecords.name = { op: 'replace' }),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'missing-new-value',
  },
  {
    clause: '§2 [OPEN] replace without newValue read as remove',
    readings: { 'reply.replaceWithoutValue': 'remove' },
    mut: (e) => void (e.datasetRecords.name = { op: 'replace' }),
    expected: { score: '11', temp: 'x' },
  },
  {
    clause: '§2 [OPEN] null entry read as invalid',
    readings: { 'reply.nullEntry': 'invalid' },
    mut: (e) => void (e.datasetRecords.name = null),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'record-null-entry',
  },
  {
    clause: '§2 [OPEN] null entry read as remove',
    readings: { 'reply.nullEntry': 'remove' },
    mut: (e) => void (e.datasetRecords.name = null),
    expected: { score: '11', temp: 'x' },
  },
  {
    clause: '§2 [OPEN] null entry ignored (default, amazon-cognito-js#61)',
    mut: (e) => void (e.datasetRecords.name = null),
    expected: { score: '11', name: 'ann', temp: 'x' },
  },
  {
    clause: '§2 [OPEN] number newValue (default invalid)',
    mut: (e) => void (e.datasetRecords.score = { newValue: 11, op: 'replace' }),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'non-string-value',
  },
  {
    clause: '§2 [OPEN] number newValue coerced',
    readings: { 'reply.nonStringValue': 'coerced' },
    mut: (e) => void (e.datasetRecords.score = { newValue: 12, op: 'replace' }),
    expected: { score: '12', name: 'ann', temp: 'x' },
  },
  {
    clause: '§2 [OPEN] object newValue invalid even when coerced',
    readings: { 'reply.nonStringValue': 'coerced' },
    mut: (e) => void (e.datasetRecords.score = { newValue: { a: 1 }, op: 'replace' }),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'non-string-value',
  },
  {
    clause: '§2 [OPEN] extra top-level field ignored (default)',
    mut: (e) => void (e.extra = 1),
    expected: { score: '11', name: 'ann', temp: 'x' },
  },
  {
    clause: '§2 [OPEN] extra top-level field invalid',
    readings: { 'reply.extraTopLevelField': 'invalid' },
    mut: (e) => void (e.extra = 1),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'extra-top-level-field',
  },
  {
    clause: '§2 [OPEN] datasetRecords missing (default invalid)',
    mut: (e) => {
      delete (e as Partial<typeof e>).datasetRecords;
    },
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'dataset-records-missing',
  },
  {
    clause: '§2 [OPEN] datasetRecords missing: no change',
    readings: { 'reply.datasetRecordsMissing': 'no-change' },
    mut: (e) => {
      delete (e as Partial<typeof e>).datasetRecords;
    },
    expected: { score: '10', name: 'ann', temp: 'x' },
  },
  {
    clause: '§3 key over 1,024 chars is invalid output',
    mut: (e) => void (e.datasetRecords['k'.repeat(1025)] = { newValue: 'v', op: 'replace' }),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'key-too-long',
  },
  {
    clause: '§3 empty key is invalid output',
    mut: (e) => void (e.datasetRecords[''] = { newValue: 'v', op: 'replace' }),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'key-empty',
  },
  {
    clause: '§3 [OPEN] value over 1,048,575 chars (models)',
    mut: (e) => void (e.datasetRecords.big = { newValue: 'v'.repeat(1048576), op: 'replace' }),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'value-too-long',
  },
  {
    clause: '§3 more than 1,024 records: LimitExceeded (default)',
    mut: (e) =>
      void Array.from({ length: 1022 }, (_, i) => (e.datasetRecords[`k${i}`] = { newValue: '', op: 'replace' })),
    expected: 'LimitExceededException',
    code: 'too-many-records',
  },
  {
    clause: '§3 [OPEN] limit error as invalid output',
    readings: { 'service.limitErrorCode': 'invalid-output' },
    mut: (e) =>
      void Array.from({ length: 1022 }, (_, i) => (e.datasetRecords[`k${i}`] = { newValue: '', op: 'replace' })),
    expected: 'InvalidLambdaFunctionOutputException',
    code: 'too-many-records',
  },
  {
    clause: '§3 over 1 MB of keys+values: LimitExceeded',
    mut: (e) => void (e.datasetRecords.big = { newValue: 'é'.repeat(524_288), op: 'replace' }),
    expected: 'LimitExceededException',
    code: 'dataset-too-large',
  },
];

describe('judge — CONTRACT §2, §3', () => {
  it.each(rows)('$clause', ({ mut, readings, expected, code }) => {
    const v = judge(event, reply(mut), { readings: r(readings ?? {}) });
    if (typeof expected === 'string') {
      expect(v.status).toBe('rejected');
      if (v.status !== 'rejected') return;
      expect(v.error.name).toBe(expected);
      expect(v.violations.map((x) => x.code)).toContain(code);
      for (const x of v.violations) expect(describeViolation(x)).toMatch(/CONTRACT §/);
    } else {
      expect(v.status, JSON.stringify(v.violations)).toBe('accepted');
      if (v.status === 'accepted') expect({ ...v.after }).toStrictEqual(expected);
    }
  });

  it('§2 the reply is judged as JSON: undefined fields vanish, Dates become strings', () => {
    const withDate = {
      ...event,
      datasetRecords: { ...event.datasetRecords, when: { newValue: new Date(0), op: 'replace' } },
    };
    const v = judge(event, JSON.stringify(withDate));
    expect(v.status === 'accepted' && v.after.when).toBe('1970-01-01T00:00:00.000Z');
  });

  it('§2 a reply past 5 s is LambdaSocketTimeoutException and writes nothing', () => {
    const v = judge(event, JSON.stringify(event), { replyMs: 5001 });
    expect(v.status === 'rejected' && v.error).toMatchObject({ name: 'LambdaSocketTimeoutException', status: 400 });
  });

  describe('§2 service.socketTimeoutStatus: the status of a missed deadline', () => {
    const late: [string, LambdaResult | { replyMs: number }][] = [
      ['a reply past 5 s', { replyMs: 5001 }],
      ['a reply measured past 5 s', { kind: 'reply', json: JSON.stringify(event), ms: 5001 }],
      ['no reply at all', { kind: 'timeout', ms: 5250 }],
      ['an error thrown past 5 s', { kind: 'error', errorType: 'Error', errorMessage: 'late', ms: 6000 }],
    ];
    const under = (readings: Readings, how: LambdaResult | { replyMs: number }) =>
      'replyMs' in how
        ? judge(event, JSON.stringify(event), { readings, replyMs: how.replyMs })
        : judgeResult(event, how, { readings });

    it.each(late)('%s is LambdaSocketTimeoutException with status 500 under the reading 500', (_, how) => {
      const v = under(r({ 'service.socketTimeoutStatus': '500' }), how);
      expect(v.status).toBe('rejected');
      if (v.status !== 'rejected') return;
      expect(v.error).toStrictEqual({
        name: 'LambdaSocketTimeoutException',
        status: 500,
        message: 'The Lambda function did not respond in time.',
      });
      expect(v.violations.map((x) => x.code)).toStrictEqual(['deadline-exceeded']);
      // The verdict names the reading it rests on, so a report can say so.
      expect(v.consulted).toStrictEqual(['service.socketTimeoutStatus']);
    });

    it.each(late)('%s is status 400 under the default reading', (_, how) => {
      expect(DEFAULT_READINGS['service.socketTimeoutStatus']).toBe('400');
      const v = under(DEFAULT_READINGS, how);
      expect(v.status === 'rejected' && v.error).toMatchObject({ name: 'LambdaSocketTimeoutException', status: 400 });
    });

    it('does not touch a reply within the deadline, nor a handler error within it', () => {
      const readings = r({ 'service.socketTimeoutStatus': '500' });
      const onTime = judge(event, JSON.stringify(event), { readings, replyMs: 5000 });
      expect(onTime.status).toBe('accepted');
      expect(onTime.consulted).not.toContain('service.socketTimeoutStatus');
      const thrown = judgeResult(event, { kind: 'error', errorType: 'Error', errorMessage: 'x', ms: 10 }, { readings });
      expect(thrown.status === 'rejected' && thrown.error).toMatchObject({
        name: 'InvalidLambdaFunctionOutputException',
        status: 400,
      });
    });
  });

  it('§2 a handler error is InvalidLambdaFunctionOutputException (400)', () => {
    const v = judgeResult(event, { kind: 'error', errorType: 'TypeError', errorMessage: 'x.split is not a function' });
    expect(v.status === 'rejected' && v.error).toMatchObject({
      name: 'InvalidLambdaFunctionOutputException',
      status: 400,
    });
    expect(v.violations[0]?.code).toBe('handler-error');
  });

  it('§2 omission is reported: omitted keys and the user changes they drop', () => {
    const v = judge(
      event,
      reply((e) => {
        delete e.datasetRecords.score;
      }),
    );
    expect(v.status === 'accepted' && v.omissions).toStrictEqual({ omitted: ['score'], droppedUserChanges: ['score'] });
  });

  it('§2 [OPEN] a replace with the stored value is a no-op by default (an echo changes nothing), written under the alternative', () => {
    const e: SyncTriggerEvent = buildEvent(stored, [], ID);
    const noop = judge(e, JSON.stringify(e));
    const written = judge(e, JSON.stringify(e), { readings: r({ 'reply.replaceSameValue': 'written' }) });
    expect(written.status === 'accepted' && written.changes.length).toBe(3);
    expect(noop.status === 'accepted' && noop.changes.length).toBe(0);
    expect(noop.consulted).toContain('reply.replaceSameValue');
  });

  it('judges prototype-named keys as ordinary keys', () => {
    const e = buildEvent(ds([rec('__proto__', 'a'), rec('constructor', 'b')]), [], ID);
    const v = judge(e, JSON.stringify(e));
    expect(v.status === 'accepted' && Object.keys(v.after)).toStrictEqual(['__proto__', 'constructor']);
  });
});
