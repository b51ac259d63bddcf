/**
 * `npm run bench`: performance targets as ratios measured side by side in one run (never timed assertions).
 * `npm run bench -- start lanes` runs only the named parts.
 */
import { benchCoverage } from './coverage.ts';
import { benchEmulator } from './emulator.ts';
import { benchHangs, benchLanes } from './lanes.ts';
import { benchModel } from './model.ts';
import { benchPipeline } from './pipeline.ts';
import { benchStart } from './start.ts';
import { benchWarmTargets } from './warmTargets.ts';

const parts: Record<string, () => Promise<string[]> | string[]> = {
  start: () => benchStart(),
  model: benchModel,
  pipeline: () => benchPipeline(),
  coverage: () => benchCoverage(),
  lanes: () => benchLanes(),
  hangs: benchHangs,
  emulator: benchEmulator,
  warm: () => benchWarmTargets(),
};
const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(a in parts));
if (unknown.length) {
  console.error(`unknown part ${unknown.join(', ')}: the parts are ${Object.keys(parts).join(', ')}`);
  process.exit(2);
}
for (const [name, run] of Object.entries(parts)) {
  if (asked.length && !asked.includes(name)) continue;
  for (const line of await run()) console.log(line);
}
