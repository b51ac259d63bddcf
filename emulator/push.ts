/**
 * Push sync: RegisterDevice, SubscribeToDataset, UnsubscribeFromDataset. They "can only be called with temporary
 * credentials provided by Cognito Identity" (API model) and need the pool's push-sync configuration
 * (SetIdentityPoolConfiguration), else `InvalidConfigurationException`. Devices and subscriptions are recorded (and
 * counted in `stats()`); no notification is ever sent.
 */
import { createHash } from 'node:crypto';
import type { EmulatorContext } from './context.ts';
import { EmulatorState, type Pool } from './state.ts';
import type { Caller } from './sync.ts';
import { AwsError, json, namedError, type Reply } from './wire.ts';

/** The push-sync operations. */
export const PUSH_OPERATIONS: ReadonlySet<string> = new Set([
  'RegisterDevice',
  'SubscribeToDataset',
  'UnsubscribeFromDataset',
]);

const PLATFORMS = new Set(['APNS', 'APNS_SANDBOX', 'GCM', 'ADM']);

/** Where a push-sync request points. */
export interface PushTarget {
  readonly pool: Pool;
  readonly identityId: string;
  readonly who: Caller;
  readonly datasetName?: string;
  readonly deviceId?: string;
}

function configured(pool: Pool): void {
  if (!pool.configuration?.PushSync?.ApplicationArns?.length)
    throw new AwsError(
      400,
      'InvalidConfigurationException',
      `Push sync is not configured for IdentityPool '${pool.id}': call SetIdentityPoolConfiguration with PushSync first.`,
    );
}

/**
 * Handles one push-sync operation.
 * @param body - the request body, read on demand
 */
export function handlePush(
  ctx: EmulatorContext,
  name: string,
  t: PushTarget,
  body: () => Record<string, unknown>,
): Reply {
  if (t.who.kind !== 'identity')
    throw namedError(
      'NotAuthorizedException',
      `${name} can only be called with the temporary credentials of an identity, not with developer credentials.`,
    );
  configured(t.pool);
  if (name === 'RegisterDevice') {
    const { Platform, Token } = body();
    if (typeof Platform !== 'string' || !PLATFORMS.has(Platform))
      throw namedError('InvalidParameterException', `Platform must be one of ${[...PLATFORMS].join(', ')}.`);
    if (typeof Token !== 'string' || !Token) throw namedError('InvalidParameterException', 'Token is required.');
    // The same device registering again gets the same id.
    const deviceId = createHash('sha256').update(`${t.identityId}|${Platform}|${Token}`).digest('hex').slice(0, 32);
    ctx.state.put('devices', deviceId, { identityId: t.identityId, platform: Platform, token: Token });
    return json({ DeviceId: deviceId });
  }
  const deviceId = t.deviceId ?? '';
  const device = ctx.state.devices.get(deviceId);
  if (!device || device.identityId !== t.identityId)
    throw namedError('ResourceNotFoundException', `Device '${deviceId}' is not registered for this identity.`);
  const key = `${EmulatorState.key(t.pool.id, t.identityId, t.datasetName ?? '')}|${deviceId}`;
  if (name === 'SubscribeToDataset') ctx.state.put('subscriptions', key, deviceId);
  else ctx.state.drop('subscriptions', key);
  return json({});
}
