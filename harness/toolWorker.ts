/**
 * A worker thread of the tool itself (never of handler code, which runs in sandboxes: `runtime/node/`) for work
 * that would otherwise hold up the main thread: reading handler sources with the TypeScript compiler
 * (`sourceWorker.ts`). Run from source, the worker registers tsx before it imports its module (a worker does not
 * inherit `--import tsx`).
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Harvest } from './discovery/harvest.ts';
import type { HarvestTarget } from './discovery/sources.ts';
import type { Probes } from './handlerCoverage/probes.ts';

/** What the source worker is asked. */
export type SourceTask =
  | { readonly id: number; readonly kind: 'harvest'; readonly target: HarvestTarget; readonly cwd: string }
  | { readonly id: number; readonly kind: 'probes'; readonly fileName: string; readonly text: string };

/** What it answers. */
export type SourceAnswer =
  | { readonly id: number; readonly ok: true; readonly value: Harvest[] | Probes }
  | { readonly id: number; readonly ok: false; readonly message: string };

/** Distributes `Omit` over a union. */
type TaskOf<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * Starts a tool worker.
 * @param module - the module the worker runs (`new URL('./x.ts', import.meta.url)`: `.ts` from source, `.js` built)
 */
function toolWorker(module: URL): Worker {
  const fromSource = module.pathname.endsWith('.ts');
  const apis = fromSource ? [import.meta.resolve('tsx/esm/api'), import.meta.resolve('tsx/cjs/api')] : [];
  const boot = `Promise.all(${JSON.stringify(apis)}.map((api) => import(api).then((m) => m.register()))).then(() => import(${JSON.stringify(module.href)}));`;
  return new Worker(boot, { eval: true, name: 'cognito-sync-conformance' });
}

/** The process's source worker, its questions waiting for an answer, and the next question's id. */
let worker: Worker | undefined;
const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 0;

/** The worker keeps the process alive only while a question waits. */
function settle(): void {
  if (waiting.size === 0) worker?.unref();
}

function started(): Worker {
  if (worker) return worker;
  const w = toolWorker(new URL(`./sourceWorker${extname(fileURLToPath(import.meta.url))}`, import.meta.url));
  worker = w;
  w.on('message', (a: SourceAnswer) => {
    const q = waiting.get(a.id);
    if (!q) return;
    waiting.delete(a.id);
    if (a.ok) q.resolve(a.value);
    else q.reject(new Error(a.message));
    settle();
  });
  // A worker that failed or ended answers nothing more: its questions fail, and the next one starts a new worker.
  const gone = (e: Error): void => {
    if (worker === w) worker = undefined;
    for (const q of waiting.values()) q.reject(e);
    waiting.clear();
  };
  w.on('error', gone);
  w.on('exit', (code) => {
    gone(new Error(`the source worker ended (code ${String(code)})`));
  });
  return w;
}

/**
 * Asks the source worker (started on first need, kept for the process).
 * @param task - a harvest of a target's sources, or the coverage probes of one file
 * @throws when the worker fails the task or cannot run: the caller does the work itself
 */
export function askSourceWorker(task: TaskOf<Extract<SourceTask, { kind: 'harvest' }>>): Promise<Harvest[]>;
export function askSourceWorker(task: TaskOf<Extract<SourceTask, { kind: 'probes' }>>): Promise<Probes>;
export function askSourceWorker(task: TaskOf<SourceTask>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    try {
      const w = started();
      waiting.set(id, { resolve, reject });
      w.ref();
      w.postMessage({ ...task, id });
    } catch (e) {
      waiting.delete(id);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
