/**
 * Replies no serializer survives: 100,000 levels of nesting (`JSON.parse` reads them; `JSON.stringify`,
 * `structuredClone` and recursive walks overflow the stack) and bytes that are not UTF-8. Every model function that
 * walks a reply judges them, and what it returns can be serialized, cloned and shown.
 */
import { describe, expect, it } from 'vitest';
import { buildEvent } from './buildEvent.ts';
import { dependsOnReadings, outcomeOf } from './dependence.ts';
import { classifyOmissions, sameValues } from './effects.ts';
import { toLambdaResult } from './invocation.ts';
import { judge, judgeResult, type Verdict } from './judge.ts';
import { boundedCopy, jsonText } from './jsonWalk.ts';
import { DEFAULT_READINGS } from './registry.ts';
import { ds, ID, rec } from './testkit.test-helpers.ts';
import { describeViolation } from './violations.ts';

const DEPTH = 100_000;
const deepText = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
const deepObjectText = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
const event = buildEvent(ds([rec('score', '10')]), [{ op: 'replace', key: 'score', value: '11', syncCount: 1 }], ID);
const eventText = JSON.stringify(event);
/** The event's JSON with `"<field>":<raw>` spliced in before `datasetRecords` (a raw text no serializer writes). */
const withField = (field: string, raw: string): string =>
  eventText.replace('"datasetRecords":', `${JSON.stringify(field)}:${raw},"datasetRecords":`);
const withEntry = (raw: string): string => eventText.replace('"datasetRecords":{', `"datasetRecords":{"deep":${raw},`);

/** The verdict is plain data: it serializes, clones and words without overflowing. */
function usable(v: Verdict): void {
  expect(() => JSON.stringify(v)).not.toThrow();
  expect(() => structuredClone(v)).not.toThrow();
  for (const violation of v.violations) expect(describeViolation(violation).length).toBeLessThan(400);
}

describe('a reply nested 100,000 levels deep', () => {
  it('in a read-only field: rejected, the violation keeping a bounded copy of the value', () => {
    for (const raw of [deepText, deepObjectText]) {
      const v = judge(
        event,
        withField('identityId', raw).replace(`"identityId":${JSON.stringify(ID.identityId)},`, ''),
      );
      expect(v.status).toBe('rejected');
      expect(v.violations.map((x) => x.code)).toStrictEqual(['read-only-field-changed']);
      usable(v);
      expect(describeViolation(v.violations[0] as (typeof v.violations)[number])).toMatch(
        /changed from "us-east-1:[^"]+" to [[{].*"…"/,
      );
    }
  });

  it('in an extra top-level field: ignored by default, invalid under the other reading', () => {
    const reply = withField('extra', deepText);
    const accepted = judge(event, reply);
    expect(accepted.status).toBe('accepted');
    usable(accepted);
    const strict = judge(event, reply, { readings: { ...DEFAULT_READINGS, 'reply.extraTopLevelField': 'invalid' } });
    expect(strict.violations.map((x) => x.code)).toStrictEqual(['extra-top-level-field']);
    usable(strict);
  });

  it('in a record entry, its op, its newValue or a field of its own', () => {
    const cases: [string, string][] = [
      [deepText, 'record-not-object'],
      [`{"newValue":"v","op":${deepText}}`, 'invalid-op'],
      [`{"newValue":${deepObjectText},"op":"replace"}`, 'non-string-value'],
      [`{"newValue":"v","op":"replace","note":${deepText}}`, ''],
    ];
    for (const [raw, code] of cases) {
      const v = judge(event, withEntry(raw));
      expect(v.violations.map((x) => x.code)).toStrictEqual(code ? [code] : []);
      usable(v);
    }
  });

  it('through judgeResult, the dependence on readings, and the comparisons of outcomes', () => {
    const reply = withEntry(`{"newValue":${deepText},"op":"replace"}`);
    const result = toLambdaResult({ kind: 'replied', json: reply, ms: 1, logs: '' });
    expect(judgeResult(event, result).status).toBe('rejected');
    const deps = dependsOnReadings(event, result);
    expect(deps.map((d) => d.point)).toStrictEqual([]);
    expect(() => JSON.stringify(deps)).not.toThrow();
    const accepted = judge(event, withField('extra', deepText));
    expect(outcomeOf(accepted)).toMatch(/^accepted: /);
    if (accepted.status === 'accepted') {
      expect(sameValues(accepted.after, accepted.before)).toBe(false);
      expect(
        classifyOmissions(event, JSON.parse(withField('extra', deepText)) as Record<string, unknown>).omitted,
      ).toStrictEqual(['score']);
    }
  });

  it('is written back by jsonText exactly, and cut by boundedCopy to a few levels', () => {
    const parsed = JSON.parse(deepObjectText) as unknown;
    expect(jsonText(parsed)).toBe(deepObjectText);
    expect(jsonText(JSON.parse(deepText))).toBe(deepText);
    expect(jsonText(parsed, 20)).toBe(`${'{"a":'.repeat(3)}{"a"…`);
    const cut = boundedCopy(parsed, { depth: 3 });
    expect(JSON.stringify(cut)).toBe('{"a":{"a":{"a":"…"}}}');
    expect(JSON.stringify(boundedCopy(JSON.parse('{"__proto__":[1,2,3]}'), { entries: 2 }))).toBe(
      '{"__proto__":[1,2]}',
    );
  });
});

describe('a reply that is not UTF-8', () => {
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

  it('is invalid output when judged as bytes, and judged as its text when the bytes are valid', () => {
    const bad = Uint8Array.from([...bytes(eventText.slice(0, -2)), 0xff, 0xfe, ...bytes('}}')]);
    const v = judge(event, bad);
    expect(v.status === 'rejected' && v.error.name).toBe('InvalidLambdaFunctionOutputException');
    expect(v.violations.map((x) => x.code)).toStrictEqual(['reply-not-utf8']);
    expect(describeViolation(v.violations[0] as (typeof v.violations)[number])).toMatch(/not valid UTF-8/);
    expect(outcomeOf(judge(event, bytes(eventText)))).toBe(outcomeOf(judge(event, eventText)));
    // A lone surrogate half encoded as UTF-8 (CESU) is not UTF-8 either.
    expect(judge(event, Uint8Array.from([0x22, 0xed, 0xa0, 0x80, 0x22])).violations[0]?.code).toBe('reply-not-utf8');
  });

  it('is invalid output when the runner says the bytes were not UTF-8, whatever the decoded text says', () => {
    const outcome = { kind: 'replied', json: eventText, ms: 1, logs: '', invalidUtf8: true } as const;
    const v = judgeResult(event, toLambdaResult(outcome));
    expect(v.violations.map((x) => x.code)).toStrictEqual(['reply-not-utf8']);
    expect(judgeResult(event, toLambdaResult({ ...outcome, invalidUtf8: false })).status).toBe('accepted');
  });
});
