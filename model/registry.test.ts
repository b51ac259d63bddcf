/** The registry's helpers: which points a choice of readings sets away from the defaults. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_READINGS, nonDefaultPoints, OPEN_POINTS, resolveReadings } from './index.ts';

describe('nonDefaultPoints', () => {
  it('is empty for the defaults, full or partial', () => {
    expect(nonDefaultPoints(DEFAULT_READINGS)).toStrictEqual([]);
    expect(nonDefaultPoints({})).toStrictEqual([]);
    expect(nonDefaultPoints({ 'reply.nullEntry': DEFAULT_READINGS['reply.nullEntry'] })).toStrictEqual([]);
  });

  it('names the points set away from their default, in registry order', () => {
    const resolved = resolveReadings({ 'reply.replaceSameValue': 'written', 'reply.nullEntry': 'remove' });
    if (!resolved.ok) throw new Error(resolved.problems.join('; '));
    const order = OPEN_POINTS.map((p) => p.id);
    const expected = (['reply.nullEntry', 'reply.replaceSameValue'] as const)
      .slice()
      .sort((a, b) => order.indexOf(a) - order.indexOf(b));
    expect(nonDefaultPoints(resolved.readings)).toStrictEqual(expected);
  });
});
