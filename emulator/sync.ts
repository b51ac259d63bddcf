/**
 * Cognito Sync (restJson1): who is calling (an identity, by the access key the emulator issued, or a developer), the
 * pool-level operations (events, usage) and the dataset operations; records are in `records.ts`.
 */
import type { IncomingMessage } from 'node:http';
import {
  DATASET_NAME_PATTERN,
  datasetBytes,
  ID_PATTERN,
  liveValues,
  MAX_DATASET_NAME_LENGTH,
  MAX_ID_LENGTH,
  type DatasetState,
} from '../model/index.ts';
import type { EmulatorContext } from './context.ts';
import { listRecordsOp, updateRecordsOp, type SyncTarget } from './records.ts';
import type { Operation } from './routes.ts';
import { EmulatorState, type Pool } from './state.ts';
import { accessKeyOf, AwsError, json, jsonBody, namedError, seconds, unknownOperation, type Reply } from './wire.ts';

/** Whose credentials signed a request: an identity's (issued by GetCredentialsForIdentity) or a developer's. */
export type Caller = { readonly kind: 'identity'; readonly identityId: string } | { readonly kind: 'developer' };

/**
 * The caller of a signed request.
 * @throws AwsError 403 for an unsigned request or expired identity credentials
 */
export function callerOf(ctx: EmulatorContext, req: IncomingMessage): Caller {
  const key = accessKeyOf(req);
  if (!key) throw new AwsError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const issued = ctx.state.issued.get(key);
  if (!issued) return { kind: 'developer' };
  if (issued.expiresAt <= Date.now())
    throw new AwsError(403, 'ExpiredTokenException', 'The security token included in the request is expired');
  return { kind: 'identity', identityId: issued.identityId };
}

const datasetView = (d: DatasetState) => ({
  IdentityId: d.identity.identityId,
  DatasetName: d.datasetName,
  CreationDate: seconds(d.creationDate),
  LastModifiedDate: seconds(d.lastModifiedDate),
  LastModifiedBy: d.lastModifiedBy,
  DataStorage: datasetBytes(liveValues(d)),
  NumRecords: d.records.filter((r) => r.value !== null).length,
});

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):\d{12}:function:[A-Za-z0-9_-]{1,64}(?::[\w$-]+)?$/;

function checkId(value: string, field: string): void {
  if (value.length > MAX_ID_LENGTH || !ID_PATTERN.test(value))
    throw namedError('InvalidParameterException', `Invalid ${field}: ${value}`);
}

function poolUsage(ctx: EmulatorContext, p: Pool) {
  const ds = [...ctx.state.datasets.values()].filter((d) => d.identity.identityPoolId === p.id);
  return {
    IdentityPoolId: p.id,
    SyncSessionsCount: ctx.state.sessionCount(p.id),
    DataStorage: ds.reduce((n, d) => n + datasetBytes(liveValues(d)), 0),
    ...(ds.length ? { LastModifiedDate: seconds(Math.max(...ds.map((d) => d.lastModifiedDate))) } : {}),
  };
}

function setEvents(ctx: EmulatorContext, pool: Pool, body: Record<string, unknown>): Reply {
  const events = body.Events;
  if (events === null || typeof events !== 'object' || Array.isArray(events))
    throw namedError('InvalidParameterException', 'Events is required.');
  for (const [type, arn] of Object.entries(events as Record<string, unknown>)) {
    if (type !== 'SyncTrigger') throw namedError('InvalidParameterException', `Invalid event type: ${type}`);
    if (arn === '') continue;
    const m = typeof arn === 'string' ? LAMBDA_ARN.exec(arn) : null;
    if (!m) throw namedError('InvalidParameterException', `SyncTrigger must be a Lambda function ARN: ${String(arn)}`);
    if (m[1] !== ctx.region)
      throw namedError('InvalidParameterException', `The Lambda function must be in ${ctx.region}: ${String(arn)}`);
    if (!ctx.functions.resolve(arn as string))
      ctx.log(`  warning: ${String(arn)} is not a registered function; every triggered update will fail`);
  }
  ctx.state.setEvents(pool, events as Record<string, string>);
  return { status: 200, headers: { 'content-type': 'application/json' } };
}

/** The Cognito Sync operations the emulator offers; the others of the service answer "not emulated". */
const OFFERED = new Set([
  'ListIdentityPoolUsage',
  'DescribeIdentityPoolUsage',
  'GetCognitoEvents',
  'SetCognitoEvents',
  'DescribeIdentityUsage',
  'ListDatasets',
  'DescribeDataset',
  'DeleteDataset',
  'ListRecords',
  'UpdateRecords',
]);

/** Handles one Cognito Sync operation. */
export async function handleSync(
  ctx: EmulatorContext,
  op: Operation,
  req: IncomingMessage,
  url: URL,
  raw: Buffer,
): Promise<Reply> {
  if (!OFFERED.has(op.name))
    throw unknownOperation(`Cognito Sync ${op.name} is not emulated (offered: ${[...OFFERED].join(', ')}).`);
  const who = callerOf(ctx, req);
  if (op.name === 'ListIdentityPoolUsage') {
    const usages = [...ctx.state.pools.values()].map((p) => poolUsage(ctx, p));
    return json({ IdentityPoolUsages: usages, MaxResults: usages.length, Count: usages.length });
  }
  const poolId = op.labels.IdentityPoolId ?? '';
  checkId(poolId, 'IdentityPoolId');
  const pool = ctx.state.pools.get(poolId);
  if (!pool) throw namedError('ResourceNotFoundException', `IdentityPool '${poolId}' not found.`);
  switch (op.name) {
    case 'DescribeIdentityPoolUsage':
      return json({ IdentityPoolUsage: poolUsage(ctx, pool) });
    case 'GetCognitoEvents':
      return json({ Events: pool.events });
    case 'SetCognitoEvents':
      return setEvents(ctx, pool, jsonBody(raw));
  }
  const identityId = op.labels.IdentityId ?? '';
  checkId(identityId, 'IdentityId');
  if (ctx.state.identities.get(identityId) !== poolId)
    throw namedError('ResourceNotFoundException', `Identity '${identityId}' not found in pool '${poolId}'.`);
  if (who.kind === 'identity' && who.identityId !== identityId)
    throw namedError('NotAuthorizedException', 'Access to this identity is not allowed with these credentials.');
  const datasets = ctx.state.datasetsOf(poolId, identityId);
  switch (op.name) {
    case 'DescribeIdentityUsage':
      return json({
        IdentityUsage: {
          IdentityId: identityId,
          IdentityPoolId: poolId,
          DatasetCount: datasets.length,
          DataStorage: datasets.reduce((n, d) => n + datasetBytes(liveValues(d)), 0),
          ...(datasets.length
            ? { LastModifiedDate: seconds(Math.max(...datasets.map((d) => d.lastModifiedDate))) }
            : {}),
        },
      });
    case 'ListDatasets':
      return json({ Datasets: datasets.map(datasetView), Count: datasets.length });
  }
  const datasetName = op.labels.DatasetName ?? '';
  if (!datasetName || datasetName.length > MAX_DATASET_NAME_LENGTH || !DATASET_NAME_PATTERN.test(datasetName))
    throw namedError('InvalidParameterException', `Invalid DatasetName: ${datasetName}`);
  const at: SyncTarget = {
    identity: { region: ctx.region, identityPoolId: poolId, identityId },
    datasetName,
    key: EmulatorState.key(poolId, identityId, datasetName),
    pool,
    who,
  };
  switch (op.name) {
    case 'DescribeDataset': {
      const d = ctx.state.dataset(at.identity, datasetName);
      if (!d.exists) throw namedError('ResourceNotFoundException', `Dataset '${datasetName}' not found.`);
      return json({ Dataset: datasetView(d) });
    }
    case 'DeleteDataset':
      return ctx.locks.run(at.key, () => {
        const d = ctx.state.dataset(at.identity, datasetName);
        if (!d.exists) throw namedError('ResourceNotFoundException', `Dataset '${datasetName}' not found.`);
        ctx.state.deleteDataset(d);
        return Promise.resolve(json({ Dataset: datasetView(d) }));
      });
    case 'ListRecords':
      return listRecordsOp(ctx, at, url);
    case 'UpdateRecords':
      return updateRecordsOp(ctx, at, jsonBody(raw));
    default:
      throw unknownOperation(`Cognito Sync ${op.name} is not emulated.`);
  }
}
