import { describe, expect, it } from 'vitest';
import { emptyDataset, liveValues, prepareUpdate, updateRecords, type UpdateRequest } from './dataset.ts';
import { listRecords } from './listRecords.ts';
import type { LambdaResult } from './judge.ts';
import { DEFAULT_READINGS, type Readings } from './registry.ts';
import { ds, ID, rec } from './testkit.test-helpers.ts';
import type { SyncTriggerEvent } from './types.ts';

const echo = (e: SyncTriggerEvent): LambdaResult => ({ kind: 'reply', json: JSON.stringify(e) });
const req = (patches: UpdateRequest['patches'], extra: Partial<UpdateRequest> = {}): UpdateRequest => ({
  patches,
  now: 1000,
  ...extra,
});
const r = (over: Partial<Readings>): Readings => ({ ...DEFAULT_READINGS, ...over });

describe('updateRecords — CONTRACT §4', () => {
  const start = ds([rec('a', '1', 3), rec('b', '2', 5), rec('t', null, 4)]);

  it('§4 a stale SyncCount rejects the whole update with 409 and the real message', () => {
    const res = updateRecords(
      start,
      req([
        { op: 'replace', key: 'a', value: 'x', syncCount: 3 },
        { op: 'replace', key: 'b', value: 'y', syncCount: 4 },
      ]),
      echo,
    );
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toStrictEqual({
      name: 'ResourceConflictException',
      status: 409,
      message: 'Current SyncCount for: b is: 5 not: 4',
    });
    expect(res.state).toBe(start);
  });

  it('§4 [OBS] sending 0 for an existing record conflicts', () => {
    const res = updateRecords(start, req([{ op: 'replace', key: 'a', value: 'x', syncCount: 0 }]), echo);
    expect(!res.ok && res.error.message).toBe('Current SyncCount for: a is: 3 not: 0');
  });

  it('§1 [OPEN] conflict check before the trigger (default): no invocation', () => {
    let calls = 0;
    updateRecords(start, req([{ op: 'replace', key: 'a', value: 'x', syncCount: 1 }]), (e) => (calls++, echo(e)));
    expect(calls).toBe(0);
  });

  it('§1 [OPEN] conflict check after the trigger: invoked, still 409', () => {
    let calls = 0;
    const res = updateRecords(
      start,
      req([{ op: 'replace', key: 'a', value: 'x', syncCount: 1 }]),
      (e) => (calls++, echo(e)),
      r({ 'service.conflictCheck': 'after-trigger' }),
    );
    expect(calls).toBe(1);
    expect(!res.ok && res.error.status).toBe(409);
  });

  it('§2 [OPEN] a trigger past 5 s under service.socketTimeoutStatus=500: a 500, nothing written, run once', () => {
    let calls = 0;
    const late = (e: SyncTriggerEvent): LambdaResult => (calls++, { ...echo(e), ms: 5001 });
    const patch = req([{ op: 'replace', key: 'a', value: 'x', syncCount: 3 }]);
    const res = updateRecords(start, patch, late, r({ 'service.socketTimeoutStatus': '500' }));
    expect(!res.ok && res.error).toMatchObject({ name: 'LambdaSocketTimeoutException', status: 500 });
    expect(res.state).toBe(start);
    // The SDKs' retry of a 5xx is the client's, not the service's: the model runs the trigger once per request
    // (docs/semantics.md says so under the point).
    expect(calls).toBe(1);
    const byDefault = updateRecords(start, patch, late);
    expect(!byDefault.ok && byDefault.error.status).toBe(400);
  });

  it('§4 [SDK] dataset SyncCount +1, stamped on every written record (user and handler alike)', () => {
    const trigger = (e: SyncTriggerEvent): LambdaResult =>
      echo({ ...e, datasetRecords: { ...e.datasetRecords, h: { newValue: 'by-handler', op: 'replace' } } });
    const res = updateRecords(start, req([{ op: 'replace', key: 'a', value: 'x', syncCount: 3 }]), trigger);
    expect(res.ok).toBe(true);
    expect(res.state.syncCount).toBe(6);
    const a = res.state.records.find((x) => x.key === 'a');
    const h = res.state.records.find((x) => x.key === 'h');
    expect([a?.syncCount, h?.syncCount, h?.value]).toStrictEqual([6, 6, 'by-handler']);
    expect(res.ok && res.records.map((x) => x.key)).toContain('h');
  });

  it('§4 removed records stay as tombstones with the new SyncCount; ListRecords returns them', () => {
    const res = updateRecords(start, req([{ op: 'remove', key: 'b', syncCount: 5 }]), echo);
    const b = res.state.records.find((x) => x.key === 'b');
    expect(b).toMatchObject({ value: null, syncCount: 6 });
    const listed = listRecords(res.state, 5);
    expect(listed.ok && listed.records.map((x) => [x.key, x.value])).toContainEqual(['b', null]);
  });

  it('§1 developer credentials do not invoke the trigger and apply patches directly', () => {
    let calls = 0;
    const res = updateRecords(
      start,
      req([{ op: 'replace', key: 'a', value: 'dev', syncCount: 3 }], { credentials: 'developer' }),
      (e) => (calls++, echo(e)),
    );
    expect(calls).toBe(0);
    expect(liveValues(res.state).a).toBe('dev');
  });

  it('§2 a rejected reply writes nothing', () => {
    const res = updateRecords(start, req([{ op: 'replace', key: 'a', value: 'x', syncCount: 3 }]), () => ({
      kind: 'reply',
      json: 'null',
    }));
    expect(!res.ok && res.error.name).toBe('InvalidLambdaFunctionOutputException');
    expect(res.state).toBe(start);
  });

  it('§4 the first successful UpdateRecords creates the dataset', () => {
    const empty = emptyDataset(ID, 'new_ds', 0);
    expect(listRecords(empty)).toMatchObject({ ok: true, datasetExists: false, datasetSyncCount: 0 });
    const res = updateRecords(empty, req([{ op: 'replace', key: 'k', value: 'v', syncCount: 0 }]), echo);
    expect(res.state).toMatchObject({ exists: true, syncCount: 1, creationDate: 1000 });
  });

  it('§4 [OBS] ListRecords above the server count is InvalidParameterException', () => {
    expect(listRecords(start, 9)).toStrictEqual({
      ok: false,
      error: {
        name: 'InvalidParameterException',
        status: 400,
        message: 'No such SyncCount: 9 exists for this Dataset',
      },
    });
  });

  it('§1 [OPEN] empty patches fire the trigger by default, skip it under the alternative', () => {
    expect(prepareUpdate(start, req([]), true).step).toBe('invoke');
    expect(prepareUpdate(start, req([]), true, r({ 'service.emptyPatches': 'skipped' })).step).toBe('apply');
  });

  it('§3 a user patch with a key over 1,024 chars is InvalidParameterException', () => {
    const res = updateRecords(start, req([{ op: 'replace', key: 'k'.repeat(1025), value: 'v', syncCount: 0 }]), echo);
    expect(!res.ok && res.error.name).toBe('InvalidParameterException');
  });

  it('§3 more than 1,024 live records without a trigger is LimitExceededException', () => {
    const patches = Array.from({ length: 1023 }, (_, i) => ({
      op: 'replace' as const,
      key: `n${i}`,
      value: '',
      syncCount: 0,
    }));
    const res = updateRecords(start, req(patches), undefined);
    expect(!res.ok && res.error.name).toBe('LimitExceededException');
  });
});
