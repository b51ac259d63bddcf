/**
 * Model cost: judging a 1,024-record event, side by side with `JSON.parse` of the same reply (which judging must
 * do anyway). Reported as a ratio, measured in one run; the target is "well under a millisecond".
 */
import fc from 'fast-check';
import { Bench } from 'tinybench';
import { syncCase } from '../generators/index.ts';
import { judge } from '../model/index.ts';

/** Runs the model benchmark and returns printable rows. */
export async function benchModel(): Promise<string[]> {
  const [c] = fc.sample(syncCase({ classes: ['max-records'] }), { seed: 7, numRuns: 1 });
  if (!c) throw new Error('no case drawn');
  const json = JSON.stringify(c.event);
  const options = { before: c.before, tombstoneKeys: c.tombstoneKeys };
  const bench = new Bench({ time: 1500, warmup: true });
  bench
    .add('JSON.parse of the reply', () => JSON.parse(json) as unknown)
    .add('judge(event, reply)', () => judge(c.event, json, options));
  await bench.run();
  const [parse, judged] = bench.tasks.map((t) => t.result);
  const mean = (r: typeof parse): number => (r && 'latency' in r ? r.latency.mean : Number.NaN);
  const records = Object.keys(c.event.datasetRecords).length;
  return [
    `model: ${records} records, ${(json.length / 1024).toFixed(0)} KiB reply`,
    `  JSON.parse           ${mean(parse).toFixed(3)} ms/op`,
    `  judge                ${mean(judged).toFixed(3)} ms/op`,
    `  judge / JSON.parse   ${(mean(judged) / mean(parse)).toFixed(2)}×`,
  ];
}
