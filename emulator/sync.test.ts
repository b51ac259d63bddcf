/**
 * Cognito Sync through the real client: a sync through the trigger lands exactly where the model says, conflicts,
 * the developer bypass, failed updates, session tokens, paging, and updates serialised per dataset.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeDatasetCommand,
  ListRecordsCommand,
  UpdateRecordsCommand,
  type RecordPatch,
} from '@aws-sdk/client-cognito-sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  emptyDataset,
  liveValues,
  updateRecords,
  type DatasetState,
  type RecordPatch as ModelPatch,
} from '../model/index.ts';
import { startEmulator, type RunningEmulator } from './index.ts';
import { errorName, failure, fixture, put, sampleHandler, setUp } from './testkit.test-helpers.ts';

let aws: RunningEmulator;
const log: string[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'csc-emulator-sync-'));
const thrower = join(tmp, 'thrower.cjs');

beforeAll(async () => {
  writeFileSync(thrower, "exports.handler = async () => { throw new Error('database down'); };\n");
  aws = await startEmulator({
    port: 0,
    functions: {
      echo: { handler: fixture('good-echo-context-done.cjs') },
      sample: { handler: sampleHandler },
      rebuild: { handler: fixture('bad-rebuild-records.mjs') },
      invalid: { handler: fixture('bad-reply-string.mjs') },
      throws: { handler: thrower },
    },
    log: (line) => log.push(line),
  });
});

afterAll(async () => {
  await aws.close();
  rmSync(tmp, { recursive: true, force: true });
});

const toModel = (p: RecordPatch): ModelPatch => ({
  op: p.Op ?? 'replace',
  key: p.Key ?? '',
  ...(p.Value === undefined ? {} : { value: p.Value }),
  syncCount: p.SyncCount ?? 0,
});

describe('Cognito Sync', () => {
  it('syncs through a rewriting trigger: the handler’s changes win, removed records stay as tombstones', async () => {
    const s = await setUp(aws, 'sample');
    const d = await s.device();
    const first = await s.update(d, 'game', [put('SampleKey1', 'user'), put('SampleKey2', 'user'), put('level', '3')]);
    // The sample rewrites SampleKey1, removes SampleKey2 (never stored: nothing to keep) and adds SampleKey3.
    expect(await s.values(d, 'game')).toStrictEqual({
      SampleKey1: 'ModifyValue1',
      SampleKey3: 'ModifyValue3',
      level: '3',
    });
    expect(first.Records?.map((r) => [r.Key, r.SyncCount]).sort()).toStrictEqual([
      ['SampleKey1', 1],
      ['SampleKey3', 1],
      ['level', 1],
    ]);
    // A second device removes "level": it stays as a tombstone with the new dataset SyncCount.
    await s.update(d, 'game', [{ Op: 'remove', Key: 'level', SyncCount: 1 }]);
    const listed = await s.list(d, 'game', 1);
    expect(listed.DatasetSyncCount).toBe(2);
    expect(listed.Records?.find((r) => r.Key === 'level')).toMatchObject({ SyncCount: 2 });
    expect(listed.Records?.find((r) => r.Key === 'level')?.Value).toBeUndefined();
    const described = await d.sync.send(new DescribeDatasetCommand(s.at(d, 'game')));
    expect(described.Dataset).toMatchObject({ NumRecords: 2, DatasetName: 'game' });
    expect(described.Dataset?.LastModifiedDate).toBeInstanceOf(Date);
    expect(listed.Records?.[0]?.LastModifiedDate).toBeInstanceOf(Date);
  });

  it('leaves the dataset the model computes, step by step, through an echoing trigger', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    const steps: { dev?: boolean; patches: RecordPatch[] }[] = [
      { dev: true, patches: [put('a', '1'), put('b', '2'), put('c', '3')] },
      { patches: [put('a', '10', 1), { Op: 'remove', Key: 'b', SyncCount: 1 }, put('d', '')] },
      { patches: [put('b', 'back', 2)] },
      { patches: [] },
    ];
    const identity = { region: aws.region, identityPoolId: s.poolId, identityId: d.identityId };
    let model: DatasetState = emptyDataset(identity, 'echo');
    const echo = (event: unknown) => ({ kind: 'reply' as const, json: JSON.stringify(event), ms: 1 });
    for (const step of steps) {
      await s.update(step.dev ? s.asDeveloper(d) : d, 'echo', step.patches);
      const request = {
        patches: step.patches.map(toModel),
        credentials: step.dev ? 'developer' : 'identity',
        now: 0,
      } as const;
      const r = updateRecords(model, request, echo);
      if (!r.ok) throw new Error(r.error.message);
      model = r.state;
      const listed = await s.list(d, 'echo');
      expect(await s.values(d, 'echo')).toStrictEqual({ ...liveValues(model) });
      expect(listed.DatasetSyncCount).toBe(model.syncCount);
      expect(Object.fromEntries((listed.Records ?? []).map((x) => [x.Key, x.SyncCount]))).toStrictEqual(
        Object.fromEntries(model.records.map((x) => [x.key, x.syncCount])),
      );
    }
    // b written again over its tombstone arrived as a null entry (amazon-cognito-js#61), which the echo returned and
    // the service ignored; the empty update fired the trigger, whose echo changed nothing. Two writes in all.
    expect(model.syncCount).toBe(2);
    expect(await s.values(d, 'echo')).toStrictEqual({ a: '10', c: '3', d: '' });
  });

  it('rejects a stale SyncCount with 409 and the real message, before the trigger, writing nothing', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    await s.update(d, 'game', [put('score', '1')]);
    const before = aws.stats().triggerInvocations;
    const e = await failure(s.update(d, 'game', [put('score', '2', 0)]));
    expect(e).toMatchObject({ name: 'ResourceConflictException', $metadata: { httpStatusCode: 409 } });
    expect(e.message).toBe('Current SyncCount for: score is: 1 not: 0');
    expect(aws.stats().triggerInvocations).toBe(before);
    expect(await s.values(d, 'game')).toStrictEqual({ score: '1' });
  });

  it('skips the trigger for developer credentials', async () => {
    const s = await setUp(aws, 'rebuild');
    const d = await s.device();
    const before = aws.stats().triggerInvocations;
    await s.update(s.asDeveloper(d), 'game', [put('kept', 'v'), put('other', 'w')]);
    expect(aws.stats().triggerInvocations).toBe(before);
    // Had the rebuild handler run, it would have dropped both records.
    expect(await s.values(d, 'game')).toStrictEqual({ kept: 'v', other: 'w' });
  });

  it('fails the whole update on invalid output or a handler error, writing nothing', async () => {
    for (const fn of ['invalid', 'throws']) {
      const s = await setUp(aws, fn);
      const d = await s.device();
      const e = await failure(s.update(d, 'game', [put('b', 'v')]));
      expect(e).toMatchObject({ name: 'InvalidLambdaFunctionOutputException', $metadata: { httpStatusCode: 400 } });
      expect(e.message).toBe('The Lambda function returned invalid output or an exception.');
      expect(await s.values(d, 'game')).toStrictEqual({});
    }
  });

  it('requires a SyncSessionToken that ListRecords issued for this dataset', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    const send = (token: string | undefined) =>
      d.sync.send(
        new UpdateRecordsCommand({ ...s.at(d, 'game'), SyncSessionToken: token, RecordPatches: [put('k', 'v')] }),
      );
    expect(await errorName(send('made-up'))).toBe('InvalidParameterException');
    const other = await s.list(d, 'other');
    expect(await errorName(send(other.SyncSessionToken))).toBe('InvalidParameterException');
    const mine = await s.list(d, 'game');
    expect(mine).toMatchObject({ DatasetExists: false, DatasetSyncCount: 0, Count: 0 });
    expect(await errorName(send(mine.SyncSessionToken))).toBe('no error');
    expect(log.join('\n')).not.toContain(mine.SyncSessionToken ?? '-');
  });

  it('pages ListRecords, and rejects a lastSyncCount above the dataset’s', async () => {
    const s = await setUp(aws, undefined);
    const d = await s.device();
    await s.update(
      d,
      'big',
      ['a', 'b', 'c', 'd', 'e'].map((k) => put(k, k)),
    );
    const keys: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await d.sync.send(new ListRecordsCommand({ ...s.at(d, 'big'), MaxResults: 2, NextToken }));
      keys.push(...(page.Records ?? []).map((r) => r.Key ?? ''));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(3);
    expect(keys.sort()).toStrictEqual(['a', 'b', 'c', 'd', 'e']);
    const e = await failure(s.list(d, 'big', 7));
    expect(e).toMatchObject({
      name: 'InvalidParameterException',
      message: 'No such SyncCount: 7 exists for this Dataset',
    });
  });

  it('runs concurrent updates of one dataset one at a time: the second sees the first and conflicts', async () => {
    const s = await setUp(aws, 'echo');
    const d = await s.device();
    const [a, b] = await Promise.all([s.list(d, 'race'), s.list(d, 'race')]);
    const send = (token: string | undefined, v: string) =>
      d.sync.send(
        new UpdateRecordsCommand({ ...s.at(d, 'race'), SyncSessionToken: token, RecordPatches: [put('k', v)] }),
      );
    const results = await Promise.allSettled([send(a.SyncSessionToken, 'a'), send(b.SyncSessionToken, 'b')]);
    expect(results.map((r) => r.status).sort()).toStrictEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected?.reason as Error).name).toBe('ResourceConflictException');
    expect((await s.list(d, 'race')).DatasetSyncCount).toBe(1);
  });
});
