/**
 * Lambda functions of the emulator: local handler modules registered by name and run by the harness's local runner
 * (worker isolation, runtime profiles). One invoker per function, created on first use: one warm execution
 * environment, so invocations of a function take turns, as a function with reserved concurrency 1 does.
 */
import { createLocalInvoker, parseHandlerRef, resolveModulePath } from '../runtime/node/index.ts';
import { isHarnessError, HarnessError } from '../runtime/errors.ts';
import type { Invoker, InvocationOutcome } from '../runtime/invoker.ts';
import { RUNTIME_PROFILES } from '../runtime/targetDefaults.ts';
import { HANDLER_DEADLINE_MS } from '../model/index.ts';
import { KeyedLock } from './context.ts';
import type { FunctionSpec } from './types.ts';

/** The account id of every emulated ARN. */
export const ACCOUNT_ID = '123456789012';

/**
 * The timeout of every emulated function: past it Lambda reports `Task timed out`. A second more than the Sync
 * Trigger's 5 s budget, so that a late reply is still measured (and judged late) rather than cut off.
 */
export const FUNCTION_TIMEOUT_MS = HANDLER_DEADLINE_MS + 1000;

/** Lambda's function name pattern. */
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** What the Lambda runtime reports when a module cannot be loaded, by harness error code. */
const INIT_ERRORS: Readonly<Record<string, string>> = {
  E_HANDLER_LOAD: 'Runtime.ImportModuleError',
  E_HANDLER_SYNTAX: 'Runtime.UserCodeSyntaxError',
  E_HANDLER_EXPORT: 'Runtime.HandlerNotFound',
};

/** An invocation: `started` when the function's environment takes it, `done` with its outcome. */
export interface Call {
  readonly started: Promise<void>;
  readonly done: Promise<InvocationOutcome>;
}

/** The registry of functions. */
export class Functions {
  private readonly invokers = new Map<string, Invoker>();
  /** One environment per function: its invocations take turns. */
  private readonly turns = new KeyedLock();

  /**
   * @param specs - functions by name
   * @param region - the region of their ARNs
   * @throws HarnessError `E_OPTION` for a bad name or runtime, `E_HANDLER_LOAD` for a module file that is missing
   */
  constructor(
    private readonly specs: Readonly<Record<string, FunctionSpec>>,
    readonly region: string,
  ) {
    for (const [name, spec] of Object.entries(specs)) {
      if (!NAME.test(name))
        throw new HarnessError('E_OPTION', `function name "${name}": Lambda allows 1–64 of a-z A-Z 0-9 _ -`);
      if (spec.runtime !== undefined && !RUNTIME_PROFILES.includes(spec.runtime))
        throw new HarnessError('E_OPTION', `function ${name}: unknown runtime ${spec.runtime}`);
      resolveModulePath(parseHandlerRef(spec.handler).modulePath);
    }
  }

  /** The function name of a name, an ARN or a partial ARN (`…function:name[:qualifier]`), if registered. */
  resolve(ref: string): string | undefined {
    const m = /(?:^|:)function:([^:]+)(?::[^:]+)?$/.exec(ref);
    const name = m?.[1] ?? ref;
    return Object.prototype.hasOwnProperty.call(this.specs, name) ? name : undefined;
  }

  arn(name: string): string {
    return `arn:aws:lambda:${this.region}:${ACCOUNT_ID}:function:${name}`;
  }

  names(): string[] {
    return Object.keys(this.specs);
  }

  spec(name: string): FunctionSpec | undefined {
    return this.specs[name];
  }

  /**
   * Invokes a registered function once its environment is free.
   * @param name - a registered name (see `resolve`)
   * @param event - the payload
   * @param deadlineMs - the function timeout: past it the environment is torn down
   */
  invoke(name: string, event: unknown, deadlineMs: number): Call {
    let start = (): void => undefined;
    const started = new Promise<void>((resolve) => {
      start = resolve;
    });
    const done = this.turns.run(name, () => {
      start();
      return this.run(name, event, deadlineMs);
    });
    return { started, done };
  }

  private async run(name: string, event: unknown, deadlineMs: number): Promise<InvocationOutcome> {
    let invoker = this.invokers.get(name);
    if (!invoker) {
      const spec = this.specs[name];
      if (!spec) throw new Error(`no function ${name}`);
      invoker = createLocalInvoker({
        ...parseHandlerRef(spec.handler),
        runtime: spec.runtime ?? 'nodejs22.x',
        isolation: 'worker',
        functionName: name,
        region: this.region,
      });
      this.invokers.set(name, invoker);
    }
    try {
      return await invoker.invoke(event, { deadlineMs });
    } catch (e) {
      // A module that does not load fails every invocation, as Lambda retries the init each time.
      const errorType = isHarnessError(e) ? INIT_ERRORS[e.code] : undefined;
      if (!errorType || !(e instanceof Error)) throw e;
      const error = { errorType, errorMessage: e.message, trace: [] };
      return { kind: 'threw', error, ms: 0, logs: `${errorType}: ${e.message}\n`, coldStart: true };
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.invokers.values()].map((i) => i.close()));
    this.invokers.clear();
  }
}
