/**
 * The main thread of a worker-isolation sandbox: a process of its own (never the tool's), which starts the
 * handler's host in a worker thread when the tool asks (fd 3), and stops it. The host talks with the tool over a
 * connection of its own (`hostLinks.ts`). It exists so that a handler that reaches its main thread
 * (`inspector.Session.connectToMainThread()`) reaches only this process, never the one that decides the verdict;
 * and so that a timed-out worker is replaced without starting a process.
 *
 * Nothing here is trusted by the tool: a handler that takes this thread over can only send the tool frames, which
 * it checks, and the tool keeps its own clock.
 */
import { Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { readTexts, writeFrame } from '../frames.ts';
import type { FromSupervisor, ToSupervisor } from './protocol.ts';

/** The most the supervisor reads in one frame from the tool (its messages are small). */
const MAX_FRAME_BYTES = 64 * 1024;

const channel = new Socket({ fd: 3, readable: true, writable: true });
const send = (m: FromSupervisor): void => {
  writeFrame(channel, m);
};
// The tool went away (or closed the channel): nothing left to serve.
channel.on('end', () => process.exit(0));
channel.on('close', () => process.exit(0));
channel.on('error', () => process.exit(0));

/** The current host's worker and number. */
let worker: Worker | undefined;
let current = -1;

/**
 * The host beside this file, and tsx for a TypeScript handler. Both are plain JavaScript, built or (from source)
 * bundled side by side (`sandboxEntries.ts`).
 */
function boot(typescript: boolean): string {
  const host = new URL('./host.js', import.meta.url).href;
  // Both hooks, as `--import tsx` registers them: the ESM ones alone leave a `.ts` file of a CommonJS package to
  // Node's CommonJS loader, which fails on the first type annotation.
  const apis = typescript ? [import.meta.resolve('tsx/esm/api'), import.meta.resolve('tsx/cjs/api')] : [];
  // A worker given code (`eval: true`) runs it as a CommonJS script whose `exports`, `module`, `require`,
  // `__filename` and `__dirname` are globals, which every ES module in the worker would then see: a handler
  // writing `exports.handler = …` in a "type": "module" package would load (exporting nothing) instead of failing
  // as it does in Lambda, and an ES module handler could `require` where Lambda has no such name.
  const globals = "for (const k of ['exports', 'module', 'require', '__filename', '__dirname']) delete globalThis[k];";
  return `${globals} Promise.all(${JSON.stringify(apis)}.map((api) => import(api).then((m) => m.register()))).then(() => import(${JSON.stringify(host)}));`;
}

function start(m: Extract<ToSupervisor, { type: 'start' }>): void {
  if (worker) void worker.terminate();
  const host = m.host;
  const w = new Worker(boot(m.typescript), {
    eval: true,
    name: 'cognito-sync-handler',
    resourceLimits: { maxOldGenerationSizeMb: m.memoryLimitMb },
    workerData: { link: m.link },
  });
  worker = w;
  current = host;
  // The host speaks to the tool over its own connection; what a handler posts to this thread is not heard.
  w.on('message', () => undefined);
  w.on('error', (e: Error & { code?: unknown }) => {
    const code = typeof e.code === 'string' ? e.code : 'ERR_WORKER';
    send({ type: 'host-error', host, code, message: e.message });
  });
  w.on('exit', (code) => {
    if (worker === w) worker = undefined;
    send({ type: 'host-exit', host, code });
  });
}

// The worker's console goes through the host's frames; what bypasses it (native output) reaches this process's
// stdout, which the tool reads as raw output.
readTexts(channel, MAX_FRAME_BYTES, {
  text(text) {
    const m = JSON.parse(text) as ToSupervisor;
    if (m.type === 'start') start(m);
    else if (worker && current === m.host) void worker.terminate();
    else send({ type: 'host-exit', host: m.host, code: 1 });
  },
  violation() {
    process.exit(1);
  },
});
