/**
 * The local module runner: a Node Lambda handler module run like the AWS Lambda Node runtime runs it (every handler
 * style, the runtime profiles nodejs18.x–24.x, the invocation context, `JSON.stringify` of the result), in a worker
 * thread (default), a child process, or in-process.
 */
import type { Invoker } from '../invoker.ts';
import { InProcessInvoker } from './inProcess.ts';
import { IsolatedInvoker } from './isolatedInvoker.ts';
import type { LocalInvokerOptions } from './options.ts';

export type { LocalInvokerOptions } from './options.ts';
export { parseHandlerRef, resolveModulePath } from './handlerRef.ts';

/**
 * An invoker for a handler module. Nothing is loaded until `init()` (or the first `invoke`); a missing module,
 * a syntax error or a missing export is a `HarnessError` (`E_HANDLER_LOAD`, `E_HANDLER_SYNTAX`, `E_HANDLER_EXPORT`).
 * @param options - the module, the runtime profile, the isolation and limits
 * @example
 * const invoker = createLocalInvoker({ modulePath: './handler.mjs', runtime: 'nodejs20.x' });
 * const { style } = await invoker.init();
 * const outcome = await invoker.invoke(event); // { kind: 'replied', json, ms, logs, coldStart }
 * await invoker.close();
 */
export function createLocalInvoker(options: LocalInvokerOptions): Invoker {
  return options.isolation === 'in-process' ? new InProcessInvoker(options) : new IsolatedInvoker(options);
}
