/**
 * The pool-level Cognito Sync operations: usage, the Sync Trigger (CognitoEvents) and the push-sync configuration.
 * The API model says each "can only be called with developer credentials": an identity's credentials are refused,
 * so an identity cannot, say, remove its own pool's Sync Trigger.
 */
import { datasetBytes, liveValues } from '../model/index.ts';
import type { EmulatorContext } from './context.ts';
import type { Pool, PoolConfiguration } from './state.ts';
import type { Caller } from './sync.ts';
import { AwsError, json, namedError, seconds, type Reply } from './wire.ts';

/** Pool-level operations; only developer credentials may call them. */
export const POOL_OPERATIONS: ReadonlySet<string> = new Set([
  'ListIdentityPoolUsage',
  'DescribeIdentityPoolUsage',
  'GetCognitoEvents',
  'SetCognitoEvents',
  'GetIdentityPoolConfiguration',
  'SetIdentityPoolConfiguration',
]);

/**
 * Refuses an identity's credentials for an operation that takes developer credentials only.
 * @throws AwsError 403 `NotAuthorizedException`
 */
export function developerOnly(who: Caller, operation: string): void {
  if (who.kind === 'identity')
    throw namedError(
      'NotAuthorizedException',
      `${operation} can only be called with developer credentials, not with the temporary credentials of an identity.`,
    );
}

const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):\d{12}:function:[A-Za-z0-9_-]{1,64}(?::[\w$-]+)?$/;

function usage(ctx: EmulatorContext, p: Pool) {
  const ds = [...ctx.state.datasets.values()].filter((d) => d.identity.identityPoolId === p.id);
  return {
    IdentityPoolId: p.id,
    SyncSessionsCount: ctx.state.sessionCount(p.id),
    DataStorage: ds.reduce((n, d) => n + datasetBytes(liveValues(d)), 0),
    LastModifiedDate: ds.length ? seconds(Math.max(...ds.map((d) => d.lastModifiedDate))) : null,
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

const configurationView = (pool: Pool) => ({
  IdentityPoolId: pool.id,
  PushSync: pool.configuration?.PushSync ?? null,
  CognitoStreams: pool.configuration?.CognitoStreams ?? null,
});

function setConfiguration(ctx: EmulatorContext, pool: Pool, body: Record<string, unknown>): Reply {
  const push = body.PushSync;
  const streams = body.CognitoStreams;
  const object = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (push !== undefined && !object(push)) throw namedError('InvalidParameterException', 'PushSync must be an object.');
  if (object(push) && push.ApplicationArns !== undefined) {
    const arns = push.ApplicationArns;
    if (!Array.isArray(arns) || !arns.every((a) => typeof a === 'string' && a.startsWith('arn:')))
      throw namedError('InvalidParameterException', 'PushSync.ApplicationArns must be a list of SNS platform ARNs.');
  }
  if (streams !== undefined && !object(streams))
    throw namedError('InvalidParameterException', 'CognitoStreams must be an object.');
  const configuration: PoolConfiguration = {
    ...pool.configuration,
    ...(object(push) ? { PushSync: push } : {}),
    ...(object(streams) ? { CognitoStreams: streams } : {}),
  };
  const next = { ...pool, configuration };
  ctx.state.put('pools', pool.id, next);
  return json(configurationView(next));
}

/** `?maxResults=&nextToken=` paging of a list, as the Cognito Sync list operations page. */
export function page<T>(items: readonly T[], url: URL): { items: T[]; next: string | null; max: number } {
  const q = url.searchParams;
  const whole = (text: string | null, field: string, min: number): number | undefined => {
    if (text === null) return undefined;
    if (!/^\d+$/.test(text) || Number(text) < min)
      throw namedError('InvalidParameterException', `Invalid ${field}: ${text}`);
    return Number(text);
  };
  const max = whole(q.get('maxResults'), 'maxResults', 1) ?? items.length;
  const from = whole(q.get('nextToken'), 'nextToken', 0) ?? 0;
  return {
    items: items.slice(from, from + max),
    next: from + max < items.length ? String(from + max) : null,
    max,
  };
}

/**
 * Handles one pool-level operation (developer credentials only).
 * @param pool - the pool of the path; undefined for ListIdentityPoolUsage
 */
export function handlePool(
  ctx: EmulatorContext,
  name: string,
  pool: Pool | undefined,
  url: URL,
  body: () => Record<string, unknown>,
): Reply {
  if (name === 'ListIdentityPoolUsage') {
    const listed = page([...ctx.state.pools.values()], url);
    return json({
      IdentityPoolUsages: listed.items.map((p) => usage(ctx, p)),
      MaxResults: listed.max,
      Count: listed.items.length,
      NextToken: listed.next,
    });
  }
  if (!pool) throw new AwsError(500, 'InternalErrorException', `emulator: ${name} without a pool`);
  switch (name) {
    case 'DescribeIdentityPoolUsage':
      return json({ IdentityPoolUsage: usage(ctx, pool) });
    case 'GetCognitoEvents':
      return json({ Events: pool.events });
    case 'SetCognitoEvents':
      return setEvents(ctx, pool, body());
    case 'GetIdentityPoolConfiguration':
      return json(configurationView(pool));
    case 'SetIdentityPoolConfiguration':
      return setConfiguration(ctx, pool, body());
    default:
      throw new AwsError(500, 'InternalErrorException', `emulator: ${name} is not a pool operation`);
  }
}
