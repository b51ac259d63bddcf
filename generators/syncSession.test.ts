/** Sessions run against the model: the device views send the counts a device would, and the corners are reached. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_READINGS,
  liveValues,
  modelService,
  runSessionSteps,
  type LambdaResult,
  type Readings,
  type SessionLogEntry,
  type SyncTriggerEvent,
} from '../model/index.ts';
import { syncSession, type SyncSession } from './syncSession.ts';

const echo = (e: SyncTriggerEvent): Promise<LambdaResult> =>
  Promise.resolve({ kind: 'reply', json: JSON.stringify(e) });
/** Runs a session through the model's one interpreter, against the model's service with an echoing trigger. */
const runSession = async (s: SyncSession, readings: Readings = DEFAULT_READINGS): Promise<readonly SessionLogEntry[]> =>
  (await runSessionSteps(s, modelService(s.identity, s.datasetName, echo, readings))).log;
const conflicted = (r: { result?: { ok: boolean; error?: { name: string } } }): boolean =>
  r.result?.ok === false && r.result.error?.name === 'ResourceConflictException';

describe('syncSession', () => {
  it('draws sessions within its constraints', () => {
    fc.assert(
      fc.property(syncSession({ maxDevices: 2, maxSteps: 5, maxKeys: 2 }), (s) => {
        expect(s.devices).toBeGreaterThanOrEqual(1);
        expect(s.devices).toBeLessThanOrEqual(2);
        expect(s.steps.length).toBeLessThanOrEqual(5);
        expect(s.keys.length).toBeLessThanOrEqual(2);
        for (const step of s.steps) {
          expect(step.device).toBeLessThan(s.devices);
          if (step.kind === 'update') for (const p of step.patches) expect(p.key).toBeLessThan(s.keys.length);
        }
      }),
    );
  });

  it('never conflicts for a device that lists first and is not resending', async () => {
    await fc.assert(
      fc.asyncProperty(syncSession(), async (s) => {
        for (const entry of await runSession(s)) {
          const st = entry.step;
          if (st.kind === 'update' && st.syncFirst && st.retry !== 'after-success')
            expect(conflicted(entry)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never conflicts when devices always sync first and never resend, and ends with every write applied', async () => {
    // With a re-added key arriving like a new record: under the default (amazon-cognito-js#61) it arrives as a null
    // entry, which an echo leaves ignored, so such a write is lost as #61 reports.
    const readings = { ...DEFAULT_READINGS, 'event.readdOverTombstone': 'new-record' as const };
    await fc.assert(
      fc.asyncProperty(syncSession({ stale: false, retries: false }), async (s) => {
        const log = await runSession(s, readings);
        expect(log.filter(conflicted)).toStrictEqual([]);
        // Replaying the requests in order on a plain map gives the final dataset: nothing was lost or invented.
        const expected = new Map<string, string>();
        for (const e of log)
          for (const p of e.request?.patches ?? [])
            if (p.op === 'remove') expected.delete(p.key);
            else expected.set(p.key, p.value ?? '');
        const last = log.at(-1)?.state;
        expect(new Map(Object.entries(last ? liveValues(last) : {}))).toStrictEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('hands the handler the same event twice on a throttle retry', async () => {
    await fc.assert(
      fc.asyncProperty(syncSession(), async (s) => {
        for (const e of await runSession(s))
          if (e.step.kind === 'update' && e.step.retry === 'throttled' && e.events.length === 2)
            expect(JSON.stringify(e.events[0])).toBe(JSON.stringify(e.events[1]));
      }),
      { numRuns: 100 },
    );
  });

  it('reaches stale-device conflicts, throttle retries and conflicting resends', async () => {
    const seen = { stale: 0, throttled: 0, resendConflict: 0, ok: 0 };
    for (const s of fc.sample(syncSession(), { seed: 3, numRuns: 300 })) {
      for (const e of await runSession(s)) {
        if (e.step.kind !== 'update') continue;
        if (conflicted(e) && !e.step.syncFirst && e.step.retry !== 'after-success') seen.stale++;
        if (e.step.retry === 'throttled' && e.events.length === 2) seen.throttled++;
        if (e.step.retry === 'after-success' && conflicted(e)) seen.resendConflict++;
        if (e.result?.ok) seen.ok++;
      }
    }
    for (const [k, n] of Object.entries(seen)) expect(n, k).toBeGreaterThanOrEqual(10);
  });
});
