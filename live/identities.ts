/**
 * The AWS side of a live run that is not a case: clients, the developer's credentials (resolved once, so that
 * their exact strings can be kept out of every trace), the identity pool (given, or looked up by the name
 * `deploy/stack.yaml` gives it), its Sync Trigger, and the unauthenticated identities the run creates.
 */
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  ListIdentityPoolsCommand,
  type IdentityPoolShortDescription,
} from '@aws-sdk/client-cognito-identity';
import { CognitoSyncClient, GetCognitoEventsCommand } from '@aws-sdk/client-cognito-sync';
import type { Identity } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import { LIVE_DEFAULTS } from './liveDefaults.ts';
import { serviceErrorName, type TraceEntry, type Wire } from './wire.ts';

/** Where the clients go and how they retry. */
export interface ClientConfig {
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly maxAttempts: number;
}

/** The config object of an SDK client. */
export const sdkConfig = (c: ClientConfig) => ({
  maxAttempts: c.maxAttempts,
  ...(c.endpoint ? { endpoint: c.endpoint } : {}),
  ...(c.region ? { region: c.region } : {}),
  ...(c.profile ? { profile: c.profile } : {}),
});

/**
 * Resolves the developer's credentials through the SDK chain and hands their strings to the wire's redactor.
 * @throws HarnessError `E_AWS` when there are none (with where to set them)
 */
export async function developerCredentials(wire: Wire, client: CognitoSyncClient): Promise<void> {
  try {
    const c = await client.config.credentials();
    wire.addSecrets(c.accessKeyId, c.secretAccessKey, c.sessionToken);
  } catch (e) {
    throw wire.problem('no AWS credentials for the developer requests', e);
  }
}

const normal = (name: string): string => name.toLowerCase().replace(/[-\s]/g, '_');

/**
 * Looks up a pool by the name `deploy/stack.yaml` gives it (`-`, `_` and case alike).
 * @param name - the name @defaultValue 'sync_trigger_conformance'
 * @throws HarnessError `E_POOL` when there is none or more than one
 */
export async function findPool(
  wire: Wire,
  trace: TraceEntry[],
  client: CognitoIdentityClient,
  name: string = LIVE_DEFAULTS.poolName,
): Promise<string> {
  const found: IdentityPoolShortDescription[] = [];
  let next: string | undefined;
  do {
    const input = { MaxResults: 60, ...(next ? { NextToken: next } : {}) };
    let page;
    try {
      page = await wire.send(trace, { op: 'ListIdentityPools', as: 'developer' }, input, () =>
        client.send(new ListIdentityPoolsCommand(input)),
      );
    } catch (e) {
      const h = wire.problem('cannot list the identity pools to find the one to use', e);
      throw new HarnessError(h.code, `${h.message}; or pass --identity-pool-id`);
    }
    found.push(...(page.IdentityPools ?? []).filter((p) => normal(p.IdentityPoolName ?? '') === normal(name)));
    next = page.NextToken;
  } while (next);
  const [only, ...more] = found;
  if (!only?.IdentityPoolId)
    throw new HarnessError(
      'E_POOL',
      `no identity pool named ${name}: deploy deploy/stack.yaml, or pass --identity-pool-id`,
    );
  if (more.length)
    throw new HarnessError(
      'E_POOL',
      `${String(found.length)} identity pools are named ${name} (${found.map((p) => p.IdentityPoolId ?? '').join(', ')}): pass --identity-pool-id`,
    );
  return only.IdentityPoolId;
}

const REFUSALS = new Set(['AccessDeniedException', 'AccessDenied', 'NotAuthorizedException']);

/**
 * Checks that the pool has a Sync Trigger. A refusal to tell (no `GetCognitoEvents` permission) is not an error:
 * the run itself shows what the service does.
 * @throws HarnessError `E_NOT_FOUND` for a pool that does not exist, `E_POOL` for one without a Sync Trigger
 */
export async function checkTrigger(
  wire: Wire,
  trace: TraceEntry[],
  client: CognitoSyncClient,
  poolId: string,
): Promise<void> {
  const input = { IdentityPoolId: poolId };
  let events: Record<string, string> | undefined;
  try {
    const out = await wire.send(trace, { op: 'GetCognitoEvents', as: 'developer' }, input, () =>
      client.send(new GetCognitoEventsCommand(input)),
    );
    events = out.Events ?? {};
  } catch (e) {
    // Not allowed to read the events: the run itself will show what the service does.
    if (REFUSALS.has(serviceErrorName(e) ?? '')) return;
    throw wire.problem(`identity pool ${poolId}`, e, 'E_NOT_FOUND');
  }
  if (!events.SyncTrigger)
    throw new HarnessError(
      'E_POOL',
      `identity pool ${poolId} has no Sync Trigger: set CognitoEvents.SyncTrigger to your function (deploy/stack.yaml does)`,
    );
}

/** An unauthenticated identity the run created, with a Cognito Sync client signed by its credentials. */
export interface LiveIdentity {
  readonly identity: Identity;
  readonly sync: CognitoSyncClient;
}

/** The identities of a run: one per `datasetsPerIdentity` cases, created when first needed. */
export class RunIdentities {
  private readonly made = new Map<number, Promise<LiveIdentity>>();
  private readonly settled: LiveIdentity[] = [];

  constructor(
    private readonly wire: Wire,
    private readonly trace: TraceEntry[],
    private readonly client: CognitoIdentityClient,
    private readonly config: ClientConfig,
    private readonly poolId: string,
  ) {}

  /** True when case `index` is the first of a new identity. */
  static startsIdentity(index: number): boolean {
    return index % LIVE_DEFAULTS.datasetsPerIdentity === 0;
  }

  /** The identity case `index` uses. */
  forCase(index: number): Promise<LiveIdentity> {
    const k = Math.floor(index / LIVE_DEFAULTS.datasetsPerIdentity);
    let p = this.made.get(k);
    if (!p) {
      p = this.create();
      this.made.set(k, p);
    }
    return p;
  }

  /** Identities created so far. */
  get all(): readonly LiveIdentity[] {
    return this.settled;
  }

  private async create(): Promise<LiveIdentity> {
    const poolId = this.poolId;
    try {
      const got = await this.wire.send(this.trace, { op: 'GetId', as: 'anonymous' }, { IdentityPoolId: poolId }, () =>
        this.client.send(new GetIdCommand({ IdentityPoolId: poolId })),
      );
      const identityId = got.IdentityId ?? '';
      const input = { IdentityId: identityId };
      const out = await this.wire.send(this.trace, { op: 'GetCredentialsForIdentity', as: 'anonymous' }, input, () =>
        this.client.send(new GetCredentialsForIdentityCommand(input)),
      );
      const c = out.Credentials;
      this.wire.addSecrets(c?.AccessKeyId, c?.SecretKey, c?.SessionToken);
      const sync = new CognitoSyncClient({
        ...sdkConfig(this.config),
        credentials: {
          accessKeyId: c?.AccessKeyId ?? '',
          secretAccessKey: c?.SecretKey ?? '',
          sessionToken: c?.SessionToken ?? '',
        },
      });
      const identity = { region: poolId.split(':')[0] ?? this.config.region ?? '', identityPoolId: poolId, identityId };
      const made = { identity, sync };
      this.settled.push(made);
      return made;
    } catch (e) {
      if (e instanceof HarnessError || (e as Error).name === 'LiveStop') throw e;
      throw this.wire.problem(`cannot get an unauthenticated identity from pool ${poolId}`, e, 'E_NOT_FOUND');
    }
  }

  /** Releases the identities' clients. */
  close(): void {
    for (const i of this.settled) i.sync.destroy();
  }
}
