import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_KEY_LENGTH, SDK_KEY_PATTERN, utf8Bytes } from '../model/index.ts';
import { recordKey } from './recordKey.ts';
import { PROTOTYPE_KEYS } from './_internal/strings.ts';

/** True when `s` has a lone surrogate (no client could send it: it has no UTF-8 encoding). */
const hasLoneSurrogate = (s: string): boolean => /\p{Surrogate}/u.test(s);

describe('recordKey', () => {
  it('draws keys of 1–1,024 code units with no lone surrogate', () => {
    fc.assert(
      fc.property(recordKey(), (k) => {
        expect(k.length).toBeGreaterThanOrEqual(1);
        expect(k.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
        expect(hasLoneSurrogate(k)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps to the JS SDK pattern when sdkSafe', () => {
    fc.assert(
      fc.property(recordKey({ sdkSafe: true }), (k) => SDK_KEY_PATTERN.test(k)),
      { numRuns: 500 },
    );
  });

  it('keeps to maxLength', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(fc.constant(n), recordKey({ maxLength: n }))),
        ([n, k]) => k.length >= 1 && k.length <= n,
      ),
      { numRuns: 300 },
    );
  });

  it('reaches the boundaries and the corner classes', () => {
    const keys = fc.sample(recordKey(), { seed: 7, numRuns: 3000 });
    const lengths = new Set(keys.map((k) => k.length));
    const bytes = new Set(keys.map(utf8Bytes));
    expect(lengths.has(1)).toBe(true);
    expect(lengths.has(MAX_KEY_LENGTH)).toBe(true);
    expect(bytes.has(128)).toBe(true);
    expect(bytes.has(129)).toBe(true);
    for (const p of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) expect(keys).toContain(p);
    expect(keys.some((k) => /\p{Extended_Pictographic}/u.test(k))).toBe(true);
    expect(keys.some((k) => /[\u0590-\u06ff]/u.test(k))).toBe(true);
    expect(keys.some((k) => /[:.\-_]/.test(k))).toBe(true);
    expect(keys.some((k) => !SDK_KEY_PATTERN.test(k))).toBe(true);
  });

  it('includes every prototype-named key in its sdk-safe draws', () => {
    const keys = new Set(fc.sample(recordKey({ sdkSafe: true }), { seed: 3, numRuns: 3000 }));
    for (const p of PROTOTYPE_KEYS) expect(keys.has(p), p).toBe(true);
    expect([...keys].some((k) => k.length === 128)).toBe(true);
  });
});
