/**
 * Developer-authenticated identities and merging: GetOpenIdTokenForDeveloperIdentity (creates an identity for a
 * developer user, or links logins to an existing identity) and MergeDeveloperIdentities. Both take developer
 * credentials only. Linking a login that another identity already holds merges the two (`merge.ts`), as linking
 * logins does in Cognito; the identity that holds the login stays.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { EmulatorContext } from './context.ts';
import { mergeIdentities } from './merge.ts';
import type { EmulatorState, Pool } from './state.ts';
import { accessKeyOf, AwsError } from './wire.ts';

/** The developer-identity operations of Cognito Identity the emulator offers. */
export const DEVELOPER_OPERATIONS: ReadonlySet<string> = new Set([
  'GetOpenIdTokenForDeveloperIdentity',
  'MergeDeveloperIdentities',
]);

const invalid = (message: string) => new AwsError(400, 'InvalidParameterException', message);
const notFound = (message: string) => new AwsError(404, 'ResourceNotFoundException', message);

/** A login: the provider and the user it names. */
export type Login = readonly [provider: string, user: string];

/**
 * The logins of a `Logins` map (provider → token; the emulator takes the token as the user's id).
 * @throws AwsError 400 for a map that is not provider → non-empty string
 */
export function loginsOf(value: unknown): Login[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid('Logins must map providers to tokens.');
  return Object.entries(value as Record<string, unknown>).map(([provider, user]) => {
    if (typeof user !== 'string' || !user || !provider) throw invalid(`Invalid login for provider ${provider}.`);
    return [provider, user] as const;
  });
}

const loginKey = (pool: Pool, [provider, user]: Login): string => `${pool.id}|${provider}|${user}`;

/**
 * Links logins to an identity and returns it: the identity given, else the one that holds one of the logins, else a
 * new one. Identities that held the other logins are merged into it; a developer user already registered under
 * another identity than the one given is refused, as Cognito refuses it.
 * @throws AwsError for an unknown identity or a developer user registered elsewhere
 */
export function linkLogins(state: EmulatorState, pool: Pool, identityId: string | undefined, logins: Login[]): string {
  if (identityId !== undefined && state.identities.get(identityId) !== pool.id)
    throw notFound(`Identity '${identityId}' not found in pool '${pool.id}'.`);
  const holders = [...new Set(logins.flatMap((l) => state.logins.get(loginKey(pool, l)) ?? []))];
  for (const l of logins) {
    const held = state.logins.get(loginKey(pool, l));
    if (identityId !== undefined && held !== undefined && held !== identityId && l[0] === pool.developerProviderName)
      throw new AwsError(
        400,
        'DeveloperUserAlreadyRegisteredException',
        `Developer user ${l[1]} is already registered under identity ${held}.`,
      );
  }
  // The identity that holds a login stays; an identity given (an unauthenticated one logging in) is merged into it.
  const dest = holders[0] ?? identityId ?? state.newIdentity(pool.id);
  for (const other of [...holders.slice(1), ...(identityId !== undefined ? [identityId] : [])])
    if (other !== dest) mergeIdentities(state, pool.id, other, dest);
  for (const l of logins) state.put('logins', loginKey(pool, l), dest);
  return dest;
}

/** Developer credentials: a signed request whose key the emulator did not issue to an identity. */
function developerOnly(ctx: EmulatorContext, req: IncomingMessage, operation: string): void {
  const key = accessKeyOf(req);
  if (!key || ctx.state.issued.has(key))
    throw new AwsError(403, 'NotAuthorizedException', `${operation} must be called with developer credentials.`);
}

function developerPool(pool: Pool): string {
  if (!pool.developerProviderName)
    throw invalid(`IdentityPool '${pool.id}' has no DeveloperProviderName: give one to CreateIdentityPool.`);
  return pool.developerProviderName;
}

/**
 * Handles one developer-identity operation; returns the reply's body.
 * @param pool - looks up the pool of the request
 */
export function handleDeveloper(
  ctx: EmulatorContext,
  name: string,
  req: IncomingMessage,
  body: Record<string, unknown>,
  pool: (id: unknown) => Pool,
): Record<string, unknown> {
  developerOnly(ctx, req, name);
  const p = pool(body.IdentityPoolId);
  const provider = developerPool(p);
  if (name === 'GetOpenIdTokenForDeveloperIdentity') {
    const logins = loginsOf(body.Logins);
    if (!logins.some(([pr]) => pr === provider))
      throw invalid(`Logins must hold a user of the pool's developer provider ${provider}.`);
    const given = body.IdentityId;
    if (given !== undefined && typeof given !== 'string') throw invalid('IdentityId must be a string.');
    const identityId = linkLogins(ctx.state, p, given, logins);
    return { IdentityId: identityId, Token: randomBytes(48).toString('base64url') };
  }
  if (body.DeveloperProviderName !== provider) throw invalid(`DeveloperProviderName must be the pool's, ${provider}.`);
  const user = (field: string): string => {
    const u = body[field];
    if (typeof u !== 'string' || !u) throw invalid(`${field} is required.`);
    const identityId = ctx.state.logins.get(loginKey(p, [provider, u]));
    if (!identityId) throw notFound(`Developer user ${u} is not registered in pool '${p.id}'.`);
    return identityId;
  };
  const source = user('SourceUserIdentifier');
  const dest = user('DestinationUserIdentifier');
  mergeIdentities(ctx.state, p.id, source, dest);
  return { IdentityId: dest };
}
