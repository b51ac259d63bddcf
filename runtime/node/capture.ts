/**
 * Console output and `process.exit` of in-process handlers. The patches are shared by every in-process invocation
 * of the thread and follow the handler's async work (AsyncLocalStorage): two invokers running side by side (a run's
 * lanes) each get their own handler's output, and the tool's console is whole again once the last one ends. Output
 * and exits of work that outlives its invocation reach the tool's real console and `process.exit`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { format } from 'node:util';
import type { LogBuffer } from './logBuffer.ts';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/** One invocation's capture. */
interface Scope {
  readonly logs: LogBuffer;
  open: boolean;
  exitCode: number | undefined;
  readonly onExit: (code: number) => void;
}

/** Thrown out of an intercepted `process.exit` to stop the handler where it called it. */
class ExitIntercepted extends Error {
  constructor(readonly exitCode: number) {
    super(`process.exit(${exitCode}) intercepted`);
  }
}

const storage = new AsyncLocalStorage<Scope>();
/** Open captures; the patches are in place while there is one. */
let active = 0;
/** The originals and the patches in place, while installed. */
let installed: { restore: () => void } | undefined;

function install(): void {
  const patches: [object, string, PropertyDescriptor | undefined, unknown][] = [];
  const patch = (target: object, key: string, fn: unknown): void => {
    patches.push([target, key, Object.getOwnPropertyDescriptor(target, key), fn]);
    Object.defineProperty(target, key, { value: fn, writable: true, configurable: true, enumerable: true });
  };
  for (const m of CONSOLE_METHODS) {
    const original = console[m].bind(console);
    patch(console, m, (...args: unknown[]): void => {
      const scope = storage.getStore();
      if (scope?.open) scope.logs.add(`${format(...args)}\n`);
      else original(...args);
    });
  }
  const exit = process.exit.bind(process);
  patch(process, 'exit', (code?: number | string | null): never => {
    const scope = storage.getStore();
    if (!scope?.open) return exit(code);
    const n = Number(code ?? process.exitCode ?? 0);
    scope.exitCode ??= n;
    scope.onExit(n);
    throw new ExitIntercepted(n);
  });
  installed = {
    restore: () => {
      for (const [target, key, descriptor, fn] of patches) {
        // Something else may have patched it since: leave theirs.
        if ((target as Record<string, unknown>)[key] !== fn) continue;
        if (descriptor) Object.defineProperty(target, key, descriptor);
        else Reflect.deleteProperty(target, key);
      }
    },
  };
}

/** A capture of one in-process invocation. */
export interface Capture {
  /** Settles with the code when the handler calls `process.exit` while the capture is open. */
  readonly exited: Promise<number>;
  /** The code of the first intercepted `process.exit`, once there was one. */
  readonly exitCode: number | undefined;
  /** Runs `fn` (the start of the handler) inside the capture; its async work stays inside. */
  run<T>(fn: () => T): T;
  /** Closes the capture. Idempotent. */
  end(): void;
}

/**
 * Opens a capture: console output of the handler goes to `logs`, `process.exit` resolves `exited`.
 * @param logs - where the handler's console output goes
 */
export function openCapture(logs: LogBuffer): Capture {
  let onExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (onExit = resolve));
  const scope: Scope = { logs, open: true, exitCode: undefined, onExit };
  if (active++ === 0) install();
  return {
    exited,
    get exitCode() {
      return scope.exitCode;
    },
    run: (fn) => storage.run(scope, fn),
    end: () => {
      if (!scope.open) return;
      scope.open = false;
      if (--active === 0) {
        installed?.restore();
        installed = undefined;
      }
    },
  };
}
