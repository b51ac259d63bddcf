/**
 * Model cost: judging a full dataset's reply (1,024 records, every record present as Cognito sends them, one in ten
 * changed), side by side with `JSON.parse` of the same reply, which judging must do anyway. Reported as a ratio,
 * measured in one run; the target is "well under a millisecond", i.e. a small multiple of parsing the reply.
 */
import { Bench } from 'tinybench';
import { judge, MAX_RECORDS, type SyncTriggerEvent } from '../model/index.ts';

/** A deterministic full-dataset event and the stored values it was built from. */
function fullDataset(): { event: SyncTriggerEvent; before: Record<string, string> } {
  const datasetRecords: SyncTriggerEvent['datasetRecords'] = {};
  const before: Record<string, string> = {};
  for (let i = 0; i < MAX_RECORDS; i++) {
    const key = `record-${String(i).padStart(4, '0')}`;
    const stored = `value ${String(i)}`;
    before[key] = stored;
    datasetRecords[key] = { oldValue: stored, newValue: i % 10 === 0 ? `changed ${String(i)}` : stored, op: 'replace' };
  }
  const event: SyncTriggerEvent = {
    version: 2,
    eventType: 'SyncTrigger',
    region: 'us-east-1',
    identityPoolId: 'us-east-1:11111111-2222-3333-4444-555555555555',
    identityId: 'us-east-1:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee',
    datasetName: 'game_state',
    datasetRecords,
  };
  return { event, before };
}

/** Runs the model benchmark and returns printable rows. */
export async function benchModel(): Promise<string[]> {
  const { event, before } = fullDataset();
  const json = JSON.stringify(event);
  const bench = new Bench({ time: 1500, warmup: true });
  bench
    .add('JSON.parse of the reply', () => JSON.parse(json) as unknown)
    .add('judge(event, reply)', () => judge(event, json, { before }));
  await bench.run();
  const [parse, judged] = bench.tasks.map((t) => t.result);
  const mean = (r: typeof parse): number => (r && 'latency' in r ? r.latency.mean : Number.NaN);
  return [
    `model: echo reply of a full dataset, ${String(MAX_RECORDS)} records, ${(json.length / 1024).toFixed(0)} KiB`,
    `  JSON.parse           ${mean(parse).toFixed(3)} ms/op`,
    `  judge                ${mean(judged).toFixed(3)} ms/op`,
    `  judge / JSON.parse   ${(mean(judged) / mean(parse)).toFixed(2)}×`,
  ];
}
