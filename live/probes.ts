/**
 * Probes of the undocumented points: one small experiment per registry entry against the live service, through an
 * identity pool whose Sync Trigger is `deploy/probe-trigger.cjs`. Each records which reading the service showed, with
 * what was observed; the file it writes is what `run --readings-file` loads, so an account can settle a reading
 * once and every later run judges under it. Points no experiment can settle are listed with the reason.
 */
import { OPEN_POINTS, type OpenPointId } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import { awsProblem } from '../runtime/lambda/awsErrors.ts';
import { ProbeLab, type LabOptions, type Observation } from './probeLab.ts';
import type { ReadingsFile } from '../harness/readingsFile.ts';

export { type ReadingsFile } from '../harness/readingsFile.ts';

/** Where and how to probe. */
export interface ProbeOptions extends LabOptions {
  /** Only these points. @defaultValue every point */
  readonly points?: readonly string[];
  readonly onProgress?: (point: string, reading: string) => void;
  /** Stops between experiments (Ctrl-C); the experiment under way still deletes its dataset. */
  readonly signal?: AbortSignal;
}

/** Points no experiment here can settle, and why. */
export const UNPROBED: Readonly<Partial<Record<OpenPointId, string>>> = {
  'service.valueMaxLength': 'the 1 MB dataset limit is reached before either value limit',
  'service.limitErrorCode': 'needs a full 1 MB dataset per experiment; settle it with --reading if it matters',
  'service.socketTimeoutStatus':
    'needs a trigger that answers after 5 s, which the SDK may retry; settle it with --reading if it matters',
};

const value = (r: Observation, key: string) => r.records.get(key)?.Value;
const invalid = (r: Observation) => r.error === 'InvalidLambdaFunctionOutputException';
const entry = (e: Record<string, unknown>, key: string) => e[key] as Record<string, unknown> | null | undefined;

/** The experiment of each point: the reading the service showed, and one line of what was seen. */
const PROBES: Partial<Record<OpenPointId, (lab: ProbeLab) => Promise<[string, string]>>> = {
  'event.untouchedRecord': async (lab) => {
    const a = entry(await lab.recorded({ a: 'x' }, [], []), 'a');
    return [a && 'op' in a ? 'replace-same' : 'op-absent', `untouched record: ${JSON.stringify(a)}`];
  },
  'event.newRecordOldValue': async (lab) => {
    const e = entry(await lab.recorded({}, [], [{ key: 'n', value: 'v' }]), 'n');
    const r = !e || !('oldValue' in e) ? 'absent' : e.oldValue === '' ? 'empty-string' : 'null';
    return [r, `new record: ${JSON.stringify(e)}`];
  },
  'event.removedRecordNewValue': async (lab) => {
    const e = entry(await lab.recorded({ r: 'x' }, [], [{ key: 'r', value: null }]), 'r');
    const r = !e || !('newValue' in e) ? 'absent' : e.newValue === null ? 'null' : 'old-value';
    return [r, `removed record: ${JSON.stringify(e)}`];
  },
  'event.untouchedTombstone': async (lab) => {
    const ev = await lab.recorded({}, ['t'], []);
    const r = !('t' in ev) ? 'omitted' : ev.t === null ? 'null-entry' : 'remove-entry';
    return [r, `untouched tombstone: ${'t' in ev ? JSON.stringify(ev.t) : 'not in the event'}`];
  },
  'event.readdOverTombstone': async (lab) => {
    const ev = await lab.recorded({}, ['t'], [{ key: 't', value: 'y' }]);
    return [ev.t === null ? 'null-entry' : 'new-record', `re-added over a tombstone: ${JSON.stringify(ev.t)}`];
  },
  'service.emptyPatches': async (lab) => {
    const r = await lab.experiment({ a: 'x', 'csc-probe': 'record' }, [], []);
    const fired = r.records.has('csc-probe-event');
    return [
      fired ? 'fires' : 'skipped',
      `an UpdateRecords without patches ${fired ? 'ran' : 'did not run'} the trigger`,
    ];
  },
  'reply.opMissing': async (lab) => {
    const r = await lab.reply('reply.opMissing');
    return [
      invalid(r) ? 'invalid' : value(r, 'k') === 'probe' ? 'replace' : 'ignored',
      `no op: ${r.error ?? `k = ${String(value(r, 'k'))}`}`,
    ];
  },
  'reply.opInvalid': async (lab) => {
    const r = await lab.reply('reply.opInvalid');
    return [
      invalid(r) ? 'invalid' : value(r, 'k') === 'probe' ? 'replace' : 'ignored',
      `op "upsert": ${r.error ?? `k = ${String(value(r, 'k'))}`}`,
    ];
  },
  'reply.replaceWithoutValue': async (lab) => {
    const r = await lab.reply('reply.replaceWithoutValue');
    return [
      invalid(r) ? 'invalid' : value(r, 'k') === undefined ? 'remove' : 'ignored',
      `replace without newValue: ${r.error ?? `k = ${String(value(r, 'k'))}`}`,
    ];
  },
  'reply.nullEntry': async (lab) => {
    const r = await lab.reply('reply.nullEntry');
    return [
      invalid(r) ? 'invalid' : value(r, 'k') === undefined ? 'remove' : 'ignored',
      `null entry: ${r.error ?? `k = ${String(value(r, 'k'))}`}`,
    ];
  },
  'reply.nonStringValue': async (lab) => {
    const r = await lab.reply('reply.nonStringValue');
    return [invalid(r) ? 'invalid' : 'coerced', `newValue 42: ${r.error ?? `k = ${String(value(r, 'k'))}`}`];
  },
  'reply.extraTopLevelField': async (lab) => {
    const r = await lab.reply('reply.extraTopLevelField');
    return [invalid(r) ? 'invalid' : 'ignored', `an extra top-level field: ${r.error ?? 'accepted'}`];
  },
  'reply.datasetRecordsMissing': async (lab) => {
    const r = await lab.reply('reply.datasetRecordsMissing');
    return [invalid(r) ? 'invalid' : 'no-change', `no datasetRecords: ${r.error ?? 'accepted'}`];
  },
  'service.conflictCheck': async (lab) => {
    // A stale SyncCount, and a trigger that replies null (invalid): if the trigger ran first, its invalid reply
    // is what the service reports; if the conflict check ran first, the trigger never ran.
    const r = await lab.experiment(
      { k: 'x' },
      [],
      [
        { key: 'k', value: 'y', syncCount: 0 },
        { key: 'csc-probe', value: 'reply:invalid' },
      ],
    );
    const reading = invalid(r) ? 'after-trigger' : 'before-trigger';
    return [reading, `a stale SyncCount with a trigger that replies null: ${r.error ?? 'accepted'}`];
  },
  'service.replacePatchWithoutValue': async (lab) => {
    const r = await lab.experiment({ k: 'x' }, [], [{ key: 'k', value: undefined }]);
    const k = r.records.get('k');
    const reading =
      r.error === 'InvalidParameterException'
        ? 'invalid-parameter'
        : k !== undefined && k.Value === undefined
          ? 'remove'
          : 'empty-string';
    return [reading, `a replace without Value: ${r.error ?? `k = ${JSON.stringify(k?.Value ?? null)}`}`];
  },
  'reply.replaceSameValue': async (lab) => {
    const r = await lab.reply('reply.replaceSameValue');
    const bumped = (r.records.get('k')?.SyncCount ?? 0) > (r.before.get('k')?.SyncCount ?? 0);
    return [bumped ? 'written' : 'no-op', `k replaced with its own value: SyncCount ${bumped ? 'rose' : 'stayed'}`];
  },
};

/**
 * Runs the probes and returns the readings file's content.
 * @throws HarnessError for an unknown point, no such pool, no credentials, a trigger that is not the probe function
 */
export async function runProbes(o: ProbeOptions): Promise<ReadingsFile> {
  const wanted = o.points ?? OPEN_POINTS.map((p) => p.id);
  const unknown = wanted.filter((p) => !OPEN_POINTS.some((q) => q.id === p));
  if (unknown.length)
    throw new HarnessError(
      'E_READING',
      `no such undocumented point: ${unknown.join(', ')} (known: ${OPEN_POINTS.map((p) => p.id).join(', ')})`,
    );
  const lab = await ProbeLab.open(o);
  const readings: Record<string, string> = {};
  const evidence: Record<string, string> = {};
  const unprobed: Record<string, string> = {};
  try {
    for (const point of wanted as OpenPointId[]) {
      const probe = PROBES[point];
      if (!probe) unprobed[point] = UNPROBED[point] ?? 'no experiment for this point yet';
      else if (o.signal?.aborted) unprobed[point] = 'the probe was interrupted before this point';
      else {
        const [reading, seen] = await probe(lab);
        readings[point] = reading;
        evidence[point] = seen;
        o.onProgress?.(point, reading);
      }
    }
  } catch (e) {
    const h = e instanceof HarnessError ? e : awsProblem('a probe failed', e);
    throw new HarnessError(h.code, lab.redact(h.message));
  } finally {
    lab.close();
  }
  return {
    kind: 'cognito-sync-conformance/readings',
    version: 1,
    probedAt: new Date().toISOString(),
    service: o.endpoint ?? 'aws',
    identityPoolId: lab.poolId,
    readings,
    evidence,
    unprobed,
  };
}
