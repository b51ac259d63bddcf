import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedReadings, brokenConstraints, DEFAULT_READINGS, OPEN_POINTS } from '../model/index.ts';
import { EVENT_POINTS, eventReadings } from './eventReadings.ts';

describe('eventReadings', () => {
  it('draws only event points; reply and service points stay at their defaults', () => {
    fc.assert(
      fc.property(eventReadings(), (r) => {
        for (const p of OPEN_POINTS) {
          expect(p.readings.map((x) => x.id)).toContain(r[p.id]);
          if (p.area !== 'event') expect(r[p.id]).toBe(DEFAULT_READINGS[p.id]);
        }
      }),
    );
  });

  it('reaches every reading the constraints allow beside the reply readings, defaults most often', () => {
    for (const pinned of [{}, { 'reply.opMissing': 'replace' } as const]) {
      const base = { ...DEFAULT_READINGS, ...pinned };
      const drawn = fc.sample(eventReadings({ pinned }), { seed: 9, numRuns: 600 });
      for (const r of drawn) expect(brokenConstraints(r)).toStrictEqual([]);
      for (const p of EVENT_POINTS) {
        const allowed = allowedReadings(p.id, base);
        for (const reading of p.readings)
          expect(
            drawn.some((r) => r[p.id] === reading.id),
            `${p.id}=${reading.id}`,
          ).toBe(allowed.includes(reading.id));
        const defaults = drawn.filter((r) => r[p.id] === DEFAULT_READINGS[p.id]).length;
        expect(defaults).toBeGreaterThan(drawn.length / 2);
      }
    }
    // Records without op reach handlers only where an echo of them is accepted.
    expect(allowedReadings('event.untouchedRecord', DEFAULT_READINGS)).toStrictEqual(['replace-same']);
  });

  it('holds pinned readings, of any area, and the rest at defaults when asked', () => {
    const pinned = { 'event.untouchedTombstone': 'null-entry', 'reply.nullEntry': 'remove' } as const;
    fc.assert(
      fc.property(
        eventReadings({ pinned }),
        (r) => r['event.untouchedTombstone'] === 'null-entry' && r['reply.nullEntry'] === 'remove',
      ),
    );
    fc.assert(
      fc.property(eventReadings({ pinned, defaultsOnly: true }), (r) => {
        expect(r).toStrictEqual({ ...DEFAULT_READINGS, ...pinned });
      }),
    );
  });
});
