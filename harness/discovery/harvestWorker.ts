/** The worker that harvests a handler's sources off the main thread (see `startHarvest` in `index.ts`). */
import { parentPort, workerData } from 'node:worker_threads';
import { harvestTarget, type HarvestTarget } from './sources.ts';

const { target, cwd } = workerData as { target: HarvestTarget; cwd: string };
parentPort?.postMessage(harvestTarget(target, cwd));
