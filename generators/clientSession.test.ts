/** Client sessions: devices folded onto the count drawn, the handler's keys first, the user's domain values kept. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientSession } from './clientSession.ts';

describe('clientSession', () => {
  it('names only devices and keys the session holds, and never has a device sync between its own steps', () => {
    fc.assert(
      fc.property(clientSession({ maxDevices: 4, maxSteps: 12 }), (s) => {
        expect(s.devices).toBeGreaterThanOrEqual(2);
        expect(s.devices).toBeLessThanOrEqual(4);
        for (const st of s.steps) {
          expect(st.device).toBeLessThan(s.devices);
          if (st.kind === 'edit' || st.kind === 'delete') expect(st.key).toBeLessThan(s.keys.length);
          if (st.kind === 'sync' && st.between !== undefined) {
            expect(st.between).toBeLessThan(s.devices);
            expect(st.between).not.toBe(st.device);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('always holds an edit, so that some device has something to push and the trigger runs', () => {
    fc.assert(
      fc.property(clientSession({ maxSteps: 6 }), (s) => {
        expect(s.steps.some((st) => st.kind === 'edit')).toBe(true);
        expect(s.steps.length).toBeLessThanOrEqual(6);
      }),
      { numRuns: 300 },
    );
  });

  it('puts the handler’s known keys first', () => {
    for (const s of fc.sample(clientSession({ keys: ['Lives', 'bad key!'] }), { seed: 1, numRuns: 20 }))
      expect(s.keys).toStrictEqual(['Lives', 'score', 'level']);
  });

  it('draws the edits of domain keys from their values, and no device syncs in between', () => {
    const values = { score: fc.constantFrom('10', '20'), level: fc.constant('7') };
    let domainEdits = 0;
    for (const s of fc.sample(clientSession({ values, maxSteps: 12 }), { seed: 2, numRuns: 200 })) {
      expect(s.keys.slice(0, 2)).toStrictEqual(['score', 'level']);
      for (const st of s.steps) {
        if (st.kind === 'sync') expect(st.between).toBeUndefined();
        if (st.kind !== 'edit') continue;
        const key = s.keys[st.key];
        if (key === 'score') expect(['10', '20']).toContain(st.value);
        if (key === 'level') expect(st.value).toBe('7');
        if (key === 'score' || key === 'level') domainEdits++;
      }
    }
    expect(domainEdits).toBeGreaterThan(100);
  });

  it('still has devices sync in between without domain values', () => {
    const between = fc
      .sample(clientSession({ maxSteps: 12 }), { seed: 2, numRuns: 200 })
      .flatMap((s) => s.steps)
      .filter((st) => st.kind === 'sync' && st.between !== undefined);
    expect(between.length).toBeGreaterThan(20);
  });
});
