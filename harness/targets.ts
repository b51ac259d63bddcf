/**
 * Builds invokers for a resolved target. Each call of the factory makes a fresh, independent isolate (one per
 * lane). The AWS SDK is loaded only for a deployed-Lambda target: it costs most of a second to import.
 */
import { createRuntimeApiInvoker } from '../runtime/api/index.ts';
import { createCommandInvoker } from '../runtime/command/index.ts';
import type { Invoker } from '../runtime/invoker.ts';
import { createLocalInvoker } from '../runtime/node/index.ts';
import type { ResolvedOptions } from './options.ts';

/** A factory of invokers for the run's target. */
export async function invokerFactory(o: ResolvedOptions): Promise<() => Invoker> {
  const t = o.target;
  switch (t.kind) {
    case 'module':
      return () =>
        createLocalInvoker({
          modulePath: t.modulePath,
          exportName: t.exportName,
          runtime: o.runtime,
          isolation: o.isolation,
          env: o.handlerEnv.user,
          passEnv: o.handlerEnv.passThrough,
          initTimeoutMs: o.initTimeoutMs,
          coverage: o.coverage.measured,
        });
    case 'command':
      return () =>
        createCommandInvoker({
          command: t.command,
          env: o.handlerEnv.user,
          passEnv: o.handlerEnv.passThrough,
          ...(t.persistent ? { persistent: true } : {}),
        });
    case 'bootstrap':
      return () =>
        createRuntimeApiInvoker({
          bootstrap: t.command,
          env: o.handlerEnv.user,
          passEnv: o.handlerEnv.passThrough,
          initTimeoutMs: o.initTimeoutMs,
        });
    case 'lambda': {
      const { createLambdaInvoker } = await import('../runtime/lambda/index.ts');
      return () =>
        createLambdaInvoker({
          functionName: t.functionName,
          ...(t.endpoint ? { endpoint: t.endpoint } : {}),
          ...(t.region ? { region: t.region } : {}),
          ...(t.profile ? { profile: t.profile } : {}),
        });
    }
  }
}
