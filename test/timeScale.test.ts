import { describe, expect, it } from 'vitest';
import { MAX_DERIVED_TIME_SCALE, timeScaleFor } from './timeScale.test-helpers.ts';

describe('timeScaleFor', () => {
  it('takes a set variable as it is', () => {
    expect(timeScaleFor('3', 0, 2)).toBe(3);
    expect(timeScaleFor('1.5', 40, 2)).toBe(1.5);
  });

  it('refuses a factor that would shorten limits or is not a number', () => {
    expect(() => timeScaleFor('0.5', 0, 2)).toThrow(/at least 1/);
    expect(() => timeScaleFor('fast', 0, 2)).toThrow(/CSC_TEST_TIME_SCALE/);
  });

  it('follows the load per core when unset', () => {
    expect(timeScaleFor(undefined, 0, 2)).toBe(1);
    expect(timeScaleFor('', 0.2, 2)).toBe(1.1);
    expect(timeScaleFor(undefined, 2, 2)).toBe(2);
    expect(timeScaleFor(undefined, 6, 2)).toBe(4);
    expect(timeScaleFor(undefined, 4, 8)).toBe(1.5);
  });

  it('caps the derived factor', () => {
    expect(timeScaleFor(undefined, 500, 2)).toBe(MAX_DERIVED_TIME_SCALE);
  });
});
