/**
 * Cognito Sync (restJson1): datasets and records over the model's `prepareUpdate` / `commitUpdate` /
 * `listRecords`, the Sync Trigger through the emulated Lambda, session tokens, and the developer-credentials bypass.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  commitUpdate,
  datasetBytes,
  liveValues,
  listRecords,
  prepareUpdate,
  updateRecords,
  type DatasetState,
  type Identity,
  type LambdaResult,
  type RecordPatch,
  type StoredRecord,
  type SyncTriggerEvent,
} from '../model/index.ts';
import { toLambdaResult } from '../harness/invoker.ts';
import type { EmulatorContext } from './index.ts';
import { FUNCTION_TIMEOUT_MS } from './lambda.ts';
import { EmulatorState } from './state.ts';
import { accessKeyOf, AwsError, fromServiceError, jsonBody, namedError, readBody, seconds, sendJson } from './wire.ts';

const recordView = (r: StoredRecord) => ({
  Key: r.key,
  ...(r.value === null ? {} : { Value: r.value }),
  SyncCount: r.syncCount,
  LastModifiedDate: seconds(r.lastModifiedDate),
  LastModifiedBy: r.lastModifiedBy,
  DeviceLastModifiedDate: seconds(r.deviceLastModifiedDate),
});

const datasetView = (d: DatasetState) => ({
  IdentityId: d.identity.identityId,
  DatasetName: d.datasetName,
  CreationDate: seconds(d.creationDate),
  LastModifiedDate: seconds(d.lastModifiedDate),
  LastModifiedBy: d.lastModifiedBy,
  DataStorage: datasetBytes(liveValues(d)),
  NumRecords: d.records.filter((r) => r.value !== null).length,
});

/** Whose credentials signed the request: an identity's (issued here) or a developer's (anything else). */
function caller(
  ctx: EmulatorContext,
  req: IncomingMessage,
): { kind: 'identity'; identityId: string } | { kind: 'developer' } {
  const key = accessKeyOf(req);
  const issued = key ? ctx.state.issued.get(key) : undefined;
  if (!issued) return { kind: 'developer' };
  if (issued.expiresAt < Date.now())
    throw new AwsError(403, 'NotAuthorizedException', 'The security token included in the request is expired');
  return { kind: 'identity', identityId: issued.identityId };
}

/**
 * The deviant service's reading of a reply: records the handler left out are removed, where the documentation
 * says they are ignored. Applied to the reply before the model judges it.
 */
function deviantReply(event: SyncTriggerEvent, result: LambdaResult): LambdaResult {
  if (result.kind !== 'reply') return result;
  let reply: unknown;
  try {
    reply = JSON.parse(result.json);
  } catch {
    return result;
  }
  if (reply === null || typeof reply !== 'object' || Array.isArray(reply)) return result;
  const records = (reply as { datasetRecords?: unknown }).datasetRecords;
  if (records === null || typeof records !== 'object' || Array.isArray(records)) return result;
  const out: Record<string, unknown> = { ...(records as Record<string, unknown>) };
  for (const key of Object.keys(event.datasetRecords))
    if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = { oldValue: null, newValue: null, op: 'remove' };
  return { ...result, json: JSON.stringify({ ...reply, datasetRecords: out }) };
}

/** Runs the pool's Sync Trigger for an event, with the injected faults. */
async function trigger(ctx: EmulatorContext, arn: string, event: SyncTriggerEvent): Promise<LambdaResult> {
  const name = ctx.functions.resolve(arn);
  if (!name)
    return { kind: 'error', errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${arn}`, ms: 0 };
  ctx.counts.triggers++;
  const outcome = await ctx.functions.invoke(name, event, FUNCTION_TIMEOUT_MS);
  let result = toLambdaResult(outcome);
  if (ctx.faults.delayTriggerMs && (ctx.faults.delayTriggerCount ?? 1) > 0) {
    // The reply is held back: measured as arriving this much later (no need to sleep through it).
    result = { ...result, ms: (result.ms ?? 0) + ctx.faults.delayTriggerMs };
    ctx.faults.delayTriggerCount = (ctx.faults.delayTriggerCount ?? 1) - 1;
    if (ctx.faults.delayTriggerCount <= 0) ctx.faults.delayTriggerMs = 0;
  }
  return ctx.deviant.omittedRecords === 'removed' ? deviantReply(event, result) : result;
}

function patchesOf(body: Record<string, unknown>): RecordPatch[] {
  const raw = body.RecordPatches ?? [];
  if (!Array.isArray(raw)) throw namedError('InvalidParameterException', 'RecordPatches must be a list');
  return raw.map((p: Record<string, unknown>) => {
    const value = p.Value;
    return {
      op: p.Op as RecordPatch['op'],
      key: typeof p.Key === 'string' ? p.Key : '',
      ...(typeof value === 'string' ? { value } : {}),
      syncCount: typeof p.SyncCount === 'number' ? p.SyncCount : Number.NaN,
      ...(typeof p.DeviceLastModifiedDate === 'number'
        ? { deviceLastModifiedDate: p.DeviceLastModifiedDate * 1000 }
        : {}),
    };
  });
}

/** Handles one Cognito Sync request. */
export async function handleSync(
  ctx: EmulatorContext,
  url: URL,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const parts = url.pathname.split('/').slice(1).map(decodeURIComponent);
  const [, poolId = '', section, identityId = '', datasetsWord, datasetName, recordsWord] = parts;
  const method = req.method ?? 'GET';
  const body = jsonBody(await readBody(req));
  const pool = ctx.state.pools.get(poolId);
  const needPool = () => {
    if (!pool) throw namedError('ResourceNotFoundException', `IdentityPool '${poolId}' not found.`);
    return pool;
  };
  // Identity pool events.
  if (section === 'events' && parts.length === 3) {
    if (method === 'POST') {
      ctx.count('cognito-sync:SetCognitoEvents');
      const events = (body.Events ?? {}) as Record<string, string>;
      const p = needPool();
      // An empty value removes the event.
      p.events = Object.fromEntries(Object.entries({ ...p.events, ...events }).filter(([, v]) => v));
      ctx.state.save();
      sendJson(res, 200, undefined);
      return;
    }
    ctx.count('cognito-sync:GetCognitoEvents');
    sendJson(res, 200, { Events: needPool().events });
    return;
  }
  if (section !== 'identities' || !identityId)
    throw new AwsError(404, 'UnknownOperationException', `no Cognito Sync operation at ${method} ${url.pathname}`);
  needPool();
  if (ctx.state.identities.get(identityId) !== poolId)
    throw namedError('ResourceNotFoundException', `Identity '${identityId}' not found in pool '${poolId}'.`);
  const who = caller(ctx, req);
  if (who.kind === 'identity' && who.identityId !== identityId)
    throw namedError('NotAuthorizedException', 'Access to this identity is not allowed with these credentials.');
  const identity: Identity = { region: ctx.state.region, identityPoolId: poolId, identityId };
  const datasetsOf = () =>
    [...ctx.state.datasets.values()].filter(
      (d) => d.identity.identityId === identityId && d.identity.identityPoolId === poolId,
    );

  if (datasetsWord === undefined) {
    ctx.count('cognito-sync:DescribeIdentityUsage');
    const ds = datasetsOf();
    sendJson(res, 200, {
      IdentityUsage: {
        IdentityId: identityId,
        IdentityPoolId: poolId,
        DatasetCount: ds.length,
        DataStorage: ds.reduce((n, d) => n + datasetBytes(liveValues(d)), 0),
        ...(ds.length ? { LastModifiedDate: seconds(Math.max(...ds.map((d) => d.lastModifiedDate))) } : {}),
      },
    });
    return;
  }
  if (datasetsWord !== 'datasets')
    throw new AwsError(404, 'UnknownOperationException', `no Cognito Sync operation at ${method} ${url.pathname}`);
  if (datasetName === undefined) {
    ctx.count('cognito-sync:ListDatasets');
    const ds = datasetsOf();
    sendJson(res, 200, { Datasets: ds.map(datasetView), Count: ds.length });
    return;
  }
  if (!/^[a-zA-Z0-9_.:-]{1,128}$/.test(datasetName))
    throw namedError('InvalidParameterException', `Invalid dataset name: ${datasetName}`);
  const state = ctx.state.dataset(identity, datasetName);

  if (recordsWord === 'records' && method === 'GET') {
    ctx.count('cognito-sync:ListRecords');
    const last = Number(url.searchParams.get('lastSyncCount') ?? '0');
    const listed = listRecords(state, Number.isFinite(last) ? last : 0);
    if (!listed.ok) throw fromServiceError(listed.error);
    const token = randomUUID();
    ctx.state.sessions.set(token, EmulatorState.key(poolId, identityId, datasetName));
    sendJson(res, 200, {
      Records: listed.records.map(recordView),
      Count: listed.records.length,
      DatasetSyncCount: listed.datasetSyncCount,
      LastModifiedBy: state.lastModifiedBy,
      MergedDatasetNames: [],
      DatasetExists: listed.datasetExists,
      DatasetDeletedAfterRequestedSyncCount: false,
      SyncSessionToken: token,
    });
    return;
  }
  if (recordsWord !== undefined)
    throw new AwsError(404, 'UnknownOperationException', `no Cognito Sync operation at ${method} ${url.pathname}`);
  if (method === 'GET') {
    ctx.count('cognito-sync:DescribeDataset');
    if (!state.exists) throw namedError('ResourceNotFoundException', `Dataset '${datasetName}' not found.`);
    sendJson(res, 200, { Dataset: datasetView(state) });
    return;
  }
  if (method === 'DELETE') {
    ctx.count('cognito-sync:DeleteDataset');
    if (!state.exists) throw namedError('ResourceNotFoundException', `Dataset '${datasetName}' not found.`);
    ctx.state.setDataset({ ...state, exists: false });
    sendJson(res, 200, { Dataset: datasetView(state) });
    return;
  }
  if (method !== 'POST')
    throw new AwsError(404, 'UnknownOperationException', `no Cognito Sync operation at ${method} ${url.pathname}`);

  ctx.count('cognito-sync:UpdateRecords');
  const token = body.SyncSessionToken;
  if (typeof token !== 'string' || ctx.state.sessions.get(token) !== EmulatorState.key(poolId, identityId, datasetName))
    throw namedError('InvalidParameterException', 'Invalid SyncSessionToken: call ListRecords first.');
  const request = {
    patches: patchesOf(body),
    credentials: who.kind,
    ...(typeof body.DeviceId === 'string' ? { deviceId: body.DeviceId } : {}),
    now: Date.now(),
  } as const;
  const arn = needPool().events.SyncTrigger;
  const prepared = prepareUpdate(state, request, arn !== undefined, ctx.readings);
  if (prepared.step === 'fail') throw fromServiceError(prepared.error);
  let result;
  if (prepared.step === 'apply' || arn === undefined) result = updateRecords(state, request, undefined, ctx.readings);
  else {
    if (ctx.faults.throttleTrigger) {
      ctx.faults.throttleTrigger--;
      throw namedError('LambdaThrottledException', 'The Lambda function was throttled.');
    }
    result = commitUpdate(state, request, prepared, await trigger(ctx, arn, prepared.event), ctx.readings);
  }
  if (!result.ok) throw fromServiceError(result.error);
  ctx.state.sessions.delete(token);
  ctx.state.setDataset(result.state);
  sendJson(res, 200, { Records: result.records.map(recordView) });
}
