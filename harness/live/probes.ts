/**
 * Probes of the undocumented points: one small experiment per registry entry against the live service, through an
 * identity pool whose Sync Trigger is `live/probe-trigger.mjs`. Each records which reading the service showed, with
 * what was observed; the file it writes is what `run --readings-file` loads, so an account can settle a reading
 * once and every later run judges under it. Points no experiment can settle are listed with the reason.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  CognitoSyncClient,
  DeleteDatasetCommand,
  ListRecordsCommand,
  UpdateRecordsCommand,
  type _Record as WireRecord,
} from '@aws-sdk/client-cognito-sync';
import { OPEN_POINTS, resolveReadings, type OpenPointId } from '../../model/index.ts';
import { HarnessError } from '../errors.ts';
import { awsProblem } from '../lambda/index.ts';

/** Where and how to probe. */
export interface ProbeOptions {
  /** A pool whose Sync Trigger is `live/probe-trigger.mjs`. */
  readonly identityPoolId: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  /** Only these points. @defaultValue every probe-able point */
  readonly points?: readonly string[];
  readonly onProgress?: (point: string, reading: string) => void;
}

/** The file `probe` writes and `run --readings-file` reads. */
export interface ReadingsFile {
  readonly kind: 'cognito-sync-conformance/readings';
  readonly version: 1;
  readonly probedAt: string;
  readonly service: string;
  readonly identityPoolId: string;
  /** The reading each probed point showed. */
  readonly readings: Readonly<Record<string, string>>;
  /** What was observed, per point. */
  readonly evidence: Readonly<Record<string, string>>;
  /** Points no experiment settles, with why. */
  readonly unprobed: Readonly<Record<string, string>>;
}

/** Points no experiment here can settle, and why. */
export const UNPROBED: Readonly<Partial<Record<OpenPointId, string>>> = {
  'service.conflictCheck':
    'whether the trigger ran before a 409 leaves no trace: a conflicting update writes nothing either way',
  'service.valueMaxLength': 'the 1 MB dataset limit is reached before either value limit',
  'service.limitErrorCode': 'needs a full 1 MB dataset per experiment; settle it with --reading if it matters',
};

type Patch = { key: string; value: string | null };

/** Runs the probes and returns the readings file's content. */
export async function runProbes(o: ProbeOptions): Promise<ReadingsFile> {
  const client = {
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
    maxAttempts: 3,
  };
  const ids = new CognitoIdentityClient(client);
  const developer = new CognitoSyncClient(client);
  let device: CognitoSyncClient;
  let identityId: string;
  try {
    identityId = (await ids.send(new GetIdCommand({ IdentityPoolId: o.identityPoolId }))).IdentityId ?? '';
    const c = (await ids.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }))).Credentials;
    device = new CognitoSyncClient({
      ...client,
      credentials: {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretKey ?? '',
        sessionToken: c?.SessionToken ?? '',
      },
    });
  } catch (e) {
    throw awsProblem(`cannot get an identity from pool ${o.identityPoolId}`, e);
  }
  const runId = randomBytes(3).toString('hex');
  let n = 0;
  const at = (name: string) => ({ IdentityPoolId: o.identityPoolId, IdentityId: identityId, DatasetName: name });

  async function update(sync: CognitoSyncClient, name: string, patches: readonly Patch[]): Promise<string | undefined> {
    const listed = await sync.send(new ListRecordsCommand(at(name)));
    const counts = new Map((listed.Records ?? []).map((r) => [r.Key, r.SyncCount ?? 0]));
    try {
      await sync.send(
        new UpdateRecordsCommand({
          ...at(name),
          SyncSessionToken: listed.SyncSessionToken,
          RecordPatches: patches.map((p) =>
            p.value === null
              ? { Op: 'remove', Key: p.key, SyncCount: counts.get(p.key) ?? 0 }
              : { Op: 'replace', Key: p.key, Value: p.value, SyncCount: counts.get(p.key) ?? 0 },
          ),
        }),
      );
      return undefined;
    } catch (e) {
      if ((e as { $metadata?: unknown }).$metadata === undefined) throw e;
      return (e as Error).name;
    }
  }

  /** A fresh dataset: seeded with developer credentials (no trigger), then one sync from the identity. */
  async function experiment(
    seed: Readonly<Record<string, string>>,
    dead: readonly string[],
    patches: readonly Patch[],
  ): Promise<{ error?: string; records: Map<string, WireRecord>; before: Map<string, WireRecord> }> {
    const name = `csc-probe-${runId}-${String(n++)}`;
    try {
      const live = Object.entries(seed).map(([key, value]) => ({ key, value }));
      if (live.length + dead.length)
        await update(developer, name, [...live, ...dead.map((key) => ({ key, value: 'x' }))]);
      if (dead.length)
        await update(
          developer,
          name,
          dead.map((key) => ({ key, value: null })),
        );
      const before = new Map(
        ((await device.send(new ListRecordsCommand(at(name)))).Records ?? []).map((r) => [r.Key ?? '', r]),
      );
      const error = await update(device, name, patches);
      const after = await device.send(new ListRecordsCommand(at(name)));
      return {
        ...(error ? { error } : {}),
        records: new Map((after.Records ?? []).map((r) => [r.Key ?? '', r])),
        before,
      };
    } finally {
      await device.send(new DeleteDatasetCommand(at(name))).catch(() => undefined);
    }
  }

  /** The event the probe trigger saw, from the record it wrote. */
  async function recorded(
    seed: Record<string, string>,
    dead: string[],
    patches: Patch[],
  ): Promise<Record<string, unknown>> {
    const r = await experiment(seed, dead, [...patches, { key: 'csc-probe', value: 'record' }]);
    const text = r.records.get('csc-probe-event')?.Value;
    if (r.error || text === undefined)
      throw new HarnessError(
        'E_USAGE',
        `the probe trigger did not record the event (${r.error ?? 'no csc-probe-event record'}): is live/probe-trigger.mjs the Sync Trigger of ${o.identityPoolId}?`,
      );
    return JSON.parse(text) as Record<string, unknown>;
  }

  const value = (r: { records: Map<string, WireRecord> }, key: string) => r.records.get(key)?.Value;
  const replyProbe = (point: string) => experiment({ k: 'x' }, [], [{ key: 'csc-probe', value: `reply:${point}` }]);
  const invalid = (r: { error?: string }) => r.error === 'InvalidLambdaFunctionOutputException';
  const entry = (e: Record<string, unknown>, key: string) => e[key] as Record<string, unknown> | null | undefined;

  const probes: Partial<Record<OpenPointId, () => Promise<[string, string]>>> = {
    'event.untouchedRecord': async () => {
      const a = entry(await recorded({ a: 'x' }, [], []), 'a');
      return [a && 'op' in a ? 'replace-same' : 'op-absent', `untouched record: ${JSON.stringify(a)}`];
    },
    'event.newRecordOldValue': async () => {
      const e = entry(await recorded({}, [], [{ key: 'n', value: 'v' }]), 'n');
      const r = !e || !('oldValue' in e) ? 'absent' : e.oldValue === '' ? 'empty-string' : 'null';
      return [r, `new record: ${JSON.stringify(e)}`];
    },
    'event.removedRecordNewValue': async () => {
      const e = entry(await recorded({ r: 'x' }, [], [{ key: 'r', value: null }]), 'r');
      const r = !e || !('newValue' in e) ? 'absent' : e.newValue === null ? 'null' : 'old-value';
      return [r, `removed record: ${JSON.stringify(e)}`];
    },
    'event.untouchedTombstone': async () => {
      const ev = await recorded({}, ['t'], []);
      const r = !('t' in ev) ? 'omitted' : ev.t === null ? 'null-entry' : 'remove-entry';
      return [r, `untouched tombstone: ${'t' in ev ? JSON.stringify(ev.t) : 'not in the event'}`];
    },
    'event.readdOverTombstone': async () => {
      const ev = await recorded({}, ['t'], [{ key: 't', value: 'y' }]);
      return [ev.t === null ? 'null-entry' : 'new-record', `re-added over a tombstone: ${JSON.stringify(ev.t)}`];
    },
    'service.emptyPatches': async () => {
      const r = await experiment({ a: 'x', 'csc-probe': 'record' }, [], []);
      const fired = r.records.has('csc-probe-event');
      return [
        fired ? 'fires' : 'skipped',
        `an UpdateRecords without patches ${fired ? 'ran' : 'did not run'} the trigger`,
      ];
    },
    'reply.invalidOp': async () => {
      const r = await replyProbe('reply.invalidOp');
      return [
        invalid(r) ? 'invalid' : value(r, 'k') === 'probe' ? 'replace' : 'ignored',
        `op "upsert": ${r.error ?? `k = ${String(value(r, 'k'))}`}`,
      ];
    },
    'reply.replaceWithoutValue': async () => {
      const r = await replyProbe('reply.replaceWithoutValue');
      return [
        invalid(r) ? 'invalid' : value(r, 'k') === undefined ? 'remove' : 'ignored',
        `replace without newValue: ${r.error ?? `k = ${String(value(r, 'k'))}`}`,
      ];
    },
    'reply.nullEntry': async () => {
      const r = await replyProbe('reply.nullEntry');
      return [
        invalid(r) ? 'invalid' : value(r, 'k') === undefined ? 'remove' : 'ignored',
        `null entry: ${r.error ?? `k = ${String(value(r, 'k'))}`}`,
      ];
    },
    'reply.nonStringValue': async () => {
      const r = await replyProbe('reply.nonStringValue');
      return [invalid(r) ? 'invalid' : 'coerced', `newValue 42: ${r.error ?? `k = ${String(value(r, 'k'))}`}`];
    },
    'reply.extraTopLevelField': async () => {
      const r = await replyProbe('reply.extraTopLevelField');
      return [invalid(r) ? 'invalid' : 'ignored', `an extra top-level field: ${r.error ?? 'accepted'}`];
    },
    'reply.datasetRecordsMissing': async () => {
      const r = await replyProbe('reply.datasetRecordsMissing');
      return [invalid(r) ? 'invalid' : 'no-change', `no datasetRecords: ${r.error ?? 'accepted'}`];
    },
    'reply.replaceSameValue': async () => {
      const r = await replyProbe('reply.replaceSameValue');
      const bumped = (r.records.get('k')?.SyncCount ?? 0) > (r.before.get('k')?.SyncCount ?? 0);
      return [bumped ? 'written' : 'no-op', `k replaced with its own value: SyncCount ${bumped ? 'rose' : 'stayed'}`];
    },
  };

  const wanted = o.points ?? OPEN_POINTS.map((p) => p.id);
  const unknown = wanted.filter((p) => !OPEN_POINTS.some((q) => q.id === p));
  if (unknown.length) throw new HarnessError('E_USAGE', `no such undocumented point: ${unknown.join(', ')}`);
  const readings: Record<string, string> = {};
  const evidence: Record<string, string> = {};
  const unprobed: Record<string, string> = {};
  try {
    for (const point of wanted as OpenPointId[]) {
      const probe = probes[point];
      if (!probe) {
        unprobed[point] = UNPROBED[point] ?? 'no experiment for this point yet';
        continue;
      }
      const [reading, seen] = await probe();
      readings[point] = reading;
      evidence[point] = seen;
      o.onProgress?.(point, reading);
    }
  } catch (e) {
    if (e instanceof HarnessError) throw e;
    throw awsProblem('a probe failed', e);
  } finally {
    ids.destroy();
    developer.destroy();
    device.destroy();
  }
  return {
    kind: 'cognito-sync-conformance/readings',
    version: 1,
    probedAt: new Date().toISOString(),
    service: o.endpoint ?? 'aws',
    identityPoolId: o.identityPoolId,
    readings,
    evidence,
    unprobed,
  };
}

/**
 * Loads a readings file written by `probe` and checks it against the registry.
 * @throws HarnessError `E_USAGE` naming the file and the problem
 */
export function loadReadingsFile(path: string): Record<string, string> {
  let data: Partial<ReadingsFile>;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as Partial<ReadingsFile>;
  } catch (e) {
    throw new HarnessError(
      'E_USAGE',
      `cannot read the readings file ${path}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  if (data.kind !== 'cognito-sync-conformance/readings' || data.version !== 1 || typeof data.readings !== 'object')
    throw new HarnessError('E_USAGE', `${path} is not a readings file written by cognito-sync-conformance probe`);
  const readings = { ...data.readings };
  const checked = resolveReadings(readings);
  if (!checked.ok) throw new HarnessError('E_USAGE', `${path}: ${checked.problems.join('; ')}`);
  return readings;
}
