/**
 * Evidence that the default settings reach every class of edge case (fc.statistics-style, but asserted): 2,000
 * seeded `syncCase()`s, each class counted. The table is snapshotted, so a change of the generators' bias shows
 * up in review as a change of these numbers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classesOf, FORCEABLE_CLASSES, OBSERVED_CLASSES, type ScenarioClass } from './_internal/scenarioClasses.ts';
import { syncCase } from './syncCase.ts';

describe('coverage at default settings', () => {
  it('reaches every class in 2,000 seeded cases', () => {
    const counts = new Map<ScenarioClass, number>([...FORCEABLE_CLASSES, ...OBSERVED_CLASSES].map((c) => [c, 0]));
    for (const c of fc.sample(syncCase(), { seed: 42, numRuns: 2000 }))
      for (const cls of classesOf(c)) counts.set(cls, (counts.get(cls) ?? 0) + 1);
    const table = Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
    // "A few times" with margin: at least 1% of the cases for every class, forced or merely observed — except entries
    // without op, which the model's constraints exclude at the default reply readings (an echo of them would fail).
    for (const [cls, n] of counts)
      if (cls === 'entries-without-op') expect(n, cls).toBe(0);
      else expect(n, cls).toBeGreaterThanOrEqual(20);
    expect(table).toMatchSnapshot();
  });

  it('reaches entries without op where the reply readings accept an echo of them', () => {
    const cases = fc.sample(syncCase({ readings: { 'reply.opMissing': 'replace' } }), { seed: 42, numRuns: 2000 });
    const n = cases.filter((c) => classesOf(c).includes('entries-without-op')).length;
    expect(n).toBeGreaterThanOrEqual(20);
  });
});
