/** `npm run bench`: performance targets as ratios measured side by side in one run (never timed assertions). */
import { benchCoverage } from './coverage.ts';
import { benchEmulator } from './emulator.ts';
import { benchModel } from './model.ts';
import { benchPipeline } from './pipeline.ts';
import { benchWarmTargets } from './warmTargets.ts';

for (const line of await benchModel()) console.log(line);
for (const line of await benchPipeline()) console.log(line);
for (const line of await benchCoverage()) console.log(line);
for (const line of await benchEmulator()) console.log(line);
for (const line of await benchWarmTargets()) console.log(line);
