/** The format checks' view of a reply, on replies no serializer survives (100,000 levels of nesting). */
import { describe, expect, it } from 'vitest';
import { buildEvent } from '../../model/index.ts';
import { ID, rec } from '../../model/testkit.test-helpers.ts';
import { formatViolations, withoutEchoedEntries } from './format.ts';

const event = buildEvent({ datasetName: 'd', records: [rec('a', '1'), rec('__proto__', '2')] }, [], ID);
const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
const text = JSON.stringify(event);

describe('format views of a hostile reply', () => {
  it('leave out echoed entries of a reply with a deep extra field, keeping __proto__ as a key', () => {
    const reply = text.replace(
      '"datasetRecords":{',
      `"extra":${deep},"datasetRecords":{"x":{"newValue":"1","op":"replace"},`,
    );
    const out = withoutEchoedEntries(event, reply);
    expect(out.endsWith('"datasetRecords":{"x":{"newValue":"1","op":"replace"}}}')).toBe(true);
    expect(out).toContain(`"extra":${deep}`);
    const proto = text.replace('"newValue":"2"', '"newValue":"3"');
    const parsed = JSON.parse(withoutEchoedEntries(event, proto)) as { datasetRecords: Record<string, unknown> };
    expect(Object.keys(parsed.datasetRecords)).toStrictEqual(['__proto__']);
  });

  it('judge the format of a reply with a deep read-only field', () => {
    const reply = text.replace(`"datasetName":"d"`, `"datasetName":${deep}`);
    expect(formatViolations(event, reply).map((v) => v.code)).toStrictEqual(['read-only-field-changed']);
  });
});
