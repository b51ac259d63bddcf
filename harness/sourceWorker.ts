/**
 * The tool's source worker: reads handler sources with the TypeScript parser off the main thread, for discovery
 * (`harvest`) and for the handler's coverage (`probes`). One per process, started on first need and kept: the
 * compiler takes most of a second to load, once, beside the lanes, and a process that runs many conformance runs
 * (a test suite, a benchmark) loads it once for all of them. Never runs handler code.
 */
import { parentPort } from 'node:worker_threads';
import { harvestTarget } from './discovery/sources.ts';
import { ts } from './typescript.ts';
import type { Harvest } from './discovery/harvest.ts';
import { probesOf, type Probes } from './handlerCoverage/probes.ts';
import type { SourceAnswer, SourceTask } from './toolWorker.ts';

function answer(task: SourceTask): Harvest[] | Probes {
  return task.kind === 'harvest' ? harvestTarget(task.target, task.cwd) : probesOf(ts, task.fileName, task.text);
}

parentPort?.on('message', (task: SourceTask) => {
  let reply: SourceAnswer;
  try {
    reply = { id: task.id, ok: true, value: answer(task) };
  } catch (e) {
    reply = { id: task.id, ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort?.postMessage(reply);
});
