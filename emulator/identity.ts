/** Cognito Identity (awsJson1_1): pools for setup, unauthenticated identities and their temporary credentials. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from './index.ts';
import { AwsError, jsonBody, readBody, seconds, sendJson } from './wire.ts';

const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };

const str = (v: unknown, field: string): string => {
  if (typeof v !== 'string' || !v) throw new AwsError(400, 'InvalidParameterException', `${field} is required`);
  return v;
};

function poolView(p: { id: string; name: string; allowUnauthenticated: boolean; events: Record<string, string> }) {
  return {
    IdentityPoolId: p.id,
    IdentityPoolName: p.name,
    AllowUnauthenticatedIdentities: p.allowUnauthenticated,
    ...(Object.keys(p.events).length ? { CognitoEvents: p.events } : {}),
  };
}

/** Handles one Cognito Identity operation. */
export async function handleIdentity(
  ctx: EmulatorContext,
  op: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  ctx.count(`cognito-identity:${op}`);
  const body = jsonBody(await readBody(req));
  const { state } = ctx;
  const pool = (id: unknown) => {
    const p = state.pools.get(str(id, 'IdentityPoolId'));
    if (!p) throw new AwsError(404, 'ResourceNotFoundException', `IdentityPool '${String(id)}' not found.`);
    return p;
  };
  switch (op) {
    case 'CreateIdentityPool': {
      const p = state.createPool(
        str(body.IdentityPoolName, 'IdentityPoolName'),
        body.AllowUnauthenticatedIdentities === true,
        (body.CognitoEvents as Record<string, string> | undefined) ?? {},
      );
      sendJson(res, 200, poolView(p), JSON_11);
      return;
    }
    case 'ListIdentityPools': {
      const pools = [...state.pools.values()].map((p) => ({ IdentityPoolId: p.id, IdentityPoolName: p.name }));
      sendJson(res, 200, { IdentityPools: pools.slice(0, Number(body.MaxResults ?? 60)) }, JSON_11);
      return;
    }
    case 'DescribeIdentityPool':
      sendJson(res, 200, poolView(pool(body.IdentityPoolId)), JSON_11);
      return;
    case 'DeleteIdentityPool':
      state.pools.delete(pool(body.IdentityPoolId).id);
      state.save();
      sendJson(res, 200, {}, JSON_11);
      return;
    case 'GetId': {
      const p = pool(body.IdentityPoolId);
      if (!p.allowUnauthenticated && !body.Logins)
        throw new AwsError(
          400,
          'NotAuthorizedException',
          'Unauthenticated access is not supported for this identity pool.',
        );
      sendJson(res, 200, { IdentityId: state.newIdentity(p.id) }, JSON_11);
      return;
    }
    case 'GetCredentialsForIdentity': {
      const identityId = str(body.IdentityId, 'IdentityId');
      if (!state.identities.has(identityId))
        throw new AwsError(404, 'ResourceNotFoundException', `Identity '${identityId}' not found.`);
      const c = state.issue(identityId);
      sendJson(
        res,
        200,
        {
          IdentityId: identityId,
          Credentials: {
            AccessKeyId: c.accessKeyId,
            SecretKey: c.secretKey,
            SessionToken: c.sessionToken,
            Expiration: seconds(c.expiresAt),
          },
        },
        JSON_11,
      );
      return;
    }
    default:
      throw new AwsError(400, 'UnknownOperationException', `Cognito Identity operation ${op} is not emulated`);
  }
}
