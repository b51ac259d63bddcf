/**
 * Starts a host (`host.ts`) in a worker thread or a child process and gives the parent one shape of channel for
 * both. TypeScript (the host itself when run from source, or a `.ts` handler) is loaded through tsx: registered
 * inside the worker (Node 20 workers do not honour `--import` in `execArgv`), or `--import tsx` for a child.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromHost, ToHost } from './protocol.ts';

/** What the parent hears from a host. */
export interface ChannelEvents {
  message(msg: FromHost): void;
  /** Raw output that bypassed the host's capture (a native crash report, V8's out-of-memory message). */
  output(text: string): void;
  /** The isolate failed: out of memory (`ERR_WORKER_OUT_OF_MEMORY`), or the host could not start. */
  error(err: Error): void;
  exit(code: number | null, signal: NodeJS.Signals | null): void;
}

/** A running host. */
export interface Channel {
  send(msg: ToHost): void;
  /** Stops the isolate at once (an infinite loop included); resolves when it is gone or after `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
  /**
   * Resident memory that the isolate's growth shows in, in bytes, when it can be read: the whole process's for a
   * worker thread (it shares the tool's), the child's own for a process (Linux `/proc`); otherwise undefined.
   */
  residentBytes(): number | undefined;
}

/** How to start the host. */
export interface ChannelOptions {
  readonly isolation: 'worker' | 'process';
  /** Load tsx for a TypeScript handler. */
  readonly typescript: boolean;
  /** Heap cap of the isolate. */
  readonly memoryLimitMb: number;
}

/** The page size of `/proc/<pid>/statm` on the platforms Lambda runs (x86-64 and arm64 Linux). */
const PAGE_BYTES = 4096;

/** How long a child's exit waits for its stdout and stderr to close. */
const PIPE_GRACE_MS = 250;

const self = fileURLToPath(import.meta.url);
/** The host next to this file: `host.ts` from source, `host.js` once built. */
const HOST_FILE = fileURLToPath(new URL(`./host${extname(self)}`, import.meta.url));
const needsTsx = (o: ChannelOptions): boolean => o.typescript || extname(self) === '.ts';

/** A file URL of a package entry (ESM conditions), resolved from this package, not the user's working directory. */
const resolveUrl = (spec: string): string => import.meta.resolve(spec);

function startWorker(o: ChannelOptions, events: ChannelEvents): Channel {
  // Both hooks, as `--import tsx` registers them: the ESM ones alone leave a `.ts` file of a CommonJS package (no
  // `"type": "module"`) to Node's CommonJS loader, which fails on the first type annotation.
  const tsx = needsTsx(o) ? JSON.stringify([resolveUrl('tsx/esm/api'), resolveUrl('tsx/cjs/api')]) : '[]';
  const host = JSON.stringify(pathToFileURL(HOST_FILE).href);
  const boot = `Promise.all(${tsx}.map((api) => import(api).then((m) => m.register()))).then(() => import(${host}));`;
  const worker = new Worker(boot, {
    eval: true,
    name: 'cognito-sync-handler',
    resourceLimits: { maxOldGenerationSizeMb: o.memoryLimitMb },
  });
  worker.on('message', (m: FromHost) => {
    events.message(m);
  });
  worker.on('error', (e) => {
    events.error(e);
  });
  worker.on('exit', (code) => {
    events.exit(code, null);
  });
  // Without `stdout: true` Node pipes the worker's stdio to ours and reading it does not ref the worker's port;
  // with it, reading refs the port until the worker ends, and a forgotten close() keeps the tool alive. So: the
  // default streams, taken off our stdout and read here.
  for (const s of [worker.stdout, worker.stderr]) {
    s.unpipe();
    s.on('data', (d: Buffer) => {
      events.output(d.toString());
    });
    s.resume();
  }
  // A forgotten close() must not keep the tool alive; a running invocation holds its own deadline timer.
  worker.unref();
  return {
    send: (msg) => {
      worker.postMessage(msg);
    },
    stop: (timeoutMs) => bounded(worker.terminate(), timeoutMs),
    residentBytes: () => process.memoryUsage.rss(),
  };
}

function startProcess(o: ChannelOptions, events: ChannelEvents): Channel {
  const execArgv = [...(needsTsx(o) ? ['--import', resolveUrl('tsx')] : []), `--max-old-space-size=${o.memoryLimitMb}`];
  const child: ChildProcess = fork(HOST_FILE, [], { execArgv, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let exited = false;
  const gone = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.on('message', (m: FromHost) => {
    events.message(m);
  });
  child.on('error', (e) => {
    events.error(e);
  });
  child.on('exit', (code, signal) => {
    exited = true;
    // 'exit' can come before the last of stderr (V8's out-of-memory report): wait for the pipes, a little, since a
    // grandchild the handler started may hold them open.
    let reported = false;
    const report = (): void => {
      if (reported) return;
      reported = true;
      clearTimeout(grace);
      events.exit(code, signal);
    };
    const grace = setTimeout(report, PIPE_GRACE_MS);
    child.once('close', report);
  });
  for (const s of [child.stdout, child.stderr]) {
    s?.on('data', (d: Buffer) => {
      events.output(d.toString());
    });
    (s as { unref?: () => void } | null)?.unref?.();
  }
  child.channel?.unref();
  child.unref();
  return {
    send: (msg) => {
      if (!exited && child.connected) child.send(msg);
    },
    stop: (timeoutMs) => {
      if (!exited) child.kill('SIGKILL');
      return bounded(gone, timeoutMs);
    },
    residentBytes: () => (exited || child.pid === undefined ? undefined : procResident(child.pid)),
  };
}

/** Resident set of a process from `/proc/<pid>/statm` (pages), or undefined where there is no such file. */
function procResident(pid: number): number | undefined {
  try {
    const pages = Number(readFileSync(`/proc/${String(pid)}/statm`, 'utf8').split(' ')[1]);
    return Number.isFinite(pages) ? pages * PAGE_BYTES : undefined;
  } catch {
    return undefined;
  }
}

/** Waits for `p`, at most `ms`. The timer is ref'd: the isolate is unref'd, and a close must see its exit. */
async function bounded(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([p, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts a host in a fresh isolate.
 * @param o - the isolation kind, whether tsx is needed, the heap cap
 * @param events - where the host's messages, raw output, errors and exit go
 */
export function openChannel(o: ChannelOptions, events: ChannelEvents): Channel {
  return o.isolation === 'worker' ? startWorker(o, events) : startProcess(o, events);
}
