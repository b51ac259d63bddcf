/**
 * Everything the emulator remembers: identity pools, identities, the credentials it issued, sync session tokens,
 * and the datasets as the model's `DatasetState` (one source of truth). `persist.ts` keeps it in a file.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { emptyDataset, type DatasetState, type Identity } from '../model/index.ts';

/** An identity pool. */
export interface Pool {
  readonly id: string;
  readonly name: string;
  readonly allowUnauthenticated: boolean;
  /** `CognitoEvents`: `SyncTrigger` → a Lambda ARN. */
  events: Record<string, string>;
}

/** Credentials issued by GetCredentialsForIdentity, by access key id (the secret is never kept). */
export interface Issued {
  readonly identityId: string;
  readonly expiresAt: number;
}

interface Session {
  readonly dataset: string;
  readonly expiresAt: number;
}

/** Cognito Identity credentials last about an hour (CONTRACT.md §5). */
export const CREDENTIALS_TTL_MS = 3_600_000;
/** How long a SyncSessionToken from ListRecords stays valid. */
export const SESSION_TTL_MS = 3_600_000;

/** The emulator's state. `onChange` runs after every change worth keeping. */
export class EmulatorState {
  readonly pools = new Map<string, Pool>();
  /** identity id → pool id */
  readonly identities = new Map<string, string>();
  readonly issued = new Map<string, Issued>();
  /** dataset key → its dataset SyncCount when it was deleted (for `DatasetDeletedAfterRequestedSyncCount`). */
  readonly deleted = new Map<string, number>();
  readonly datasets = new Map<string, DatasetState>();
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly region: string,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** The key of a dataset: `pool|identity|name`. */
  static key(poolId: string, identityId: string, datasetName: string): string {
    return `${poolId}|${identityId}|${datasetName}`;
  }

  createPool(name: string, allowUnauthenticated: boolean): Pool {
    const pool: Pool = { id: `${this.region}:${randomUUID()}`, name, allowUnauthenticated, events: {} };
    this.pools.set(pool.id, pool);
    this.onChange();
    return pool;
  }

  /** Sets or (with an empty value) removes pool events. */
  setEvents(pool: Pool, events: Readonly<Record<string, string>>): void {
    pool.events = Object.fromEntries(Object.entries({ ...pool.events, ...events }).filter(([, v]) => v !== ''));
    this.onChange();
  }

  /** Deletes a pool with its identities, their credentials and their datasets. */
  deletePool(poolId: string): void {
    this.pools.delete(poolId);
    this.deleteIdentities(new Set([...this.identities].filter(([, p]) => p === poolId).map(([i]) => i)));
  }

  /** Deletes identities with their credentials and datasets. */
  deleteIdentities(gone: ReadonlySet<string>): void {
    for (const i of gone) this.identities.delete(i);
    for (const [k, c] of this.issued) if (gone.has(c.identityId)) this.issued.delete(k);
    for (const [k, d] of this.datasets) if (gone.has(d.identity.identityId)) this.datasets.delete(k);
    for (const k of this.deleted.keys()) if (gone.has(k.split('|')[1] ?? '')) this.deleted.delete(k);
    this.onChange();
  }

  newIdentity(poolId: string): string {
    const id = `${this.region}:${randomUUID()}`;
    this.identities.set(id, poolId);
    this.onChange();
    return id;
  }

  /** Issues temporary credentials for an identity; only the access key id is remembered. */
  issue(identityId: string, now = Date.now()) {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const expiresAt = now + CREDENTIALS_TTL_MS;
    this.issued.set(accessKeyId, { identityId, expiresAt });
    this.onChange();
    return {
      accessKeyId,
      secretKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(64).toString('base64'),
      expiresAt,
    };
  }

  /** Issues a SyncSessionToken for a dataset (expired ones are dropped on the way: the map stays small). */
  openSession(datasetKey: string, now = Date.now()): string {
    for (const [token, s] of this.sessions) {
      if (s.expiresAt > now) break; // insertion order is expiry order
      this.sessions.delete(token);
    }
    const token = randomUUID();
    this.sessions.set(token, { dataset: datasetKey, expiresAt: now + SESSION_TTL_MS });
    return token;
  }

  /** True when the token was issued by ListRecords for this dataset and has not expired. */
  validSession(token: unknown, datasetKey: string, now = Date.now()): boolean {
    const s = typeof token === 'string' ? this.sessions.get(token) : undefined;
    return s !== undefined && s.dataset === datasetKey && s.expiresAt > now;
  }

  /** Open sessions of a pool (DescribeIdentityPoolUsage's `SyncSessionsCount`). */
  sessionCount(poolId: string, now = Date.now()): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.expiresAt > now && s.dataset.startsWith(`${poolId}|`)) n++;
    return n;
  }

  dataset(identity: Identity, datasetName: string): DatasetState {
    const key = EmulatorState.key(identity.identityPoolId, identity.identityId, datasetName);
    return this.datasets.get(key) ?? emptyDataset(identity, datasetName);
  }

  /** Datasets of one identity that exist. */
  datasetsOf(poolId: string, identityId: string): DatasetState[] {
    return [...this.datasets.values()].filter(
      (d) => d.identity.identityPoolId === poolId && d.identity.identityId === identityId,
    );
  }

  /** Stores a dataset the model computed. */
  setDataset(state: DatasetState): void {
    const key = EmulatorState.key(state.identity.identityPoolId, state.identity.identityId, state.datasetName);
    this.datasets.set(key, state);
    this.deleted.delete(key);
    this.onChange();
  }

  /** Deletes a dataset; devices that synced it learn of it from ListRecords. */
  deleteDataset(state: DatasetState): void {
    const key = EmulatorState.key(state.identity.identityPoolId, state.identity.identityId, state.datasetName);
    this.datasets.delete(key);
    this.deleted.set(key, state.syncCount);
    this.onChange();
  }
}
