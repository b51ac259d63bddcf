/** Huge values for people: elided with their size, inside the JSON they sit in; short text left alone. */
import { describe, expect, it } from 'vitest';
import { clip, elideJson, readableJson } from './elide.ts';

describe('eliding huge values', () => {
  it('shortens a long string literal to its start and the size of the whole', () => {
    const json = JSON.stringify({ k: 'x'.repeat(1_048_000), short: 'ok' });
    const text = elideJson(json, 12);
    expect(text).toBe('{"k":"xxxxxxxxx…" (1,048,002 chars),"short":"ok"}');
  });

  it('leaves text that fits alone, and never splits a surrogate pair or an escape-free key', () => {
    expect(elideJson('{"a":"b"}', 100)).toBe('{"a":"b"}');
    const emoji = JSON.stringify('😀'.repeat(50));
    expect(elideJson(emoji, 6)).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('clip cuts text with the size of the whole; readableJson does both', () => {
    expect(clip('x'.repeat(5000), 3)).toBe('xxx… (5,000 chars)');
    expect(clip('short', 10)).toBe('short');
    const json = JSON.stringify({ a: 'y'.repeat(500), b: 'z'.repeat(500) });
    const text = readableJson(json, { string: 10, total: 40 });
    expect(text).toMatch(/^\{"a":"y{7}…" \(502 chars\),"b":"z+… \(\d+ chars\)$/);
  });
});
