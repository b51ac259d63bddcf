/**
 * Cognito Identity (awsJson1_1): identity pools for setup, identities (unauthenticated, or linked to logins) and
 * their temporary credentials; developer-authenticated identities and their merging (`developer.ts`). The access key
 * of the credentials is what later marks a Cognito Sync request as an identity's.
 */
import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from './context.ts';
import { handleDeveloper, DEVELOPER_OPERATIONS, linkLogins, loginsOf } from './developer.ts';
import type { Operation } from './routes.ts';
import type { Pool } from './state.ts';
import { AwsError, jsonBody, seconds, type Reply } from './wire.ts';

const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' };
const reply = (body: unknown): Reply => ({ status: 200, headers: JSON_11, body: JSON.stringify(body) });

const invalid = (message: string) => new AwsError(400, 'InvalidParameterException', message);

function text(v: unknown, field: string): string {
  if (typeof v !== 'string' || !v) throw invalid(`1 validation error detected: ${field} must not be null`);
  return v;
}

const poolView = (p: Pool) => ({
  IdentityPoolId: p.id,
  IdentityPoolName: p.name,
  AllowUnauthenticatedIdentities: p.allowUnauthenticated,
  ...(p.developerProviderName ? { DeveloperProviderName: p.developerProviderName } : {}),
});

/** Handles one Cognito Identity operation. */
export function handleIdentity(ctx: EmulatorContext, op: Operation, req: IncomingMessage, raw: Buffer): Reply {
  const body = jsonBody(raw);
  const { state } = ctx;
  const pool = (id: unknown): Pool => {
    const p = state.pools.get(text(id, 'IdentityPoolId'));
    if (!p) throw new AwsError(404, 'ResourceNotFoundException', `IdentityPool '${String(id)}' not found.`);
    return p;
  };
  if (DEVELOPER_OPERATIONS.has(op.name)) return reply(handleDeveloper(ctx, op.name, req, body, pool));
  switch (op.name) {
    case 'CreateIdentityPool': {
      const name = text(body.IdentityPoolName, 'IdentityPoolName');
      if (!/^[\w\s+=,.@-]{1,128}$/.test(name)) throw invalid(`Invalid IdentityPoolName: ${name}`);
      const provider = body.DeveloperProviderName;
      if (provider !== undefined && (typeof provider !== 'string' || !/^[\w._-]{1,128}$/.test(provider)))
        throw invalid(`Invalid DeveloperProviderName: ${JSON.stringify(provider)}`);
      return reply(poolView(state.createPool(name, body.AllowUnauthenticatedIdentities === true, provider)));
    }
    case 'DescribeIdentityPool':
      return reply(poolView(pool(body.IdentityPoolId)));
    case 'ListIdentityPools': {
      const max = typeof body.MaxResults === 'number' ? body.MaxResults : 0;
      if (!Number.isInteger(max) || max < 1 || max > 60) throw invalid('MaxResults must be between 1 and 60');
      const all = [...state.pools.values()];
      const from = typeof body.NextToken === 'string' ? Number(body.NextToken) : 0;
      if (!Number.isInteger(from) || from < 0) throw invalid('Invalid NextToken');
      const page = all.slice(from, from + max);
      const more = from + max < all.length;
      return reply({
        IdentityPools: page.map((p) => ({ IdentityPoolId: p.id, IdentityPoolName: p.name })),
        ...(more ? { NextToken: String(from + max) } : {}),
      });
    }
    case 'DeleteIdentityPool':
      state.deletePool(pool(body.IdentityPoolId).id);
      return { status: 200, headers: JSON_11, body: '{}' };
    case 'DeleteIdentities': {
      const ids = body.IdentityIdsToDelete;
      if (!Array.isArray(ids) || ids.length < 1 || ids.length > 60 || !ids.every((i) => typeof i === 'string'))
        throw invalid('IdentityIdsToDelete must hold 1 to 60 identity ids');
      const known = ids.filter((i) => state.identities.has(i));
      state.deleteIdentities(new Set(known));
      const missing = ids.filter((i) => !known.includes(i));
      return reply({
        UnprocessedIdentityIds: missing.map((IdentityId) => ({ IdentityId, ErrorCode: 'IdentityNotFound' })),
      });
    }
    case 'GetId': {
      const p = pool(body.IdentityPoolId);
      const logins = loginsOf(body.Logins);
      if (!p.allowUnauthenticated && !logins.length)
        throw new AwsError(
          403,
          'NotAuthorizedException',
          'Unauthenticated access is not supported for this identity pool.',
        );
      // A login names its user (the emulator takes the token as the user's id): the same login, the same identity.
      return reply({ IdentityId: logins.length ? linkLogins(state, p, undefined, logins) : state.newIdentity(p.id) });
    }
    case 'GetCredentialsForIdentity': {
      const identityId = text(body.IdentityId, 'IdentityId');
      if (!state.identities.has(identityId))
        throw new AwsError(404, 'ResourceNotFoundException', `Identity '${identityId}' not found.`);
      const c = state.issue(identityId);
      return reply({
        IdentityId: identityId,
        Credentials: {
          AccessKeyId: c.accessKeyId,
          SecretKey: c.secretKey,
          SessionToken: c.sessionToken,
          Expiration: seconds(c.expiresAt),
        },
      });
    }
    default:
      throw new AwsError(
        400,
        'UnknownOperationException',
        `Cognito Identity ${op.name} is not emulated (offered: CreateIdentityPool, DescribeIdentityPool, ListIdentityPools, DeleteIdentityPool, GetId, GetCredentialsForIdentity, DeleteIdentities, ${[...DEVELOPER_OPERATIONS].join(', ')}).`,
      );
  }
}
