/**
 * The probe lab: clients for the probe pool, one unauthenticated identity, and one experiment — a fresh dataset
 * seeded with developer credentials (no trigger), one sync from the identity with the probe trigger steered by the
 * record `csc-probe`, the records before and after, the service's error if any; the dataset deleted afterwards.
 */
import { randomBytes } from 'node:crypto';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import {
  CognitoSyncClient,
  DeleteDatasetCommand,
  ListRecordsCommand,
  UpdateRecordsCommand,
  type _Record as WireRecord,
} from '@aws-sdk/client-cognito-sync';
import { HarnessError } from '../runtime/errors.ts';
import { LIVE_DEFAULTS } from './liveDefaults.ts';
import { developerCredentials, findPool, RunIdentities, sdkConfig } from './identities.ts';
import { Wire } from './wire.ts';

/**
 * A patch of an experiment: `null` removes, `undefined` sends a replace without a Value; `syncCount` overrides the
 * one the listing gives (to send a stale one).
 */
export interface Patch {
  readonly key: string;
  readonly value: string | null | undefined;
  readonly syncCount?: number;
}

/** What an experiment saw. */
export interface Observation {
  /** The service's error for the identity's update. */
  readonly error?: string;
  readonly before: ReadonlyMap<string, WireRecord>;
  readonly records: ReadonlyMap<string, WireRecord>;
}

/** Where to probe. */
export interface LabOptions {
  readonly identityPoolId?: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
}

/** The clients, the identity and the experiments of one probe run. */
export class ProbeLab {
  private n = 0;
  private readonly runId = randomBytes(3).toString('hex');

  private constructor(
    readonly poolId: string,
    private readonly identityId: string,
    private readonly clients: readonly { destroy(): void }[],
    private readonly developer: CognitoSyncClient,
    private readonly device: CognitoSyncClient,
    /** Clears every secret the lab holds from a text. */
    readonly redact: (text: string) => string,
  ) {}

  /**
   * Finds the pool (or takes the one given) and gets an identity of it.
   * @throws HarnessError for no such pool, no credentials, an unreachable endpoint
   */
  static async open(o: LabOptions): Promise<ProbeLab> {
    const config = {
      ...(o.endpoint ? { endpoint: o.endpoint } : {}),
      ...(o.region ? { region: o.region } : {}),
      ...(o.profile ? { profile: o.profile } : {}),
      maxAttempts: 3,
    };
    const ids = new CognitoIdentityClient(sdkConfig(config));
    const developer = new CognitoSyncClient(sdkConfig(config));
    const clients: { destroy(): void }[] = [ids, developer];
    try {
      // The setup goes through a wire, as a run's does: its secrets are then the ones the lab clears from texts.
      const wire = new Wire({ maxRequests: 50, throttleRetries: 2, backoffMs: LIVE_DEFAULTS.backoffMs });
      const poolId = o.identityPoolId ?? (await findPool(wire, [], ids, LIVE_DEFAULTS.probePoolName));
      await developerCredentials(wire, developer);
      const identities = new RunIdentities(wire, [], ids, config, poolId);
      const who = await identities.forCase(0);
      clients.push(who.sync);
      const redact = (t: string): string => wire.redact(t);
      return new ProbeLab(poolId, who.identity.identityId, clients, developer, who.sync, redact);
    } catch (e) {
      for (const c of clients) c.destroy();
      throw e;
    }
  }

  private at(name: string) {
    return { IdentityPoolId: this.poolId, IdentityId: this.identityId, DatasetName: name };
  }

  private async update(sync: CognitoSyncClient, name: string, patches: readonly Patch[]): Promise<string | undefined> {
    const listed = await sync.send(new ListRecordsCommand(this.at(name)));
    const counts = new Map((listed.Records ?? []).map((r) => [r.Key, r.SyncCount ?? 0]));
    try {
      await sync.send(
        new UpdateRecordsCommand({
          ...this.at(name),
          SyncSessionToken: listed.SyncSessionToken,
          RecordPatches: patches.map((p) => {
            const SyncCount = p.syncCount ?? counts.get(p.key) ?? 0;
            if (p.value === null) return { Op: 'remove', Key: p.key, SyncCount };
            return { Op: 'replace', Key: p.key, ...(p.value === undefined ? {} : { Value: p.value }), SyncCount };
          }),
        }),
      );
      return undefined;
    } catch (e) {
      if ((e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === undefined) throw e;
      return (e as Error).name;
    }
  }

  /**
   * One experiment on a fresh dataset.
   * @param seed - live records to store first (developer credentials: no trigger)
   * @param dead - keys to store as tombstones
   * @param patches - the identity's update (the trigger runs)
   */
  async experiment(
    seed: Readonly<Record<string, string>>,
    dead: readonly string[],
    patches: readonly Patch[],
  ): Promise<Observation> {
    const name = `${LIVE_DEFAULTS.datasetPrefix}probe-${this.runId}-${String(this.n++)}`;
    try {
      const live = Object.entries(seed).map(([key, value]) => ({ key, value }));
      if (live.length + dead.length)
        await this.update(this.developer, name, [...live, ...dead.map((key) => ({ key, value: 'x' }))]);
      if (dead.length)
        await this.update(
          this.developer,
          name,
          dead.map((key) => ({ key, value: null })),
        );
      const listed = await this.device.send(new ListRecordsCommand(this.at(name)));
      const before = new Map((listed.Records ?? []).map((r) => [r.Key ?? '', r]));
      const error = await this.update(this.device, name, patches);
      const after = await this.device.send(new ListRecordsCommand(this.at(name)));
      return {
        ...(error ? { error } : {}),
        records: new Map((after.Records ?? []).map((r) => [r.Key ?? '', r])),
        before,
      };
    } finally {
      await this.device.send(new DeleteDatasetCommand(this.at(name))).catch(() => undefined);
    }
  }

  /** The event the probe trigger received, from the record it wrote (`csc-probe-event`). */
  async recorded(seed: Record<string, string>, dead: string[], patches: Patch[]): Promise<Record<string, unknown>> {
    const r = await this.experiment(seed, dead, [...patches, { key: 'csc-probe', value: 'record' }]);
    const text = r.records.get('csc-probe-event')?.Value;
    if (r.error || text === undefined)
      throw new HarnessError(
        'E_POOL',
        `the probe trigger did not record the event (${r.error ?? 'no csc-probe-event record'}): is deploy/probe-trigger.cjs the Sync Trigger of ${this.poolId}?`,
      );
    return JSON.parse(text) as Record<string, unknown>;
  }

  /** An experiment whose trigger replies one odd shape on record `k`. */
  reply(point: string): Promise<Observation> {
    return this.experiment({ k: 'x' }, [], [{ key: 'csc-probe', value: `reply:${point}` }]);
  }

  close(): void {
    for (const c of this.clients) c.destroy();
  }
}
