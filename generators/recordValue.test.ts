import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordValue } from './recordValue.ts';

describe('recordValue', () => {
  it('keeps to maxLength with no lone surrogate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }).chain((n) => fc.tuple(fc.constant(n), recordValue({ maxLength: n }))),
        ([n, v]) => {
          expect(v.length).toBeLessThanOrEqual(n);
          expect(/\p{Surrogate}/u.test(v)).toBe(false);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reaches the empty string, lookalikes, JSON, numbers, unicode and the limit itself', () => {
    const values = fc.sample(recordValue({ maxLength: 5000 }), { seed: 11, numRuns: 2000 });
    expect(values).toContain('');
    for (const v of ['null', 'undefined', 'true']) expect(values).toContain(v);
    expect(values.some((v) => v.length === 5000)).toBe(true);
    expect(values.some((v) => v.length === 4096)).toBe(true);
    expect(values.some((v) => /^-?\d+$/.test(v))).toBe(true);
    expect(values.some((v) => v.startsWith('{') && v.endsWith('}'))).toBe(true);
    expect(values.some((v) => /[^\x20-\x7e]/.test(v))).toBe(true);
  });

  it('reaches the default maximum, the models’ 1,048,575', () => {
    const values = fc.sample(recordValue(), { seed: 5, numRuns: 400 });
    expect(values.some((v) => v.length === 1_048_575)).toBe(true);
    expect(values.every((v) => v.length <= 1_048_575)).toBe(true);
  });
});
