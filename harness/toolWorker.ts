/**
 * A worker thread of the tool itself (never of handler code, which runs in sandboxes: `runtime/node/`): for work
 * that would otherwise hold up the main thread, such as loading the TypeScript compiler for discovery. Run from
 * source, the worker registers tsx before it imports its module (a worker does not inherit `--import tsx`).
 */
import { Worker } from 'node:worker_threads';

/**
 * Starts a tool worker.
 * @param module - the module the worker runs (`new URL('./x.ts', import.meta.url)`: `.ts` from source, `.js` built)
 * @param workerData - what the module reads as `workerData`
 */
function toolWorker(module: URL, workerData: unknown): Worker {
  const fromSource = module.pathname.endsWith('.ts');
  const apis = fromSource ? [import.meta.resolve('tsx/esm/api'), import.meta.resolve('tsx/cjs/api')] : [];
  const boot = `Promise.all(${JSON.stringify(apis)}.map((api) => import(api).then((m) => m.register()))).then(() => import(${JSON.stringify(module.href)}));`;
  return new Worker(boot, { eval: true, workerData, name: 'cognito-sync-conformance' });
}

/**
 * Runs a tool worker that posts one message and ends, and resolves with that message.
 * @param module - the worker's module
 * @param workerData - its input
 * @throws the worker's error, or when it exits without a message
 */
export function oneShot<T>(module: URL, workerData: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const w = toolWorker(module, workerData);
    let answered = false;
    w.once('message', (m: T) => {
      answered = true;
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
    w.once('exit', (code) => {
      if (!answered) reject(new Error(`the worker ${module.pathname} ended (code ${String(code)}) without an answer`));
    });
  });
}
