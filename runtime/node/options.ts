/** Options of the local module runner, and their resolution against `LOCAL_DEFAULTS`. */
import { basename, dirname } from 'node:path';
import { LOCAL_DEFAULTS, type Isolation } from '../targetDefaults.ts';
import { handlerEnvironment } from '../environment.ts';
import type { RuntimeProfile } from '../targetDefaults.ts';
import type { HostConfig } from './protocol.ts';
import { coverageScope } from './coverageScope.ts';
import { resolveModulePath } from './handlerRef.ts';

/** Options of `createLocalInvoker`. */
export interface LocalInvokerOptions {
  /** The handler module (`.js`, `.mjs`, `.cjs`, `.ts`, `.mts`, `.cts`), relative to `cwd`. */
  readonly modulePath: string;
  /** The export holding the handler; a dotted path reaches into an object. @defaultValue 'handler' */
  readonly exportName?: string;
  /** The Lambda runtime profile emulated. @defaultValue 'nodejs22.x' */
  readonly runtime?: RuntimeProfile;
  /**
   * `worker`: a long-lived worker thread in a sandbox process of its own (module state persists, like a warm
   * Lambda; heap capped). Stops an endless loop, a hang, `process.exit` and a heap bomb, each followed by a fresh
   * thread; `process.kill(process.pid)` or a native crash take down the sandbox, which is started again.
   * `process`: the handler is the main thread of a sandbox process, for handlers that need a whole process
   * (`process.chdir`, native addons, signals); started again after each crash or timeout.
   * Neither can reach the tool's process (no inspector, no shared thread); see the README's threat model.
   * `in-process`: no isolation, for trusted code only: fastest; cannot stop an endless loop (it hangs the tool),
   * contain a crash, see the event loop empty (see `inProcess.ts`), or keep the tool's environment from it.
   * @defaultValue 'worker'
   */
  readonly isolation?: Isolation;
  /**
   * Memory size in the context, and the heap cap of a worker or child (V8's old generation). Memory outside the
   * JavaScript heap (Buffers, typed arrays) is watched instead: an isolate that grows by more than twice this plus
   * 256 MB during an invocation is stopped and the invocation reported `crashed` (out of memory). @defaultValue 512
   */
  readonly memoryLimitMb?: number;
  /** `context.functionName`. @defaultValue 'cognito-sync-trigger' */
  readonly functionName?: string;
  /** Region in `context.invokedFunctionArn`. @defaultValue 'us-east-1' */
  readonly region?: string;
  /** Hard deadline of an invocation (overridable per call). @defaultValue 6000 ms (5 s budget + 1 s grace) */
  readonly deadlineMs?: number;
  /** What `getRemainingTimeInMillis()` counts down from. @defaultValue 5000 ms */
  readonly functionTimeoutMs?: number;
  /** Limit on loading the module. @defaultValue 10 000 ms */
  readonly initTimeoutMs?: number;
  /**
   * Environment variables given to the handler (worker and process isolation), over the Lambda ones it always gets
   * (`runtime/environment.ts`). The tool's own environment is never passed on. @defaultValue none
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Names of the tool's own environment variables to pass on to the handler, on purpose. @defaultValue none */
  readonly passEnv?: readonly string[];
  /** What a relative `modulePath` is relative to. @defaultValue `process.cwd()` */
  readonly cwd?: string;
  /**
   * Measure the handler's own code coverage (`worker` and `process` isolation; see `coverage.ts`), read with
   * the invoker's `coverage()`. @defaultValue false
   */
  readonly coverage?: boolean;
}

/** Options with every default filled and the module path made absolute. */
export interface ResolvedLocalOptions {
  readonly isolation: Isolation;
  readonly deadlineMs: number;
  readonly initTimeoutMs: number;
  readonly config: HostConfig;
  /** The whole environment of the process the handler runs in (worker and process isolation). */
  readonly env: Readonly<Record<string, string>>;
}

/**
 * Fills the defaults and finds the module file.
 * @param o - the options
 * @throws HarnessError `E_HANDLER_LOAD` when the module file does not exist
 */
export function resolveLocalOptions(o: LocalInvokerOptions): ResolvedLocalOptions {
  const d = LOCAL_DEFAULTS;
  const config: HostConfig = {
    modulePath: resolveModulePath(o.modulePath, o.cwd),
    exportName: o.exportName ?? d.exportName,
    runtime: o.runtime ?? d.runtime,
    functionName: o.functionName ?? d.functionName,
    memoryLimitMb: o.memoryLimitMb ?? d.memoryLimitMb,
    region: o.region ?? d.region,
    accountId: d.accountId,
    functionTimeoutMs: o.functionTimeoutMs ?? d.functionTimeoutMs,
  };
  return {
    isolation: o.isolation ?? d.isolation,
    deadlineMs: o.deadlineMs ?? d.deadlineMs,
    initTimeoutMs: o.initTimeoutMs ?? d.initTimeoutMs,
    config: o.coverage ? { ...config, coverage: coverageScope(config.modulePath) } : config,
    env: handlerEnvironment({
      region: config.region,
      functionName: config.functionName,
      memoryLimitMb: config.memoryLimitMb,
      runtime: config.runtime,
      handler: `${basename(config.modulePath).replace(/\.[^.]*$/, '')}.${config.exportName}`,
      taskRoot: dirname(config.modulePath),
      ...(o.env ? { user: o.env } : {}),
      ...(o.passEnv ? { passThrough: o.passEnv } : {}),
    }),
  };
}

/** The short description of a module target (`module ./h.js#handler on nodejs22.x (worker)`). */
export function describeModule(o: LocalInvokerOptions): string {
  const d = LOCAL_DEFAULTS;
  return `module ${o.modulePath}#${o.exportName ?? d.exportName} on ${o.runtime ?? d.runtime} (${o.isolation ?? d.isolation})`;
}
