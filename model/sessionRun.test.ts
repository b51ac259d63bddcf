/** The session interpreter against the model's service: client stores, conflicts by policy, faults, the timeline. */
import { describe, expect, it } from 'vitest';
import {
  deviceValues,
  liveValues,
  modelService,
  runSessionSteps,
  type ConflictPolicy,
  type LambdaResult,
  type SessionStep,
  type SyncSession,
  type SyncTriggerEvent,
} from './index.ts';

const identity = { region: 'us-east-1', identityPoolId: 'us-east-1:0f6c', identityId: 'us-east-1:9a1b' };
const session = (steps: SessionStep[], policy: ConflictPolicy = 'remote'): SyncSession => ({
  identity,
  datasetName: 'game',
  devices: 2,
  keys: ['score', 'level'],
  steps,
  policy,
});

function echoing(): { trigger: (e: SyncTriggerEvent) => Promise<LambdaResult>; events: SyncTriggerEvent[] } {
  const events: SyncTriggerEvent[] = [];
  return {
    events,
    trigger: (e) => {
      events.push(e);
      return Promise.resolve({ kind: 'reply', json: JSON.stringify(e) });
    },
  };
}

async function run(s: SyncSession) {
  const t = echoing();
  const service = modelService(s.identity, s.datasetName, t.trigger);
  const runner = await runSessionSteps(s, service);
  return { runner, service, events: t.events };
}

/** A null-prototype dictionary as a plain object, for deep equality. */
const plain = (o: Record<string, string>): Record<string, string> => ({ ...o });

/** Two devices edit `score` offline (device 0 first), device 0 syncs, then device 1, then device 0 again. */
const offline: SessionStep[] = [
  { kind: 'edit', device: 0, key: 0, value: 'zero' },
  { kind: 'edit', device: 1, key: 0, value: 'one' },
  { kind: 'sync', device: 0, fault: 'none' },
  { kind: 'sync', device: 1, fault: 'none' },
  { kind: 'sync', device: 0, fault: 'none' },
];

describe('runSessionSteps', () => {
  it.each([
    ['remote', 'zero'],
    ['local', 'one'],
    // Device 1's edit came later than device 0's, but earlier than device 0's write reached the service.
    ['last-writer', 'zero'],
  ] as const)('resolves offline edits of one key by the %s policy, and the devices converge', async (policy, value) => {
    const { runner, service } = await run(session(offline, policy));
    expect(plain(liveValues(service.state()))).toStrictEqual({ score: value });
    for (const d of runner.devices) expect(plain(deviceValues(d))).toStrictEqual({ score: value });
    expect(runner.timeline().rows.some((r) => r.kind === 'conflict' && r.device === 1)).toBe(true);
  });

  it('has a device whose answer was lost resend, meet a conflict, and end with one write', async () => {
    const { runner, service, events } = await run(
      session([
        { kind: 'edit', device: 0, key: 0, value: '7' },
        { kind: 'sync', device: 0, fault: 'lost' },
      ]),
    );
    const sync = runner.log[1];
    expect(sync?.conflictRounds).toBe(1);
    expect(service.state().syncCount).toBe(1);
    expect(events).toHaveLength(1);
    expect(plain(deviceValues(runner.devices[0] ?? { id: '', lastSyncCount: 0, known: new Map() }))).toStrictEqual({
      score: '7',
    });
  });

  it('hands the trigger the same event twice on a throttled push and writes once', async () => {
    const { service, events, runner } = await run(
      session([
        { kind: 'edit', device: 1, key: 1, value: 'x' },
        { kind: 'sync', device: 1, fault: 'throttled' },
      ]),
    );
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events[0])).toBe(JSON.stringify(events[1]));
    expect(service.state().syncCount).toBe(1);
    expect(runner.timeline().rows.filter((r) => r.kind === 'fault')).toHaveLength(1);
  });

  it('lets a busy device sync between a listing and its push, and the pushing device still gets through', async () => {
    const { runner, service } = await run(
      session([
        { kind: 'edit', device: 0, key: 0, value: 'a' },
        { kind: 'sync', device: 0, fault: 'none', between: 1 },
      ]),
    );
    expect(runner.log[1]?.conflictRounds).toBe(0);
    expect(plain(liveValues(service.state()))).toStrictEqual({ score: 'a', level: 'device-1 round 1' });
  });

  it('does nothing for a delete of a record the device does not hold', async () => {
    const { runner, events } = await run(
      session([
        { kind: 'delete', device: 0, key: 0 },
        { kind: 'sync', device: 0, fault: 'none' },
      ]),
    );
    expect(events).toHaveLength(0);
    expect(runner.timeline().rows[0]?.text).toContain('nothing to do');
  });
});
