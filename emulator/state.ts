/**
 * Everything the emulator remembers: identity pools, identities, issued credentials, sync session tokens and the
 * datasets (the model's `DatasetState`, one source of truth). Optionally persisted to a JSON file, written
 * atomically after every change, so a user can stop and restart the emulator.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { emptyDataset, type DatasetState, type Identity } from '../model/index.ts';
import { HarnessError } from '../harness/errors.ts';

/** An identity pool. */
export interface Pool {
  readonly id: string;
  readonly name: string;
  readonly allowUnauthenticated: boolean;
  /** `CognitoEvents`: `SyncTrigger` → a Lambda ARN. */
  events: Record<string, string>;
}

/** Credentials issued by GetCredentialsForIdentity, by access key id. */
export interface Issued {
  readonly identityId: string;
  readonly expiresAt: number;
}

interface Persisted {
  readonly version: number;
  readonly pools: Pool[];
  readonly identities: [string, string][];
  readonly datasets: DatasetState[];
}

/** The emulator's state. */
export class EmulatorState {
  readonly pools = new Map<string, Pool>();
  /** identity id → pool id */
  readonly identities = new Map<string, string>();
  readonly issued = new Map<string, Issued>();
  /** sync session token → `pool|identity|dataset` */
  readonly sessions = new Map<string, string>();
  readonly datasets = new Map<string, DatasetState>();

  constructor(
    readonly region: string,
    private readonly path?: string,
  ) {
    if (path && existsSync(path)) this.load(path);
  }

  static key(poolId: string, identityId: string, datasetName: string): string {
    return `${poolId}|${identityId}|${datasetName}`;
  }

  createPool(name: string, allowUnauthenticated: boolean, events: Record<string, string> = {}): Pool {
    const pool: Pool = { id: `${this.region}:${randomUUID()}`, name, allowUnauthenticated, events };
    this.pools.set(pool.id, pool);
    this.save();
    return pool;
  }

  newIdentity(poolId: string): string {
    const id = `${this.region}:${randomUUID()}`;
    this.identities.set(id, poolId);
    this.save();
    return id;
  }

  issue(identityId: string): { accessKeyId: string; secretKey: string; sessionToken: string; expiresAt: number } {
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const expiresAt = Date.now() + 3600_000;
    this.issued.set(accessKeyId, { identityId, expiresAt });
    return {
      accessKeyId,
      secretKey: randomBytes(20).toString('base64'),
      sessionToken: randomBytes(48).toString('base64'),
      expiresAt,
    };
  }

  dataset(identity: Identity, datasetName: string): DatasetState {
    const key = EmulatorState.key(identity.identityPoolId, identity.identityId, datasetName);
    return this.datasets.get(key) ?? emptyDataset(identity, datasetName);
  }

  setDataset(state: DatasetState): void {
    const key = EmulatorState.key(state.identity.identityPoolId, state.identity.identityId, state.datasetName);
    if (state.exists) this.datasets.set(key, state);
    else this.datasets.delete(key);
    this.save();
  }

  save(): void {
    if (!this.path) return;
    const data: Persisted = {
      version: 1,
      pools: [...this.pools.values()],
      identities: [...this.identities.entries()],
      datasets: [...this.datasets.values()],
    };
    const tmp = `${this.path}.${String(process.pid)}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(data)}\n`);
    renameSync(tmp, this.path);
  }

  private load(path: string): void {
    let data: Persisted;
    try {
      data = JSON.parse(readFileSync(path, 'utf8')) as Persisted;
    } catch (e) {
      throw new HarnessError(
        'E_USAGE',
        `cannot read the emulator state ${path}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    if (data.version !== 1 || !Array.isArray(data.pools) || !Array.isArray(data.datasets))
      throw new HarnessError('E_USAGE', `${path} is not an emulator state file (version 1)`);
    for (const p of data.pools) this.pools.set(p.id, p);
    for (const [i, p] of data.identities) this.identities.set(i, p);
    for (const d of data.datasets)
      this.datasets.set(EmulatorState.key(d.identity.identityPoolId, d.identity.identityId, d.datasetName), d);
  }
}
