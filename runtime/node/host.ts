/**
 * The host: the entry of a sandbox process (process isolation) or of a worker thread in one (worker isolation,
 * see `supervisor.ts`) that runs one handler like a Lambda execution environment. It loads the module once (module state persists across invocations, as in a warm Lambda), runs one
 * invocation at a time, and sends the completion back with the handler's console output.
 *
 * The empty event loop is detected the way the RIC detects it: the channel to the parent is unref'd while an
 * invocation runs, so `beforeExit` fires when only the handler's own timers and sockets could keep it alive.
 * Uncaught exceptions and unhandled rejections are reported as the RIC does (the invocation's error), then the
 * host exits (codes 129 and 128, as the RIC) and the parent starts a fresh one: a cold start.
 */
import { connect, Socket } from 'node:net';
import { isMainThread, workerData } from 'node:worker_threads';
import { readFrames, writeText } from '../frames.ts';
import { contextFields, logStreamName } from './context.ts';
import { startCoverage } from './coverage.ts';
import type { FileCoverage } from './coverageData.ts';
import { callbackDeprecatedError, formatLegacyError, withinPayloadLimit } from './lambdaErrors.ts';
import { LoadFailure, loadHandler, type LoadedHandler } from './load.ts';
import { recordLookups } from './lookups.ts';
import { fromHostText, type FromHost, type HostConfig, type HostLink, type ToHost } from './protocol.ts';
import { startInvocation, type Invocation } from './runtime.ts';
import type { LambdaError } from '../invoker.ts';

/** The channel to the tool: frames over a socket (fd 3 in a process of its own, or a worker's own connection). */
interface Transport {
  send(msg: FromHost, then?: () => void): void;
  onMessage(listener: (msg: ToHost) => void): void;
  /** Keep the host alive for the next message. */
  ref(): void;
  /** Let the event loop drain if only the handler's work is left. */
  unref(): void;
}

/** The most the host reads in one frame from the tool (an event is at most a few MB). */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** Frames over a socket to the tool: fd 3 in a process of its own, or a worker's own connection. */
function socketTransport(channel: Socket): Transport {
  // The tool went away: nothing left to serve.
  channel.on('end', () => process.exit(0));
  channel.on('error', () => process.exit(0));
  return {
    send(msg, then) {
      writeText(channel, fromHostText(msg), then);
    },
    onMessage: (listener) => {
      readFrames(channel, MAX_FRAME_BYTES, {
        frame: (v) => {
          listener(v as ToHost);
        },
        violation: () => process.exit(1),
      });
    },
    ref: () => channel.ref(),
    unref: () => channel.unref(),
  };
}

/** A worker's connection to the tool, proven with the nonce the tool gave for it (`hostLinks.ts`). */
function workerChannel(): Socket {
  const link = (workerData as { link?: HostLink } | null)?.link;
  if (!link) throw new Error('host: no link to the tool');
  const channel = connect(link.path);
  writeText(channel, link.nonce);
  return channel;
}

/** Routes everything the handler writes to stdout or stderr (console included) to the parent, in order. */
function captureOutput(sink: (text: string) => void): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = (chunk: string | Uint8Array, encoding?: unknown, cb?: unknown): boolean => {
      sink(
        typeof chunk === 'string'
          ? chunk
          : Buffer.from(chunk).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
      const done = typeof encoding === 'function' ? encoding : cb;
      if (typeof done === 'function') process.nextTick(done);
      return true;
    };
  }
}

const transport = socketTransport(
  isMainThread ? new Socket({ fd: 3, readable: true, writable: true }) : workerChannel(),
);
const log = (text: string): void => {
  transport.send({ type: 'log', text });
};
captureOutput(log);

let config: HostConfig | undefined;
let loaded: LoadedHandler | undefined;
let stream = '';
let current: Invocation | undefined;
/** Takes the handler's coverage since the last take, when it is measured. */
let takeCoverage: (() => FileCoverage[]) | undefined;

/** The coverage since the last take; nothing when it is not measured or V8 refuses (never the host's failure). */
function coverageFiles(): FileCoverage[] {
  try {
    return takeCoverage?.() ?? [];
  } catch {
    return [];
  }
}

async function init(c: HostConfig): Promise<void> {
  config = c;
  stream = logStreamName();
  // The rest of the Lambda environment came with the process (runtime/environment.ts); the stream is this host's.
  process.env.AWS_LAMBDA_LOG_STREAM_NAME = stream;
  // Before the module loads: V8 counts blocks only in functions compiled after coverage starts.
  if (c.coverage) takeCoverage = startCoverage(c.coverage);
  try {
    loaded = await loadHandler(c.modulePath, c.exportName);
  } catch (e) {
    const failure = e instanceof LoadFailure ? e : new LoadFailure('E_HANDLER_LOAD', String(e));
    transport.send({ type: 'load-failed', code: failure.code, message: failure.message });
    return;
  }
  // nodejs24.x rejects a handler declaring three or more parameters, async or not (RIC `callback-deprecation.ts`).
  const initError = c.runtime === 'nodejs24.x' && loaded.arity >= 3 ? callbackDeprecatedError() : undefined;
  transport.send({ type: 'ready', style: loaded.style, ...(initError ? { initError } : {}) });
}

function invoke(id: string, event: unknown, requestId: string, discover: boolean): void {
  if (!config || !loaded) throw new Error('host: invoke before init');
  const seen = new Set<string>();
  const records =
    typeof event === 'object' && event !== null ? (event as { datasetRecords?: unknown }).datasetRecords : undefined;
  if (discover && typeof records === 'object' && records !== null && !Array.isArray(records))
    recordLookups(records, seen);
  const invocation = startInvocation({
    handler: loaded.handler,
    isAsync: loaded.isAsync,
    runtime: config.runtime,
    event,
    fields: contextFields(config, requestId, stream),
  });
  current = invocation;
  transport.unref();
  void invocation.completion.then((completion) => {
    if (current === invocation) current = undefined;
    // Lambda's payload limit, applied before sending: a 200 MB reply must not cross the channel at all.
    transport.send({
      type: 'result',
      id,
      completion: withinPayloadLimit(completion),
      ...(discover ? { lookups: [...seen] } : {}),
    });
    transport.ref();
  });
}

transport.onMessage((msg) => {
  if (msg.type === 'init') void init(msg.config);
  else if (msg.type === 'coverage') transport.send({ type: 'coverage', id: msg.id, files: coverageFiles() });
  else invoke(msg.id, msg.event, msg.requestId, msg.discover === true);
});

process.on('beforeExit', () => {
  current?.drained();
  transport.ref();
});

/** The RIC's error callbacks: post the error for the running invocation, then exit. */
function fatal(label: string, error: LambdaError, exitCode: number): void {
  log(`${label}\t${JSON.stringify(error)}\n`);
  // Before the result, so that the parent never sends the next event to a host on its way out; with what this
  // isolate ran since the last take, which its exit would lose.
  if (takeCoverage) transport.send({ type: 'coverage', id: '', files: coverageFiles() });
  transport.send({ type: 'exiting' });
  const invocation = current;
  invocation?.fatal(error);
  // The completion's own handler (registered first) sends the result before this exits.
  void (invocation?.completion ?? Promise.resolve()).then(() => {
    transport.send({ type: 'log', text: '' }, () => process.exit(exitCode));
  });
}

process.on('uncaughtException', (err) => {
  fatal('Uncaught Exception', formatLegacyError(err), 129);
});
process.on('unhandledRejection', (reason) => {
  let message: string;
  try {
    message = String(reason); // the RIC's `new UnhandledPromiseRejection(reason)`: `Error: boom` for an Error
  } catch {
    message = 'unprintable rejection reason';
  }
  const error = { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: message };
  fatal('Unhandled Promise Rejection', { ...error, trace: formatLegacyError(reason).trace }, 128);
});
