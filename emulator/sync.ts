/**
 * Cognito Sync (restJson1): who is calling (an identity, by the access key the emulator issued, or a developer), and
 * the operations by scope — the pool's (`poolOps.ts`), push sync (`push.ts`), an identity's datasets (here) and
 * records (`records.ts`). Each answers only the errors the API model lists for it.
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
import { developerOnly, handlePool, page, POOL_OPERATIONS } from './poolOps.ts';
import { handlePush, PUSH_OPERATIONS } from './push.ts';
import { listRecordsOp, updateRecordsOp, type SyncTarget } from './records.ts';
import type { Operation } from './routes.ts';
import { EmulatorState } from './state.ts';
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

function checkId(value: string, field: string): void {
  if (value.length > MAX_ID_LENGTH || !ID_PATTERN.test(value))
    throw namedError('InvalidParameterException', `Invalid ${field}: ${value}`);
}

/** Operations whose API model lists no `ResourceNotFoundException`: an unknown identity has nothing to list. */
const NO_NOT_FOUND: ReadonlySet<string> = new Set(['ListRecords', 'ListDatasets']);

/** The Cognito Sync operations the emulator offers; the others of the service answer "not emulated". */
const OFFERED = new Set([
  ...POOL_OPERATIONS,
  ...PUSH_OPERATIONS,
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
  const body = () => jsonBody(raw);
  if (POOL_OPERATIONS.has(op.name)) developerOnly(who, op.name);
  if (op.name === 'ListIdentityPoolUsage') return handlePool(ctx, op.name, undefined, url, body);
  const poolId = op.labels.IdentityPoolId ?? '';
  checkId(poolId, 'IdentityPoolId');
  const pool = ctx.state.pools.get(poolId);
  const notFound = !NO_NOT_FOUND.has(op.name);
  if (!pool)
    throw notFound
      ? namedError('ResourceNotFoundException', `IdentityPool '${poolId}' not found.`)
      : namedError('NotAuthorizedException', `No access to IdentityPool '${poolId}' with these credentials.`);
  if (POOL_OPERATIONS.has(op.name)) return handlePool(ctx, op.name, pool, url, body);
  const identityId = op.labels.IdentityId ?? '';
  checkId(identityId, 'IdentityId');
  if (who.kind === 'identity' && who.identityId !== identityId)
    throw namedError('NotAuthorizedException', 'Access to this identity is not allowed with these credentials.');
  if (notFound && ctx.state.identities.get(identityId) !== poolId)
    throw namedError('ResourceNotFoundException', `Identity '${identityId}' not found in pool '${poolId}'.`);
  if (op.name === 'RegisterDevice') return handlePush(ctx, op.name, { pool, identityId, who }, body);
  const datasets = ctx.state.datasetsOf(poolId, identityId);
  switch (op.name) {
    case 'DescribeIdentityUsage':
      return json({
        IdentityUsage: {
          IdentityId: identityId,
          IdentityPoolId: poolId,
          DatasetCount: datasets.length,
          DataStorage: datasets.reduce((n, d) => n + datasetBytes(liveValues(d)), 0),
          LastModifiedDate: datasets.length ? seconds(Math.max(...datasets.map((d) => d.lastModifiedDate))) : null,
        },
      });
    case 'ListDatasets': {
      const listed = page(datasets, url);
      return json({ Datasets: listed.items.map(datasetView), Count: listed.items.length, NextToken: listed.next });
    }
  }
  const datasetName = op.labels.DatasetName ?? '';
  if (!datasetName || datasetName.length > MAX_DATASET_NAME_LENGTH || !DATASET_NAME_PATTERN.test(datasetName))
    throw namedError('InvalidParameterException', `Invalid DatasetName: ${datasetName}`);
  if (PUSH_OPERATIONS.has(op.name))
    return handlePush(ctx, op.name, { pool, identityId, who, datasetName, deviceId: op.labels.DeviceId ?? '' }, body);
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
      return updateRecordsOp(ctx, at, body());
    default:
      throw unknownOperation(`Cognito Sync ${op.name} is not emulated.`);
  }
}
