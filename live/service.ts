/**
 * The service's side of a live case: ListRecords and UpdateRecords through the Wire, with the answers sorted into
 * what the model can predict (success, or one of the errors it knows) and what it cannot (an answer lost on the
 * network, or an error after a retry that may have written: then only the state can be compared).
 */
import type { ValueComparison } from './sameValue.ts';
import {
  ListRecordsCommand,
  UpdateRecordsCommand,
  type CognitoSyncClient,
  type ListRecordsCommandOutput,
} from '@aws-sdk/client-cognito-sync';
import type { Identity, Readings, RecordPatch } from '../model/index.ts';
import type { Invoker } from '../runtime/invoker.ts';
import { isNetworkError } from '../runtime/lambda/awsErrors.ts';
import { wireRows, type Row } from './predict.ts';
import { LiveStop, serviceErrorName, type TraceEntry, type Wire } from './wire.ts';

/** Everything one case works with. */
export interface CaseContext {
  readonly wire: Wire;
  readonly trace: TraceEntry[];
  /** Developer credentials (the SDK chain): UpdateRecords with them skips the trigger. */
  readonly developer: CognitoSyncClient;
  /** The unauthenticated identity's credentials: every device of the case uses them. */
  readonly device: CognitoSyncClient;
  readonly identity: Identity;
  readonly datasetName: string;
  /** The local handler, for the model's prediction. */
  readonly handler: Invoker;
  readonly readings: Readings;
  /** How record values are compared with the model's (times the handler writes, keys named for presence only). */
  readonly compare: ValueComparison;
}

/** What an UpdateRecords came to. */
export type UpdateOutcome =
  | { readonly kind: 'ok'; readonly records: readonly Row[] }
  | { readonly kind: 'error'; readonly name: string }
  | { readonly kind: 'unknown'; readonly why: string };

/** Errors of UpdateRecords the model predicts; any other error stops the run as a harness error. */
const PREDICTABLE = new Set([
  'InvalidLambdaFunctionOutputException',
  'LambdaSocketTimeoutException',
  'LimitExceededException',
  'InvalidParameterException',
  'ResourceConflictException',
]);

const where = (ctx: CaseContext) => ({
  IdentityPoolId: ctx.identity.identityPoolId,
  IdentityId: ctx.identity.identityId,
  DatasetName: ctx.datasetName,
});

/**
 * ListRecords from a SyncCount.
 * @param as - who sends it (`developer` or a device)
 * @param note - why, for the trace
 */
export async function listFrom(
  ctx: CaseContext,
  as: string,
  lastSyncCount: number,
  note?: string,
): Promise<ListRecordsCommandOutput> {
  const input = { ...where(ctx), ...(lastSyncCount > 0 ? { LastSyncCount: lastSyncCount } : {}) };
  const client = as === 'developer' ? ctx.developer : ctx.device;
  try {
    return await ctx.wire.send(ctx.trace, { op: 'ListRecords', as, ...(note ? { note } : {}) }, input, () =>
      client.send(new ListRecordsCommand(input)),
    );
  } catch (e) {
    if (e instanceof LiveStop) throw e;
    throw ctx.wire.problem(`ListRecords of ${ctx.datasetName} failed`, e);
  }
}

/**
 * UpdateRecords with a session token from a listing.
 * @param as - who sends it (`developer` or a device id)
 * @param note - why, for the trace
 */
export async function updateWith(
  ctx: CaseContext,
  as: string,
  token: string | undefined,
  patches: readonly RecordPatch[],
  note?: string,
): Promise<UpdateOutcome> {
  const input = {
    ...where(ctx),
    SyncSessionToken: token,
    ...(as === 'developer' ? {} : { DeviceId: as }),
    RecordPatches: patches.map((p) => ({
      Op: p.op,
      Key: p.key,
      ...(p.op === 'replace' ? { Value: p.value ?? '' } : {}),
      SyncCount: p.syncCount,
      ...(p.deviceLastModifiedDate !== undefined ? { DeviceLastModifiedDate: new Date(p.deviceLastModifiedDate) } : {}),
    })),
  };
  const client = as === 'developer' ? ctx.developer : ctx.device;
  try {
    const out = await ctx.wire.send(ctx.trace, { op: 'UpdateRecords', as, ...(note ? { note } : {}) }, input, () =>
      client.send(new UpdateRecordsCommand(input)),
    );
    return { kind: 'ok', records: wireRows(out.Records) };
  } catch (e) {
    if (e instanceof LiveStop) throw e;
    const attempts = (e as { $metadata?: { attempts?: number } }).$metadata?.attempts ?? 1;
    if (isNetworkError(e)) return { kind: 'unknown', why: 'the answer was lost on the network' };
    const name = serviceErrorName(e);
    if (name !== undefined && attempts > 1)
      return { kind: 'unknown', why: `${name} after ${String(attempts)} attempts: an earlier one may have written` };
    if (name !== undefined && PREDICTABLE.has(name)) return { kind: 'error', name };
    throw ctx.wire.problem(`UpdateRecords of ${ctx.datasetName} failed`, e);
  }
}

/** The dataset as the service lists it from SyncCount 0 (tombstones included). */
export async function listAll(ctx: CaseContext, as: string, note?: string): Promise<ListRecordsCommandOutput> {
  return listFrom(ctx, as, 0, note);
}
