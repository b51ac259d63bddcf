/**
 * A run whose one failure threw with the trace a real run records: the handler's own frame among frames of this
 * tool (the runtime that called it), of Node's internals and of Lambda's runtime, some of them above it. Every
 * renderer must show the handler's frame first and leave the others out.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunResult } from '../../harness/index.ts';
import { failed, specOf } from './failed.ts';
import { nullEntryFailure } from './failures.ts';
import { runOf } from './run.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Where the handler threw, as the renderers name it. */
export const HANDLER_AT = '/var/task/handlers/game-sync.mjs:7:31';
/** The handler's own frame. */
export const HANDLER_FRAME = `    at Runtime.handler (file://${HANDLER_AT})`;
/** What no person should be shown of the trace: the tool's, Node's and Lambda's frames. */
export const FOREIGN = /runtime\/node\/|harness\/|node:internal|\/var\/runtime\//;

/** The fixture run's null-entry failure, thrown through the tool's runtime. */
export function stackRun(): RunResult {
  const spec = specOf(nullEntryFailure);
  const [inv] = spec.counterexample.invocations;
  if (inv?.kind !== 'threw') throw new Error('the null-entry fixture threw');
  const trace = [
    'TypeError: Cannot read properties of null (reading level)',
    '    at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)',
    `    at guard (${join(root, 'runtime/node/runtime.ts')}:151:9)`,
    HANDLER_FRAME,
    `    at startLegacy (${join(root, 'runtime/node/runtime.ts')}:160:20)`,
    `    at invoke (${join(root, 'runtime/node/host.ts')}:107:22)`,
    `    at runCase (${join(root, 'harness/runCheck.ts')}:88:5)`,
    '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  ];
  const threw = { ...inv, error: { ...inv.error, trace } };
  return runOf([failed({ ...spec, counterexample: { ...spec.counterexample, invocations: [threw] } })]);
}
