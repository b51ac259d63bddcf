/** Failure signatures: what makes two failures of a check the same bug. */
import { describe, expect, it } from 'vitest';
import type { Violation } from '../model/index.ts';
import type { CaseOutcome } from '../suites/check.ts';
import { failureSignature } from './signature.ts';

const judged = (...violations: Violation[]): Extract<CaseOutcome, { ok: false }> => ({
  ok: false,
  messages: ['wrong'],
  evidence: {
    event: {},
    invocations: [{ kind: 'replied', json: '{}', ms: 1, logs: '' }],
    violations,
    stored: {},
    expected: {},
    resulting: null,
  },
});

const records: Violation = {
  code: 'too-many-records',
  count: 1025,
  limit: 1024,
  path: '$.datasetRecords',
  clause: '§3',
};
const bytes: Violation = {
  code: 'dataset-too-large',
  bytes: 1048598,
  limit: 1048576,
  path: '$.datasetRecords',
  clause: '§3',
};
const value: Violation = {
  code: 'non-string-value',
  key: 'score',
  actual: 'number',
  path: '$.datasetRecords.score',
  clause: '§2',
};

describe('failureSignature', () => {
  it('signs a judged reply by its check and the first thing wrong with it', () => {
    const alone = failureSignature('limits/within-limits', judged(records));
    // A bigger case of the same bug breaks the size limit too: still one bug.
    expect(failureSignature('limits/within-limits', judged(records, bytes)).key).toBe(alone.key);
    expect(failureSignature('limits/within-limits', judged(value)).key).not.toBe(alone.key);
    expect(failureSignature('reply/record-format', judged(records)).key).not.toBe(alone.key);
    expect(alone.kind).toBe('check');
  });

  it('signs a property by the property, in sessions as on single events', () => {
    expect(failureSignature('user/score/sessions', judged()).key).toBe(failureSignature('user/score', judged()).key);
  });
});
