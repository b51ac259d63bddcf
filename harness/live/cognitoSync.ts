/**
 * End to end through Cognito Sync, and a differential check of the model against the service (`live/model-agrees`).
 *
 * For each generated case: seed a dataset (developer credentials: no trigger), sync it from a fresh
 * unauthenticated identity (ListRecords, UpdateRecords with the user's patches, so the service invokes its Sync
 * Trigger), list the result, and compare with what the model predicts for the same handler (the local module,
 * invoked here to learn its reply). Then a second device sends a stale SyncCount: both must answer 409. Every
 * disagreement is a model-vs-service divergence with the full trace (credentials never written). Datasets are
 * named with a run-specific prefix, created only on identities the run made, and deleted afterwards.
 */
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  ListIdentityPoolsCommand,
} from '@aws-sdk/client-cognito-identity';
import {
  CognitoSyncClient,
  DeleteDatasetCommand,
  GetCognitoEventsCommand,
  ListRecordsCommand,
  UpdateRecordsCommand,
  type ListRecordsCommandOutput,
  type RecordPatch as WirePatch,
} from '@aws-sdk/client-cognito-sync';
import {
  commitUpdate,
  DEFAULT_READINGS,
  liveValues,
  OPEN_POINTS,
  prepareUpdate,
  resolveReadings,
  sameValues,
  type DatasetState,
  type DatasetValues,
  type Identity,
  type Readings,
  type RecordPatch,
  type UpdateResult,
} from '../../model/index.ts';
import { syncCase, type SyncCase } from '../../generators/index.ts';
import { HarnessError } from '../errors.ts';
import { toLambdaResult, type InvocationOutcome, type Invoker } from '../invoker.ts';
import { awsProblem } from '../lambda/index.ts';
import { createLocalInvoker } from '../local/index.ts';
import { parseHandlerSpec } from '../options.ts';
import type { RuntimeProfile } from '../runDefaults.ts';
import { RUN_RESULT_SCHEMA_VERSION, summarize, type CheckResult, type RunResult } from '../result.ts';
import { randomSeed } from '../seeds.ts';
import { redactValue } from '../secrets.ts';
import { TOOL_VERSION } from '../version.ts';

/** Options of an end-to-end run. */
export interface LiveOptions {
  /** The handler module deployed as the pool's Sync Trigger, `path[#export]` (run locally for the prediction). */
  readonly handler: string;
  /** The identity pool whose `CognitoEvents.SyncTrigger` is that handler. */
  readonly identityPoolId: string;
  readonly endpoint?: string;
  readonly region?: string;
  readonly profile?: string;
  readonly runtime?: RuntimeProfile;
  /** Cases (each a few requests). @defaultValue 10 */
  readonly runs?: number;
  readonly seed?: number;
  /** The most requests the run sends; cases that would pass it are not started. @defaultValue 300 */
  readonly maxRequests?: number;
  /** Readings the model predicts under. @defaultValue the defaults */
  readonly readings?: Readonly<Record<string, string>>;
  /** Attempts of the SDK clients per request. @defaultValue 3 */
  readonly maxAttempts?: number;
  /** Cases run side by side, each with its own local isolate for the prediction. @defaultValue 1 */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** One request of the trace: operation, input and output (or error), with every secret redacted. */
export interface TraceEntry {
  readonly op: string;
  readonly input: unknown;
  readonly output?: unknown;
  readonly error?: { readonly name: string; readonly message: string };
}

/** The requests one case makes at most (identity 2, seed 2–3, sync 3, conflict 2, cleanup 1, one retry). */
export const REQUESTS_PER_CASE = 14;

const CHECK_ID = 'live/model-agrees';

/** What the run will do, said before it starts (and all `--dry-run` prints). */
export function livePlan(o: LiveOptions): string[] {
  const runs = o.runs ?? 10;
  return [
    `end to end through Cognito Sync at ${o.endpoint ?? 'AWS'} (${o.region ?? 'region from the SDK chain'}), identity pool ${o.identityPoolId}`,
    `  1 new unauthenticated identity (GetId, GetCredentialsForIdentity); developer credentials seed datasets`,
    `  ${String(runs)} datasets named csc-<run id>-<n>, each deleted after its case; ${String(o.concurrency ?? 1)} at a time (--concurrency)`,
    `  at most ${String(Math.min(runs * REQUESTS_PER_CASE, o.maxRequests ?? 300))} requests (--max-requests ${String(o.maxRequests ?? 300)}); the Sync Trigger runs once per case, twice with a retry`,
    `  the model predicts with the local handler ${o.handler} on ${o.runtime ?? 'nodejs22.x'}`,
  ];
}

/**
 * The identity pool to use when none is given: the one pool of the account (or emulator) that has a Sync Trigger.
 * @throws HarnessError `E_USAGE` when there is none or more than one, naming them
 */
export async function findSyncPool(o: Pick<LiveOptions, 'endpoint' | 'region' | 'profile'>): Promise<string> {
  const client = {
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
  };
  const ids = new CognitoIdentityClient(client);
  const sync = new CognitoSyncClient(client);
  try {
    const pools = (await ids.send(new ListIdentityPoolsCommand({ MaxResults: 60 }))).IdentityPools ?? [];
    const withTrigger: string[] = [];
    for (const p of pools) {
      const events = await sync.send(new GetCognitoEventsCommand({ IdentityPoolId: p.IdentityPoolId }));
      if (events.Events?.SyncTrigger) withTrigger.push(p.IdentityPoolId ?? '');
    }
    if (withTrigger.length === 1 && withTrigger[0]) return withTrigger[0];
    throw new HarnessError(
      'E_USAGE',
      withTrigger.length
        ? `several identity pools have a Sync Trigger (${withTrigger.join(', ')}): pick one with --identity-pool-id`
        : 'no identity pool with a Sync Trigger found: give --identity-pool-id (live/stack.yaml creates one)',
    );
  } catch (e) {
    if (e instanceof HarnessError) throw e;
    throw awsProblem('cannot list the identity pools (give --identity-pool-id)', e);
  } finally {
    ids.destroy();
    sync.destroy();
  }
}

/** A wire record list as the model's dataset state. */
function stateOf(identity: Identity, datasetName: string, listed: ListRecordsCommandOutput): DatasetState {
  const records = (listed.Records ?? []).map((r) => ({
    key: r.Key ?? '',
    value: r.Value ?? null,
    syncCount: r.SyncCount ?? 0,
    lastModifiedDate: r.LastModifiedDate?.getTime() ?? 0,
    lastModifiedBy: r.LastModifiedBy ?? '',
    deviceLastModifiedDate: r.DeviceLastModifiedDate?.getTime() ?? 0,
  }));
  return {
    identity,
    datasetName,
    exists: listed.DatasetExists ?? records.length > 0,
    syncCount: listed.DatasetSyncCount ?? 0,
    records,
    creationDate: 0,
    lastModifiedDate: 0,
    lastModifiedBy: listed.LastModifiedBy ?? '',
  };
}

const valuesOf = (listed: ListRecordsCommandOutput): DatasetValues =>
  Object.assign(
    Object.create(null) as DatasetValues,
    Object.fromEntries(
      (listed.Records ?? []).filter((r) => r.Value !== undefined).map((r) => [r.Key ?? '', r.Value ?? '']),
    ),
  );

const wire = (p: RecordPatch): WirePatch => ({
  Op: p.op,
  Key: p.key,
  ...(p.op === 'replace' ? { Value: p.value ?? '' } : {}),
  SyncCount: p.syncCount,
});

const isThrottle = (e: unknown): boolean =>
  ['LambdaThrottledException', 'TooManyRequestsException', 'ThrottlingException'].includes(
    (e as { name?: string }).name ?? '',
  );

/** Runs the end-to-end differential check and returns a run result like any other run. */
export async function runCognitoSync(o: LiveOptions): Promise<RunResult> {
  const started = Date.now();
  const seed = o.seed ?? randomSeed();
  const runs = o.runs ?? 10;
  const maxRequests = o.maxRequests ?? 300;
  const resolved = resolveReadings(o.readings ?? {});
  if (!resolved.ok) throw new HarnessError('E_USAGE', resolved.problems.join('; '));
  const readings: Readings = resolved.readings;
  const client = {
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
    maxAttempts: o.maxAttempts ?? 3,
  };
  const identityClient = new CognitoIdentityClient(client);
  const developer = new CognitoSyncClient(client);
  const { modulePath, exportName } = parseHandlerSpec(o.handler);
  const local = createLocalInvoker({ modulePath, exportName, runtime: o.runtime ?? 'nodejs22.x', isolation: 'worker' });
  await local.init();
  const runId = randomBytes(4).toString('hex');
  let requests = 0;
  const setupTrace: TraceEntry[] = [];

  /** Sends one request, counted and traced, retrying throttling with backoff. */
  async function call<T>(trace: TraceEntry[], op: string, input: unknown, send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (requests >= maxRequests) throw new HarnessError('E_USAGE', `--max-requests ${String(maxRequests)} reached`);
      requests++;
      try {
        const output = await send();
        const rest = Object.fromEntries(Object.entries(output as object).filter(([k]) => k !== '$metadata'));
        trace.push({ op, input: redactValue(input), output: redactValue(rest) });
        return output;
      } catch (e) {
        const err = e as Error;
        trace.push({ op, input: redactValue(input), error: { name: err.name, message: err.message } });
        if (isThrottle(e) && attempt < 2) {
          await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
          continue;
        }
        throw e;
      }
    }
  }
  const errorName = (e: unknown): string => {
    const name = (e as { name?: string }).name ?? 'Error';
    if ((e as { $metadata?: unknown }).$metadata === undefined && !(e instanceof HarnessError)) throw e;
    if (e instanceof HarnessError) throw e;
    return name;
  };

  let identityId: string;
  let device: CognitoSyncClient;
  try {
    const got = await call(setupTrace, 'GetId', { IdentityPoolId: o.identityPoolId }, () =>
      identityClient.send(new GetIdCommand({ IdentityPoolId: o.identityPoolId })),
    );
    identityId = got.IdentityId ?? '';
    const creds = await call(setupTrace, 'GetCredentialsForIdentity', { IdentityId: identityId }, () =>
      identityClient.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId })),
    );
    const c = creds.Credentials;
    device = new CognitoSyncClient({
      ...client,
      credentials: {
        accessKeyId: c?.AccessKeyId ?? '',
        secretAccessKey: c?.SecretKey ?? '',
        sessionToken: c?.SessionToken ?? '',
      },
    });
  } catch (e) {
    await local.close();
    throw e instanceof HarnessError ? e : awsProblem(`cannot get an identity from pool ${o.identityPoolId}`, e);
  }
  const identity: Identity = {
    region: o.identityPoolId.split(':')[0] ?? o.region ?? '',
    identityPoolId: o.identityPoolId,
    identityId,
  };
  const ids = { IdentityPoolId: o.identityPoolId, IdentityId: identityId };
  const cases = fc.sample(syncCase({ size: 'small', sdkSafeKeys: true, defaultReadings: true }), {
    seed,
    numRuns: runs,
  });
  const divergences: {
    index: number;
    c: SyncCase;
    messages: string[];
    evidence: Omit<CheckResult['counterexample'] & object, 'replay'>;
  }[] = [];
  let done = 0;
  let stopped: string | undefined;

  const lanes = Math.max(1, Math.min(o.concurrency ?? 1, 8));
  const locals: Invoker[] = [local];
  for (let i = 1; i < lanes; i++) {
    const more = createLocalInvoker({
      modulePath,
      exportName,
      runtime: o.runtime ?? 'nodejs22.x',
      isolation: 'worker',
    });
    locals.push(more);
    await more.init();
  }
  let next = 0;
  let inFlight = 0;
  /** One lane: takes the next case while the request budget allows a whole case more. */
  const lane = async (local: Invoker): Promise<void> => {
    for (;;) {
      const index = next;
      const c = cases[index];
      if (c === undefined || stopped !== undefined) return;
      if (requests + REQUESTS_PER_CASE * (inFlight + 1) > maxRequests) {
        stopped = `--max-requests ${String(maxRequests)}: ${String(done)} of ${String(runs)} cases run`;
        return;
      }
      next++;
      inFlight++;
      const trace: TraceEntry[] = [];
      const DatasetName = `csc-${runId}-${String(index)}`;
      const at = { ...ids, DatasetName };
      let created = false;
      try {
        // 1. Seed the stored dataset with developer credentials (no trigger): live records, then tombstones.
        const live = c.dataset.records.filter((r) => r.value !== null);
        const dead = c.dataset.records.filter((r) => r.value === null);
        if (live.length + dead.length) {
          const l0 = await call(trace, 'ListRecords', at, () => developer.send(new ListRecordsCommand(at)));
          const seedPatches = [...live, ...dead].map((r) => ({
            Op: 'replace' as const,
            Key: r.key,
            Value: r.value ?? '',
            SyncCount: 0,
          }));
          const u = { ...at, SyncSessionToken: l0.SyncSessionToken, RecordPatches: seedPatches };
          await call(trace, 'UpdateRecords (seed)', u, () => developer.send(new UpdateRecordsCommand(u)));
          created = true;
          if (dead.length) {
            const l1 = await call(trace, 'ListRecords', at, () => developer.send(new ListRecordsCommand(at)));
            const counts = new Map((l1.Records ?? []).map((r) => [r.Key, r.SyncCount ?? 0]));
            const u2 = {
              ...at,
              SyncSessionToken: l1.SyncSessionToken,
              RecordPatches: dead.map((r) => ({
                Op: 'remove' as const,
                Key: r.key,
                SyncCount: counts.get(r.key) ?? 0,
              })),
            };
            await call(trace, 'UpdateRecords (seed tombstones)', u2, () =>
              developer.send(new UpdateRecordsCommand(u2)),
            );
          }
        }
        // 2. The device lists, then sends the user's patches with the SyncCounts it was given.
        const listed = await call(trace, 'ListRecords', at, () => device.send(new ListRecordsCommand(at)));
        const before = stateOf(identity, DatasetName, listed);
        const counts = new Map(before.records.map((r) => [r.key, r.syncCount]));
        const patches: RecordPatch[] = c.patches.map((p) => ({ ...p, syncCount: counts.get(p.key) ?? 0 }));
        const request = { patches, credentials: 'identity' as const, now: Date.now() };
        // 3. The model's prediction, with the handler's reply to the event the model builds.
        const prepared = prepareUpdate(before, request, true, readings);
        let predicted: UpdateResult | { ok: false; error: { name: string } };
        let outcome: InvocationOutcome | undefined;
        if (prepared.step === 'invoke') {
          outcome = await local.invoke(prepared.event);
          predicted = commitUpdate(before, request, prepared, toLambdaResult(outcome), readings);
        } else if (prepared.step === 'fail') predicted = { ok: false, error: prepared.error };
        else throw new Error('unreachable: the trigger is configured');
        // 4. The service.
        const u = { ...at, SyncSessionToken: listed.SyncSessionToken, RecordPatches: patches.map(wire) };
        let serviceError: string | undefined;
        try {
          await call(trace, 'UpdateRecords', u, () => device.send(new UpdateRecordsCommand(u)));
          created = true;
        } catch (e) {
          serviceError = errorName(e);
        }
        const after = await call(trace, 'ListRecords', at, () => device.send(new ListRecordsCommand(at)));
        if (after.DatasetExists) created = true;
        const messages: string[] = [];
        const modelError = predicted.ok ? undefined : predicted.error.name;
        if (modelError !== serviceError)
          messages.push(
            `the model predicts ${modelError ?? 'success'}, the service answered ${serviceError ?? 'success'}`,
          );
        const expectedValues = predicted.ok ? liveValues(predicted.state) : liveValues(before);
        const serviceValues = valuesOf(after);
        if (!sameValues(expectedValues, serviceValues))
          messages.push('the dataset the service left differs from the model’s prediction');
        const expectedCount = predicted.ok ? predicted.state.syncCount : before.syncCount;
        if (messages.length === 0 && (after.DatasetSyncCount ?? 0) !== expectedCount)
          messages.push(
            `dataset SyncCount: model ${String(expectedCount)}, service ${String(after.DatasetSyncCount ?? 0)}`,
          );
        // 5. A second device with the stale SyncCount of a record just written: a conflict on both sides.
        if (!messages.length && predicted.ok && patches.length) {
          const stale = patches[0];
          if (stale && (predicted.state.records.find((r) => r.key === stale.key)?.syncCount ?? 0) !== stale.syncCount) {
            const again = await call(trace, 'ListRecords', at, () => device.send(new ListRecordsCommand(at)));
            const u3 = { ...at, SyncSessionToken: again.SyncSessionToken, RecordPatches: [wire(stale)] };
            let conflict: string | undefined;
            try {
              await call(trace, 'UpdateRecords (stale device)', u3, () => device.send(new UpdateRecordsCommand(u3)));
            } catch (e) {
              conflict = errorName(e);
            }
            if (conflict !== 'ResourceConflictException')
              messages.push(
                `a stale SyncCount: the model answers ResourceConflictException, the service ${conflict ?? 'success'}`,
              );
          }
        }
        if (messages.length) {
          divergences.push({
            index,
            c,
            messages,
            evidence: {
              seed,
              path: String(index),
              numShrinks: 0,
              eventHash: '000000000000',
              event: prepared.step === 'invoke' ? prepared.event : null,
              invocations: outcome ? [outcome] : [],
              violations: predicted.ok || !('verdict' in predicted) ? [] : [...(predicted.verdict?.violations ?? [])],
              messages,
              stored: liveValues(before),
              expected: expectedValues,
              resulting: serviceValues,
              input: { case: c.scenario, patches, trace },
            },
          });
        }
      } finally {
        inFlight--;
        if (created) {
          try {
            await call(trace, 'DeleteDataset', at, () => device.send(new DeleteDatasetCommand(at)));
          } catch {
            // Left for the user to see in the trace; the dataset name carries the run id.
          }
        }
      }
      done++;
      o.onProgress?.(done, runs);
    }
  };

  try {
    const settled = await Promise.allSettled(locals.map(lane));
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) {
      const e: unknown = failure.reason;
      if (!(e instanceof HarnessError)) throw awsProblem('the end-to-end run failed', e);
      stopped = e.message;
    }
  } finally {
    await Promise.all(locals.map((l) => l.close()));
    identityClient.destroy();
    developer.destroy();
  }
  divergences.sort((a, b) => a.index - b.index);

  const first = divergences[0];
  const replay = [
    'npx cognito-sync-conformance run',
    o.handler,
    '--cognito-sync',
    `--identity-pool-id ${o.identityPoolId}`,
    ...(o.endpoint ? [`--endpoint-url ${o.endpoint}`] : []),
    `--seed ${String(seed)}`,
    `--runs ${String(runs)}`,
  ].join(' ');
  const check: CheckResult = {
    id: CHECK_ID,
    title: 'Cognito Sync does what the model predicts for this handler',
    level: 'must',
    basis: 'observed',
    clause: '§1–§4',
    outcome: first ? 'fail' : done === 0 ? 'skip' : 'pass',
    runs: done,
    seed,
    durationMs: Date.now() - started,
    coverage: {},
    ...(stopped ? { reason: stopped } : {}),
    ...(first
      ? {
          counterexample: {
            ...first.evidence,
            messages: [
              ...first.messages,
              ...(divergences.length > 1
                ? [`and ${String(divergences.length - 1)} more cases diverged (see input.trace of each in report.json)`]
                : []),
            ],
            replay,
          },
        }
      : {}),
  };
  const checks = [check];
  return {
    schemaVersion: RUN_RESULT_SCHEMA_VERSION,
    tool: { name: 'cognito-sync-conformance', version: TOOL_VERSION },
    target: {
      kind: 'cognito-sync',
      description: `Cognito Sync ${o.identityPoolId}${o.endpoint ? ` at ${o.endpoint}` : ''}, predicted with ${o.handler}`,
      handler: o.handler,
      runtime: o.runtime ?? 'nodejs22.x',
    },
    options: { seed, runs, strict: false },
    readings,
    nonDefaultReadings: OPEN_POINTS.map((p) => p.id).filter((id) => readings[id] !== DEFAULT_READINGS[id]),
    environment: { node: process.version, platform: `${process.platform}-${process.arch}` },
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    summary: summarize(checks, false),
    checks,
  };
}
