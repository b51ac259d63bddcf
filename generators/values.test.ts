import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { syncCase } from './index.ts';

const score = fc.nat({ max: 999_999 }).map(String);

describe('domain values', () => {
  it('draws the user’s keys with values from the user’s arbitraries, often, and no other key collides', () => {
    let withScore = 0;
    fc.assert(
      fc.property(syncCase({ values: { score, level: fc.constantFrom('easy', 'hard') } }), (c) => {
        const entry = c.event.datasetRecords.score;
        if (entry !== undefined) withScore++;
        // Whatever the fate, a value written or stored for a domain key is one the user's arbitrary makes (a new
        // record's oldValue may be "" under one event-shape reading).
        if (entry && typeof entry.newValue === 'string') expect(entry.newValue).toMatch(/^\d+$/);
        const level = c.event.datasetRecords.level;
        if (level && typeof level.newValue === 'string') expect(['easy', 'hard']).toContain(level.newValue);
        if (c.before.score !== undefined) expect(c.before.score).toMatch(/^\d+$/);
      }),
      { numRuns: 300, seed: 11 },
    );
    expect(withScore).toBeGreaterThan(60);
  });

  it('rejects values that are not arbitraries, up front', () => {
    expect(() => syncCase({ values: { score: 'numeric' as unknown as fc.Arbitrary<string> } })).toThrow(
      /values.score must be a fast-check arbitrary/,
    );
    expect(() => syncCase({ values: { '': score } })).toThrow(/1 to 1,024 characters/);
  });
});
