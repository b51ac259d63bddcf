/**
 * Starts a host (`host.ts`) for one handler lifetime and gives the parent one shape of channel for both isolations.
 * Either way the handler runs in a process of its own, never in the tool's:
 *
 * - `process`: the host is the main thread of a sandbox process, started for this lifetime.
 * - `worker`: the host runs in a worker thread of a long-lived sandbox process (`supervisor.ts`), one per invoker;
 *   a new lifetime is a new worker there, which is cheaper than a process. The worker talks with the tool over a
 *   connection of its own (`hostLinks.ts`), not through the process's main thread.
 *
 * A `.ts` handler is loaded through tsx: `--import tsx` for a process, registered inside the worker for a worker
 * (Node 20 workers do not honour `--import` in `execArgv`). The host itself is plain JavaScript, from source too
 * (`sandboxEntries.ts`).
 */
import type { Socket } from 'node:net';
import { readTexts, writeText } from '../frames.ts';
import { newMarker, MARKER_VARIABLE } from '../reaper.ts';
import { HostLinks } from './hostLinks.ts';
import { parseHostText, parseFromSupervisor, type FromHost, type ToSupervisor } from './protocol.ts';
import { sandboxEntries } from './sandboxEntries.ts';
import { SandboxProcess, bounded, type SandboxEvents } from './sandboxProcess.ts';

/** What the parent hears from a host. */
export interface ChannelEvents {
  message(msg: FromHost): void;
  /** Raw output that bypassed the host's capture (a native crash report, V8's out-of-memory message). */
  output(text: string): void;
  /** The host failed: out of memory (`ERR_WORKER_OUT_OF_MEMORY`), could not start, or broke the protocol. */
  error(err: Error & { code?: unknown }): void;
  exit(code: number | null, signal: NodeJS.Signals | null): void;
}

/** A running host. */
export interface Channel {
  /** Sends the host one message: a frame of JSON text (see `invokeText`). */
  send(text: string): void;
  /** Stops the host at once (an endless loop included); resolves when it is gone or after `timeoutMs`. */
  stop(timeoutMs: number): Promise<void>;
  /** Resident memory of the sandbox process the host runs in, in bytes, when it can be read (Linux `/proc`). */
  residentBytes(): number | undefined;
}

/** How to start the host. */
export interface ChannelOptions {
  readonly isolation: 'worker' | 'process';
  /** Load tsx for a TypeScript handler. */
  readonly typescript: boolean;
  /** Heap cap of the host. */
  readonly memoryLimitMb: number;
  /** The handler's environment (never the tool's; see `runtime/environment.ts`). */
  readonly env: Readonly<Record<string, string>>;
  /** For `worker`: the invoker's sandbox, where the worker is started. */
  readonly sandbox?: WorkerSandbox;
}

/** Node flags of a sandbox process: tsx when a TypeScript handler must load, and the heap cap. */
function execArgv(typescript: boolean, memoryLimitMb?: number): string[] {
  return [
    ...(typescript ? ['--import', import.meta.resolve('tsx')] : []),
    ...(memoryLimitMb ? [`--max-old-space-size=${String(memoryLimitMb)}`] : []),
  ];
}

/** A host's frame as the tool may act on it; undefined when it is not JSON or not a message. */
function hostMessage(text: string): FromHost | undefined {
  try {
    return parseHostText(text);
  } catch {
    return undefined;
  }
}

/** Sandbox events for a host whose frames are its own messages (process isolation). */
function hostEvents(events: ChannelEvents, kill: () => void): SandboxEvents {
  return {
    text: (text) => {
      const m = hostMessage(text);
      if (m) {
        events.message(m);
        return;
      }
      kill();
      events.error(new Error('the sandbox sent a malformed message and was stopped'));
    },
    output: (t) => {
      events.output(t);
    },
    violation: (why) => {
      events.error(new Error(`the sandbox broke the protocol and was stopped: ${why}`));
    },
    exit: (code, signal) => {
      events.exit(code, signal);
    },
  };
}

function startProcess(o: ChannelOptions, events: ChannelEvents): Channel {
  const marker = newMarker();
  const p: SandboxProcess = new SandboxProcess(
    {
      entry: sandboxEntries().host,
      execArgv: execArgv(o.typescript, o.memoryLimitMb),
      env: { ...o.env, [MARKER_VARIABLE]: marker },
      marker,
    },
    hostEvents(events, () => {
      p.kill();
    }),
  );
  return {
    send: (text) => {
      p.send(text);
    },
    stop: (timeoutMs) => p.stop(timeoutMs),
    residentBytes: () => p.residentBytes(),
  };
}

/** The largest frame the tool reads from a host: a 6 MB reply as JSON text inside a frame, with room to spare. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** How long a host's exit waits for the rest of what it sent (its connection closing) before it is reported. */
const LINK_GRACE_MS = 250;

/** One host of a worker sandbox, as the tool sees it. */
interface HostState {
  readonly events: ChannelEvents;
  /** What it proves itself with (`hostLinks.ts`). */
  nonce: string;
  /** Its connection, once it proved itself; frames for it wait in `queue` until then. */
  socket?: Socket;
  readonly queue: string[];
  /** What waits for its connection to close (an exit, so that it comes after the host's last frames). */
  readonly afterClose: (() => void)[];
  closed: boolean;
}

/**
 * The long-lived sandbox process of a worker-isolation invoker: it runs one host at a time, each in a fresh worker,
 * which talks with the tool over a connection of its own (`hostLinks.ts`); the process's main thread starts and
 * stops them. Dead once its process is gone (killed, crashed, or stopped by `stop`); the invoker then starts another.
 */
export class WorkerSandbox {
  private readonly process: SandboxProcess;
  private readonly links = new HostLinks();
  /** The host now running; messages about any other host are late and dropped. */
  private current: { readonly host: number; readonly state: HostState } | undefined;
  /** Who waits for which host to exit. */
  private readonly exits = new Map<number, () => void>();
  private hosts = 0;

  /** @param env - the handler's environment */
  constructor(env: Readonly<Record<string, string>>) {
    const marker = newMarker();
    this.process = new SandboxProcess(
      {
        entry: sandboxEntries().supervisor,
        execArgv: execArgv(false),
        env: { ...env, [MARKER_VARIABLE]: marker },
        marker,
      },
      {
        text: (text) => {
          this.onText(text);
        },
        output: (t) => this.current?.state.events.output(t),
        violation: (why) =>
          this.current?.state.events.error(new Error(`the sandbox broke the protocol and was stopped: ${why}`)),
        exit: (code, signal) => {
          this.links.close();
          const state = this.current?.state;
          this.current = undefined;
          if (state) this.unlink(state);
          for (const gone of this.exits.values()) gone();
          this.exits.clear();
          state?.events.exit(code, signal);
        },
      },
    );
  }

  /** False once the sandbox process is gone. */
  get alive(): boolean {
    return this.process.alive;
  }

  /**
   * Starts a host in a fresh worker; the previous one, if any, must have been stopped.
   * @param o - the heap cap and TypeScript
   * @param events - where this host's messages go
   */
  open(o: ChannelOptions, events: ChannelEvents): Channel {
    const host = ++this.hosts;
    const state: HostState = { events, nonce: '', queue: [], afterClose: [], closed: false };
    const nonce = this.links.await((socket) => {
      this.attach(host, state, socket);
    });
    state.nonce = nonce;
    const previous = this.current?.state;
    if (previous) this.unlink(previous);
    this.current = { host, state };
    this.post({
      type: 'start',
      host,
      typescript: o.typescript,
      memoryLimitMb: o.memoryLimitMb,
      link: { path: this.links.path, nonce },
    });
    const running = (): boolean => this.current?.host === host;
    let stopping: Promise<void> | undefined;
    const stop = async (timeoutMs: number): Promise<void> => {
      if (!running() || !this.process.alive) return;
      const gone = new Promise<void>((resolve) => this.exits.set(host, resolve));
      this.post({ type: 'stop', host });
      await bounded(gone, timeoutMs);
      // A supervisor that does not end its worker in time is not trusted with the next one.
      if (running()) await this.process.stop(timeoutMs);
      // What the handler started goes with it, as when Lambda tears an execution environment down (unless the
      // next host already runs: its children would go too; they all go with the sandbox at the end).
      if (this.hosts === host) this.process.reapChildren();
    };
    return {
      send: (text) => {
        if (stopping !== undefined || !running() || state.closed) return;
        if (state.socket) writeText(state.socket, text);
        else state.queue.push(text);
      },
      stop: (timeoutMs) => (stopping ??= stop(timeoutMs)),
      residentBytes: () => this.process.residentBytes(),
    };
  }

  /**
   * Ends the sandbox process and everything it started.
   * @param timeoutMs - the most to wait for it to go
   */
  stop(timeoutMs: number): Promise<void> {
    this.links.close();
    return this.process.stop(timeoutMs);
  }

  private post(m: ToSupervisor): void {
    this.process.send(JSON.stringify(m));
  }

  private malformed(): void {
    this.process.kill();
    this.current?.state.events.error(new Error('the sandbox sent a malformed message and was stopped'));
  }

  /** A host proved itself: its frames are read, and what waited for it is sent. */
  private attach(host: number, state: HostState, socket: Socket): void {
    if (this.current?.host !== host || state.closed) {
      socket.destroy();
      return;
    }
    state.socket = socket;
    socket.once('close', () => {
      state.closed = true;
      for (const then of state.afterClose.splice(0)) then();
    });
    readTexts(socket, MAX_FRAME_BYTES, {
      text: (text) => {
        if (this.current?.host !== host) return;
        const msg = hostMessage(text);
        if (msg) state.events.message(msg);
        else this.malformed();
      },
      violation: (why) => {
        this.process.kill();
        state.events.error(new Error(`the sandbox broke the protocol and was stopped: ${why}`));
      },
    });
    // Paused when it was proven: what it sent since is read now.
    socket.resume();
    for (const text of state.queue.splice(0)) writeText(socket, text);
  }

  /** A host is gone or replaced: no longer awaited, its connection closed. */
  private unlink(state: HostState): void {
    this.links.forget(state.nonce);
    state.queue.length = 0;
    state.socket?.destroy();
  }

  /**
   * Runs `then` once the host's connection has closed, so that its last frames come first; at once when it has
   * none, and after a grace at most.
   */
  private afterLink(state: HostState, then: () => void): void {
    if (!state.socket || state.closed) {
      then();
      return;
    }
    let done = false;
    const once = (): void => {
      if (done) return;
      done = true;
      clearTimeout(grace);
      then();
    };
    const grace = setTimeout(once, LINK_GRACE_MS);
    state.afterClose.push(once);
  }

  private onText(text: string): void {
    let parsed;
    try {
      parsed = parseFromSupervisor(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed) {
      this.malformed();
      return;
    }
    const m = parsed;
    const host = m.host;
    const current = this.current;
    const report = (): void => {
      if (m.type === 'host-exit') {
        this.exits.get(host)?.();
        this.exits.delete(host);
      }
      if (this.current?.host !== host) return;
      const events = this.current.state.events;
      switch (m.type) {
        case 'host-error':
          events.error(Object.assign(new Error(m.message), { code: m.code }));
          return;
        case 'host-exit':
          this.unlink(this.current.state);
          this.current = undefined;
          events.exit(m.code, null);
          return;
      }
    };
    if (current?.host === host) this.afterLink(current.state, report);
    else report();
  }
}

/**
 * Starts a host for one handler lifetime.
 * @param o - the isolation kind, whether tsx is needed, the heap cap, the environment (and, for a worker, the sandbox)
 * @param events - where the host's messages, raw output, errors and exit go
 */
export function openChannel(o: ChannelOptions, events: ChannelEvents): Channel {
  if (o.isolation === 'process') return startProcess(o, events);
  if (!o.sandbox) throw new Error('openChannel: worker isolation needs its sandbox');
  return o.sandbox.open(o, events);
}
