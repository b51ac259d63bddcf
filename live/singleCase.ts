/**
 * A single sync through the service: the stored dataset is seeded with developer credentials (which skip the
 * trigger), one device lists it and sends the user's patches (the service invokes its Sync Trigger), the result is
 * listed and compared with the model's prediction; then a second device sends a SyncCount the first one made stale,
 * and both sides must answer alike (a 409 under the defaults).
 */
import { dict, type DatasetState, type RecordPatch, type UpdateResult } from '../model/index.ts';
import { compareAnswer, compareState, listedValues, stateAfter, valuesOf, type CaseFinding } from './agree.ts';
import type { SingleInput } from './cases.ts';
import { diffRows, predict, stateOf, wireRows } from './predict.ts';
import { listAll, updateWith, type CaseContext, type UpdateOutcome } from './service.ts';

/** Seeds the stored dataset; the words of any disagreement with what developer credentials should store. */
async function seed(ctx: CaseContext, input: SingleInput): Promise<string[]> {
  if (!input.stored.length) return [];
  const l0 = await listAll(ctx, 'developer', 'seed');
  const all: RecordPatch[] = input.stored.map((r) => ({
    op: 'replace',
    key: r.key,
    value: r.value ?? '',
    syncCount: 0,
  }));
  const first = await updateWith(ctx, 'developer', l0.SyncSessionToken, all, 'seed');
  if (first.kind === 'error')
    return [`seeding with developer credentials: the service answered ${first.name}; the model writes the records`];
  const dead = input.stored.filter((r) => r.value === null);
  if (!dead.length) return [];
  const l1 = await listAll(ctx, 'developer', 'seed');
  const counts = new Map(wireRows(l1.Records).map((r) => [r.key, r.syncCount]));
  const removes: RecordPatch[] = dead.map((r) => ({ op: 'remove', key: r.key, syncCount: counts.get(r.key) ?? 0 }));
  const second = await updateWith(ctx, 'developer', l1.SyncSessionToken, removes, 'seed tombstones');
  return second.kind === 'error'
    ? [`seeding tombstones with developer credentials: the service answered ${second.name}`]
    : [];
}

/**
 * Runs one single case.
 * @param ctx - the case's identity, dataset, handler and wire
 * @param input - the stored dataset and the user's patches
 */
export async function runSingle(ctx: CaseContext, input: SingleInput): Promise<CaseFinding> {
  const classes = [...input.classes];
  const messages = await seed(ctx, input);
  const listed = await listAll(ctx, 'device-0');
  const before = stateOf(ctx.identity, ctx.datasetName, listed);
  // Developer credentials skip the trigger [DOC]: the seeded dataset holds exactly the stored records.
  const seeded = wireRows(listed.Records);
  const seededCounts = new Map(seeded.map((r) => [r.key, r.syncCount]));
  const intended = input.stored.map((r) => ({ ...r, syncCount: seededCounts.get(r.key) ?? 0 }));
  messages.push(...diffRows('the dataset seeded with developer credentials', intended, seeded));
  if (messages.length) {
    const values = dict<string>();
    for (const r of input.stored) if (r.value !== null) values[r.key] = r.value;
    return { messages, stored: values, expected: values, resulting: listedValues(listed), classes };
  }

  const counts = new Map(before.records.map((r) => [r.key, r.syncCount]));
  const patches: RecordPatch[] = input.patches.map((p) => ({ ...p, syncCount: counts.get(p.key) ?? 0 }));
  const request = { patches, credentials: 'identity' as const, deviceId: 'device-0', now: Date.now() };
  const prediction = await predict(ctx.handler, before, request, ctx.readings);
  const predicted = prediction.result;
  const out = await updateWith(ctx, 'device-0', listed.SyncSessionToken, patches);
  const after = await listAll(ctx, 'device-0');
  messages.push(...compareAnswer("device-0's update", predicted, out, ctx.compare));
  messages.push(...compareState("after device-0's update", acceptable(before, predicted, out), after, ctx.compare));
  if (out.kind === 'unknown') classes.push('answer-lost');
  if (!predicted.ok) classes.push(`predicted ${predicted.error.name}`);
  const finding = {
    ...(prediction.event ? { event: prediction.event } : {}),
    ...(prediction.outcome ? { outcome: prediction.outcome } : {}),
    predicted,
    ...valuesOf(before, predicted, after),
  };
  if (messages.length || !predicted.ok || out.kind !== 'ok') return { messages, ...finding, classes };

  // A second device that listed before device-0 wrote, and sends its old SyncCount for a record now rewritten.
  const now = new Map(predicted.state.records.map((r) => [r.key, r.syncCount]));
  const stale = patches.find((p) => (now.get(p.key) ?? 0) !== p.syncCount);
  if (!stale) return { messages, ...finding, classes };
  classes.push('stale-device');
  const staleRequest = { patches: [stale], credentials: 'identity' as const, deviceId: 'device-1', now: Date.now() };
  const second = await predict(ctx.handler, predicted.state, staleRequest, ctx.readings);
  const token = await listAll(ctx, 'device-1', 'session token');
  const out2 = await updateWith(ctx, 'device-1', token.SyncSessionToken, [stale], 'stale SyncCount');
  const after2 = await listAll(ctx, 'device-1');
  messages.push(...compareAnswer("device-1's update with a stale SyncCount", second.result, out2, ctx.compare));
  messages.push(
    ...compareState("after device-1's update", acceptable(predicted.state, second.result, out2), after2, ctx.compare),
  );
  return { messages, ...finding, classes };
}

/** The states the service may list after an update: the predicted one, or either when the answer was lost. */
export function acceptable(before: DatasetState, predicted: UpdateResult, out: UpdateOutcome): DatasetState[] {
  return out.kind === 'unknown' && predicted.ok ? [predicted.state, before] : [stateAfter(before, predicted)];
}
