/**
 * End to end through Cognito Sync, and a differential check of the model against the service
 * (`live/model-agrees`). Each case runs on a dataset named with a run-specific prefix, on an unauthenticated
 * identity the run created; the service's answers and records are compared with the model's prediction for the
 * same handler (the local module, invoked here to learn its reply). Datasets are deleted after each case and swept
 * once more at the end, also when the run fails or is stopped.
 */
import type { ValueComparison } from './sameValue.ts';
import { randomBytes } from 'node:crypto';
import { CognitoIdentityClient, DeleteIdentitiesCommand } from '@aws-sdk/client-cognito-identity';
import { CognitoSyncClient, DeleteDatasetCommand, ListDatasetsCommand } from '@aws-sdk/client-cognito-sync';
import { HarnessError } from '../runtime/errors.ts';
import type { Invoker } from '../runtime/invoker.ts';
import { createLocalInvoker } from '../runtime/node/index.ts';
import { parseHandlerSpec } from '../harness/options.ts';
import type { CaseFinding } from './agree.ts';
import { caseCost, drawLiveCases, type LiveCaseInput } from './cases.ts';
import { LIVE_DEFAULTS } from './liveDefaults.ts';
import {
  checkTrigger,
  developerCredentials,
  findPool,
  RunIdentities,
  sdkConfig,
  type LiveIdentity,
} from './identities.ts';
import { liveResult, type LiveCaseRecord, type LiveEnd } from './liveResult.ts';
import { resolveLiveOptions, type LiveOptions } from './options.ts';
import type { CaseContext } from './service.ts';
import { runCheckCase, runSession, type CheckCaseResult } from './sessionCase.ts';
import { runSingle } from './singleCase.ts';
import { LiveStop, Wire, type TraceEntry } from './wire.ts';
import type { RunResult } from '../harness/result.ts';
import { RUN_DEFAULTS } from '../harness/runDefaults.ts';
import type { InitInfo } from '../model/index.ts';

/** An end-to-end run: its result, and the trace of every request it sent. */
export interface LiveRun {
  readonly result: RunResult;
  /** The run id in every dataset name (`csc-<run id>-<n>`). */
  readonly runId: string;
  /** The identity pool the run used (given, or found by name). */
  readonly poolId: string;
  /** Requests outside the cases: the pool, its trigger, identities, the final sweep. */
  readonly setup: readonly TraceEntry[];
  /** Every case that started, in the order they started. */
  readonly cases: readonly LiveCaseRecord[];
  /** Requests sent, cleanup included. */
  readonly requests: number;
}

/** Deletes one dataset of the run; a dataset that was never created is fine. */
async function deleteDataset(wire: Wire, trace: TraceEntry[], who: LiveIdentity, name: string): Promise<void> {
  const input = { IdentityPoolId: who.identity.identityPoolId, IdentityId: who.identity.identityId, DatasetName: name };
  await wire.cleanup(trace, { op: 'DeleteDataset', as: 'device-0' }, input, () =>
    who.sync.send(new DeleteDatasetCommand(input)),
  );
}

/** Lists each identity's datasets once more and deletes any of this run that is left; then the identities. */
async function sweep(
  wire: Wire,
  trace: TraceEntry[],
  identities: readonly LiveIdentity[],
  prefix: string,
  identityClient: CognitoIdentityClient,
): Promise<void> {
  for (const who of identities) {
    const input = { IdentityPoolId: who.identity.identityPoolId, IdentityId: who.identity.identityId };
    const listed = await wire.cleanup(trace, { op: 'ListDatasets', as: 'device-0' }, input, () =>
      who.sync.send(new ListDatasetsCommand(input)),
    );
    for (const d of listed?.Datasets ?? [])
      if (d.DatasetName?.startsWith(prefix)) await deleteDataset(wire, trace, who, d.DatasetName);
  }
  // The identities hold no data any more; remove them too where the credentials allow it.
  const ids = identities.map((i) => i.identity.identityId);
  for (let i = 0; i < ids.length; i += 60) {
    const input = { IdentityIdsToDelete: ids.slice(i, i + 60) };
    await wire.cleanup(trace, { op: 'DeleteIdentities', as: 'developer' }, input, () =>
      identityClient.send(new DeleteIdentitiesCommand(input)),
    );
  }
}

/**
 * Runs the end-to-end differential check and returns a run result like any other run, with the traces.
 * @param options - the handler, the pool and the limits (see `LiveOptions`)
 * @throws HarnessError when the handler does not load, or the service cannot be used at all (no credentials, no
 *   such pool, no Sync Trigger, unreachable endpoint) — before any dataset is written
 * @example
 * const { result } = await runCognitoSync({ handler: './h.js', identityPoolId, endpoint: 'http://127.0.0.1:4566' });
 */
export async function runCognitoSync(options: LiveOptions): Promise<LiveRun> {
  const startedAt = Date.now();
  const o = resolveLiveOptions(options);
  // A time the handler writes lies within the run: compared by shape, since the service runs it a moment later.
  const compare: ValueComparison = { presenceOnly: new Set(o.presenceOnly), from: startedAt };
  const cases: readonly LiveCaseInput[] = options.cases ?? drawLiveCases(o);
  const runId = randomBytes(4).toString('hex');
  const prefix = `${LIVE_DEFAULTS.datasetPrefix}${runId}-`;
  const wire = new Wire({
    maxRequests: o.maxRequests,
    throttleRetries: LIVE_DEFAULTS.throttleRetries,
    backoffMs: LIVE_DEFAULTS.backoffMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const config = {
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.region ? { region: o.region } : {}),
    ...(o.profile ? { profile: o.profile } : {}),
    maxAttempts: o.maxAttempts,
  };
  const identityClient = new CognitoIdentityClient(sdkConfig(config));
  const developer = new CognitoSyncClient(sdkConfig(config));
  const handlers: Invoker[] = [];
  const setup: TraceEntry[] = [];
  const records: LiveCaseRecord[] = [];
  const findings = new Map<number, CaseFinding>();
  const outcomes = new Map<number, CheckCaseResult>();
  let init: InitInfo = { style: 'async' };
  let identities: RunIdentities | undefined;
  let poolId = o.identityPoolId ?? '';
  let end: LiveEnd = { kind: 'done' };
  // Lanes run side by side: the first reason to stop is the one reported.
  const stopWith = (why: LiveEnd): void => {
    if (end.kind === 'done') end = why;
  };
  let problem: HarnessError | undefined;
  let bug: unknown;
  try {
    const { modulePath, exportName } = parseHandlerSpec(o.handler);
    for (let i = 0; i < Math.max(1, Math.min(o.concurrency, cases.length)); i++) {
      const h = createLocalInvoker({ modulePath, exportName, runtime: o.runtime, isolation: 'worker' });
      handlers.push(h);
      init = await h.init();
    }
    await developerCredentials(wire, developer);
    poolId ||= await findPool(wire, setup, identityClient);
    await checkTrigger(wire, setup, developer, poolId);
    const ids = new RunIdentities(wire, setup, identityClient, config, poolId);
    identities = ids;
    // The first identity now: a pool that refuses unauthenticated identities is a setup error, not a case's.
    await ids.forCase(0);

    let next = 0;
    let done = 0;
    const lane = async (handler: Invoker): Promise<void> => {
      while (end.kind === 'done' && problem === undefined && bug === undefined) {
        const index = next;
        const input = cases[index];
        if (input === undefined) return;
        if (wire.stopped) {
          stopWith({
            kind: 'interrupted',
            message: `interrupted after ${String(done)} of ${String(cases.length)} cases`,
          });
          return;
        }
        const cost = caseCost(input) + (index > 0 && RunIdentities.startsIdentity(index) ? 2 : 0);
        if (!wire.reserve(cost)) {
          stopWith({
            kind: 'max-requests',
            message: `--max-requests ${String(o.maxRequests)} reached: ${String(done)} of ${String(cases.length)} cases ran`,
          });
          return;
        }
        next++;
        const trace: TraceEntry[] = [];
        const datasetName = `${prefix}${String(index)}`;
        const extra: string[] = [];
        let who: LiveIdentity | undefined;
        try {
          who = await ids.forCase(index);
          const ctx: CaseContext = {
            wire,
            trace,
            developer,
            device: who.sync,
            identity: who.identity,
            datasetName,
            handler,
            readings: o.readings,
            compare,
          };
          if (input.kind === 'check') {
            const ran = await runCheckCase(
              ctx,
              input,
              { init, runtime: o.runtime, marginMs: RUN_DEFAULTS.marginMs },
              extra,
            );
            findings.set(index, ran.finding);
            outcomes.set(index, ran);
          } else
            findings.set(index, input.kind === 'single' ? await runSingle(ctx, input) : await runSession(ctx, input));
          done++;
          options.onProgress?.(done, cases.length);
        } catch (e) {
          if (e instanceof LiveStop)
            stopWith({ kind: e.why, message: `${e.message} after ${String(done)} of ${String(cases.length)} cases` });
          else if (e instanceof HarnessError) problem ??= e;
          else bug ??= e;
        } finally {
          if (who) for (const name of [datasetName, ...extra]) await deleteDataset(wire, trace, who, name);
          wire.release(cost);
          records.push({
            index,
            datasetName,
            identityId: who?.identity.identityId ?? '',
            input,
            messages: findings.get(index)?.messages ?? [],
            trace,
          });
        }
      }
    };
    await Promise.all(handlers.map(lane));
  } finally {
    if (identities) await sweep(wire, setup, identities.all, prefix, identityClient);
    identities?.close();
    identityClient.destroy();
    developer.destroy();
    await Promise.all(handlers.map((h) => h.close()));
  }
  if (bug !== undefined) throw bug instanceof Error ? bug : new Error(JSON.stringify(bug));
  // A run that could not finish a single case is a harness error: there is nothing to report.
  if (problem && !findings.size) throw problem;
  if (problem) end = { kind: 'error', code: problem.code, message: problem.message };
  const result = liveResult({ o, poolId, records, findings, outcomes, end, startedAt, planned: cases.length });
  return { result, runId, poolId, setup, cases: records, requests: wire.requests };
}
