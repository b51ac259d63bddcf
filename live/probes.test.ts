/**
 * Probes against the emulator, whose service is the model under readings we choose: the probes must report exactly
 * the readings the service was started with — the defaults, then a set of non-default ones — and the file they
 * write must load back as the readings of a run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index.ts';
import { DEFAULT_READINGS, OPEN_POINTS, type Readings } from '../model/index.ts';
import { resolveOptions } from '../harness/options.ts';
import { runProbes, UNPROBED } from './probes.ts';
import { loadReadingsFile } from '../harness/readingsFile.ts';
import { developerEnv, makePool, probeTrigger } from './testkit.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-probes-'));
let restore: () => void;

beforeAll(() => {
  restore = developerEnv();
});

afterAll(() => {
  restore();
  rmSync(tmp, { recursive: true, force: true });
});

async function probeService(readings: Partial<Readings>, points?: string[]) {
  const aws = await startEmulator({ port: 0, functions: { probe: { handler: probeTrigger } }, readings });
  try {
    // Named as deploy/stack.yaml names the probe pool: found without an id.
    await makePool(aws, 'probe', 'sync_trigger_conformance_probe');
    const file = await runProbes({ endpoint: aws.url, region: aws.region, ...(points ? { points } : {}) });
    expect(aws.stats().datasets).toBe(0);
    return file;
  } finally {
    await aws.close();
  }
}

describe('probes of the undocumented points', () => {
  it('report the readings of a service that follows the defaults, and name what they cannot settle', async () => {
    const file = await probeService({});
    const probed = Object.keys(file.readings);
    expect(probed).toHaveLength(16);
    for (const p of probed) expect(file.readings[p], p).toBe(DEFAULT_READINGS[p as keyof Readings]);
    expect(Object.keys(file.unprobed).sort()).toStrictEqual(Object.keys(UNPROBED).sort());
    expect([...probed, ...Object.keys(file.unprobed)].sort()).toStrictEqual(OPEN_POINTS.map((p) => p.id).sort());
    for (const p of probed) expect(file.evidence[p], p).toMatch(/\S/);
  });

  it('report non-default readings when the service applies them, and the file pins them for a run', async () => {
    const chosen: Partial<Readings> = {
      'event.untouchedRecord': 'op-absent',
      'event.newRecordOldValue': 'empty-string',
      'event.removedRecordNewValue': 'absent',
      'event.untouchedTombstone': 'null-entry',
      'service.emptyPatches': 'skipped',
      'service.conflictCheck': 'after-trigger',
      'reply.opMissing': 'replace',
      'reply.opInvalid': 'ignored',
      'reply.replaceWithoutValue': 'remove',
      'event.readdOverTombstone': 'new-record',
      'reply.nullEntry': 'remove',
      'reply.nonStringValue': 'coerced',
      'reply.extraTopLevelField': 'invalid',
      'reply.datasetRecordsMissing': 'no-change',
      'reply.replaceSameValue': 'written',
      'service.replacePatchWithoutValue': 'remove',
    };
    const file = await probeService(chosen);
    for (const [point, reading] of Object.entries(chosen)) expect(file.readings[point], point).toBe(reading);
    const path = join(tmp, 'readings.json');
    writeFileSync(path, JSON.stringify(file));
    expect(loadReadingsFile(path)).toMatchObject(chosen);
    const run = resolveOptions({ handler: 'h.js', readingsFile: path });
    expect(run.readings).toMatchObject(chosen);
    writeFileSync(join(tmp, 'bad.json'), JSON.stringify({ ...file, readings: { 'reply.nullEntry': 'maybe' } }));
    expect(() => loadReadingsFile(join(tmp, 'bad.json'))).toThrow(/bad\.json.*maybe/);
  });

  it('probe only the points asked for, and refuse points that do not exist', async () => {
    const file = await probeService({ 'reply.nullEntry': 'remove' }, ['reply.nullEntry', 'service.valueMaxLength']);
    expect(file.readings).toStrictEqual({ 'reply.nullEntry': 'remove' });
    expect(Object.keys(file.unprobed)).toStrictEqual(['service.valueMaxLength']);
    await expect(probeService({}, ['reply.nope'])).rejects.toMatchObject({ code: 'E_READING', message: /reply\.nope/ });
  });
});
