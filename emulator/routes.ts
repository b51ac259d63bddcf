/**
 * Which operation a request is: by `X-Amz-Target` for Cognito Identity (awsJson1_1), by method and path for Cognito
 * Sync and Lambda (restJson1). The paths are those of the service models, as the SDK v3 serializers send them.
 */
import type { IncomingMessage } from 'node:http';
import { label, unknownOperation } from './wire.ts';

/** The three emulated services. */
type Service = 'cognito-identity' | 'cognito-sync' | 'lambda';

/** A recognised operation with its decoded path labels. */
export interface Operation {
  readonly service: Service;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

const D = '/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}';

/** Every REST operation of Cognito Sync and the Lambda ones a Sync Trigger needs; offered ones are handled. */
const REST_ROUTES: readonly (readonly [string, string, Service, string])[] = [
  ['GET', '/identitypools', 'cognito-sync', 'ListIdentityPoolUsage'],
  ['GET', '/identitypools/{IdentityPoolId}', 'cognito-sync', 'DescribeIdentityPoolUsage'],
  ['GET', '/identitypools/{IdentityPoolId}/events', 'cognito-sync', 'GetCognitoEvents'],
  ['POST', '/identitypools/{IdentityPoolId}/events', 'cognito-sync', 'SetCognitoEvents'],
  ['GET', '/identitypools/{IdentityPoolId}/configuration', 'cognito-sync', 'GetIdentityPoolConfiguration'],
  ['POST', '/identitypools/{IdentityPoolId}/configuration', 'cognito-sync', 'SetIdentityPoolConfiguration'],
  ['POST', '/identitypools/{IdentityPoolId}/bulkpublish', 'cognito-sync', 'BulkPublish'],
  ['POST', '/identitypools/{IdentityPoolId}/getBulkPublishDetails', 'cognito-sync', 'GetBulkPublishDetails'],
  ['POST', '/identitypools/{IdentityPoolId}/identity/{IdentityId}/device', 'cognito-sync', 'RegisterDevice'],
  ['GET', '/identitypools/{IdentityPoolId}/identities/{IdentityId}', 'cognito-sync', 'DescribeIdentityUsage'],
  ['GET', '/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets', 'cognito-sync', 'ListDatasets'],
  ['GET', D, 'cognito-sync', 'DescribeDataset'],
  ['POST', D, 'cognito-sync', 'UpdateRecords'],
  ['DELETE', D, 'cognito-sync', 'DeleteDataset'],
  ['GET', `${D}/records`, 'cognito-sync', 'ListRecords'],
  ['POST', `${D}/subscriptions/{DeviceId}`, 'cognito-sync', 'SubscribeToDataset'],
  ['DELETE', `${D}/subscriptions/{DeviceId}`, 'cognito-sync', 'UnsubscribeFromDataset'],
  ['POST', '/2015-03-31/functions/{FunctionName}/invocations', 'lambda', 'Invoke'],
  ['GET', '/2015-03-31/functions/{FunctionName}', 'lambda', 'GetFunction'],
  ['GET', '/2015-03-31/functions', 'lambda', 'ListFunctions'],
];

const IDENTITY_TARGET = 'AWSCognitoIdentityService.';

function match(template: string, segments: readonly string[]): Record<string, string> | undefined {
  const parts = template.split('/').slice(1);
  if (parts.length !== segments.length) return undefined;
  const labels: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const seg = segments[i] ?? '';
    if (part.startsWith('{')) {
      if (!seg) return undefined;
      labels[part.slice(1, -1)] = seg;
    } else if (part !== seg) return undefined;
  }
  return labels;
}

/**
 * The operation of a request.
 * @throws AwsError 404 `UnknownOperationException` when no operation of the three services matches
 */
export function operationOf(req: IncomingMessage, url: URL): Operation {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    if (!target.startsWith(IDENTITY_TARGET) || req.method !== 'POST')
      throw unknownOperation(
        `No operation ${target} here: the emulator speaks Cognito Identity, Cognito Sync, Lambda.`,
      );
    return { service: 'cognito-identity', name: target.slice(IDENTITY_TARGET.length), labels: {} };
  }
  // Raw segments: a label may hold an encoded `/` (a function ARN never does, but a key could).
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/$/, '') : url.pathname;
  const segments = path.split('/').slice(1);
  let pathKnown = false;
  for (const [method, template, service, name] of REST_ROUTES) {
    const raw = match(template, segments);
    if (!raw) continue;
    pathKnown = true;
    if (method !== req.method) continue;
    const labels = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, label(v)]));
    return { service, name, labels };
  }
  throw unknownOperation(
    pathKnown
      ? `No operation for ${req.method ?? ''} ${url.pathname}.`
      : `No operation at ${url.pathname}: the emulator speaks Cognito Identity, Cognito Sync, Lambda.`,
  );
}
