/**
 * Everything the emulator remembers: identity pools, identities, the logins linked to them, the credentials it
 * issued, sync session tokens, push-sync devices, and the datasets as the model's `DatasetState` (one source of
 * truth). Every change goes through `put`/`drop` on a named table and is reported as one `Change`, which is what
 * the journal writes (`persist.ts`), so the state file can replay exactly what was acknowledged.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { emptyDataset, type DatasetState, type Identity } from '../model/index.ts';

/** The push-sync and streams settings of a pool (SetIdentityPoolConfiguration), kept as given. */
export interface PoolConfiguration {
  readonly PushSync?: { readonly ApplicationArns?: readonly string[]; readonly RoleArn?: string };
  readonly CognitoStreams?: Readonly<Record<string, unknown>>;
}

/** An identity pool. */
export interface Pool {
  readonly id: string;
  readonly name: string;
  readonly allowUnauthenticated: boolean;
  /** The developer provider of developer-authenticated identities, if the pool has one. */
  readonly developerProviderName?: string;
  /** `CognitoEvents`: `SyncTrigger` → a Lambda ARN. */
  readonly events: Readonly<Record<string, string>>;
  readonly configuration?: PoolConfiguration;
}

/** Credentials issued by GetCredentialsForIdentity, by access key id (the secret is never kept). */
interface Issued {
  readonly identityId: string;
  readonly expiresAt: number;
}

/** A device registered for push sync (RegisterDevice). */
interface PushDevice {
  readonly identityId: string;
  readonly platform: string;
  readonly token: string;
}

/** The tables of the state; each change of one is a `Change`. */
export interface Tables {
  readonly pools: Map<string, Pool>;
  /** identity id → pool id */
  readonly identities: Map<string, string>;
  readonly issued: Map<string, Issued>;
  /** dataset key → the dataset SyncCount when it was deleted (`DatasetDeletedAfterRequestedSyncCount`). */
  readonly deleted: Map<string, number>;
  readonly datasets: Map<string, DatasetState>;
  /** `pool|provider|user` → the identity the login is linked to. */
  readonly logins: Map<string, string>;
  /** dataset key of a dataset merged in from another identity → the name of the dataset it was merged into. */
  readonly merged: Map<string, string>;
  readonly devices: Map<string, PushDevice>;
  /** `datasetKey|deviceId` → the device id. */
  readonly subscriptions: Map<string, string>;
}

/** The name of a table. */
export type TableName = keyof Tables;

/** One change: `value` is the new row, absent for a deleted one. */
export interface Change {
  readonly table: TableName;
  readonly key: string;
  readonly value?: unknown;
}

interface Session {
  readonly dataset: string;
  readonly expiresAt: number;
}

/** Cognito Identity credentials last about an hour (CONTRACT.md §5). */
const CREDENTIALS_TTL_MS = 3_600_000;
/** How long a SyncSessionToken from ListRecords stays valid. */
const SESSION_TTL_MS = 3_600_000;

/** The tables, empty. */
export const emptyTables = (): Tables => ({
  pools: new Map(),
  identities: new Map(),
  issued: new Map(),
  deleted: new Map(),
  datasets: new Map(),
  logins: new Map(),
  merged: new Map(),
  devices: new Map(),
  subscriptions: new Map(),
});

/** The emulator's state. `onChange` sees every change worth keeping, in order. */
export class EmulatorState implements Tables {
  readonly pools;
  readonly identities;
  readonly issued;
  readonly deleted;
  readonly datasets;
  readonly logins;
  readonly merged;
  readonly devices;
  readonly subscriptions;
  private readonly sessions = new Map<string, Session>();

  constructor(
    readonly region: string,
    private readonly onChange: (c: Change) => void = () => undefined,
    tables: Tables = emptyTables(),
  ) {
    ({
      pools: this.pools,
      identities: this.identities,
      issued: this.issued,
      deleted: this.deleted,
      datasets: this.datasets,
      logins: this.logins,
      merged: this.merged,
      devices: this.devices,
      subscriptions: this.subscriptions,
    } = tables);
  }

  /** The key of a dataset: `pool|identity|name`. */
  static key(poolId: string, identityId: string, datasetName: string): string {
    return `${poolId}|${identityId}|${datasetName}`;
  }

  /** Sets a row and reports the change. */
  put<T extends TableName>(table: T, key: string, value: Tables[T] extends Map<string, infer V> ? V : never): void {
    (this[table] as Map<string, unknown>).set(key, value);
    this.onChange({ table, key, value });
  }

  /** Deletes a row (if there) and reports the change. */
  drop(table: TableName, key: string): void {
    if ((this[table] as Map<string, unknown>).delete(key)) this.onChange({ table, key });
  }

  createPool(name: string, allowUnauthenticated: boolean, developerProviderName?: string): Pool {
    const pool: Pool = {
      id: `${this.region}:${randomUUID()}`,
      name,
      allowUnauthenticated,
      ...(developerProviderName ? { developerProviderName } : {}),
      events: {},
    };
    this.put('pools', pool.id, pool);
    return pool;
  }

  /** Sets or (with an empty value) removes pool events. */
  setEvents(pool: Pool, events: Readonly<Record<string, string>>): Pool {
    const merged = Object.fromEntries(Object.entries({ ...pool.events, ...events }).filter(([, v]) => v !== ''));
    const next = { ...pool, events: merged };
    this.put('pools', pool.id, next);
    return next;
  }

  /** Deletes a pool with its identities, their credentials and their datasets. */
  deletePool(poolId: string): void {
    this.drop('pools', poolId);
    this.deleteIdentities(new Set([...this.identities].filter(([, p]) => p === poolId).map(([i]) => i)));
  }

  /** Deletes identities with their credentials, logins, devices and datasets. */
  deleteIdentities(gone: ReadonlySet<string>): void {
    for (const i of gone) this.drop('identities', i);
    for (const [k, c] of this.issued) if (gone.has(c.identityId)) this.drop('issued', k);
    for (const [k, i] of this.logins) if (gone.has(i)) this.drop('logins', k);
    for (const [k, d] of this.devices) if (gone.has(d.identityId)) this.drop('devices', k);
    const ofGone = (key: string): boolean => gone.has(key.split('|')[1] ?? '');
    for (const table of ['datasets', 'deleted', 'merged', 'subscriptions'] as const)
      for (const k of [...this[table].keys()]) if (ofGone(k)) this.drop(table, k);
  }

  newIdentity(poolId: string): string {
    const id = `${this.region}:${randomUUID()}`;
    this.put('identities', id, poolId);
    return id;
  }

  /** Issues temporary credentials for an identity; only the access key id is remembered. */
  issue(identityId: string, now = Date.now()) {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const expiresAt = now + CREDENTIALS_TTL_MS;
    this.put('issued', accessKeyId, { identityId, expiresAt });
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

  /**
   * A dataset, or an empty one that does not exist yet. A dataset deleted earlier starts again at the SyncCount it
   * had: counts stay unique across the deletion, so a device's count from before it is recognised as such.
   */
  dataset(identity: Identity, datasetName: string): DatasetState {
    const key = EmulatorState.key(identity.identityPoolId, identity.identityId, datasetName);
    const found = this.datasets.get(key);
    if (found) return found;
    return { ...emptyDataset(identity, datasetName), syncCount: this.deleted.get(key) ?? 0 };
  }

  /** Datasets of one identity that exist, by name. */
  datasetsOf(poolId: string, identityId: string): DatasetState[] {
    return [...this.datasets.values()]
      .filter((d) => d.identity.identityPoolId === poolId && d.identity.identityId === identityId)
      .sort((a, b) => (a.datasetName < b.datasetName ? -1 : a.datasetName > b.datasetName ? 1 : 0));
  }

  /** Stores a dataset the model computed. */
  setDataset(state: DatasetState): void {
    this.put(
      'datasets',
      EmulatorState.key(state.identity.identityPoolId, state.identity.identityId, state.datasetName),
      state,
    );
  }

  /** Deletes a dataset; devices that synced it learn of it from ListRecords, and a merge into it is forgotten. */
  deleteDataset(state: DatasetState): void {
    const key = EmulatorState.key(state.identity.identityPoolId, state.identity.identityId, state.datasetName);
    this.drop('datasets', key);
    this.drop('merged', key);
    this.put('deleted', key, state.syncCount);
  }
}
