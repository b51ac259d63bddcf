/**
 * The Runtime API target against two more runtime clients: a custom runtime in POSIX sh and curl
 * (fixtures/runtimes/shell), and AWS's own Node runtime interface client, `aws-lambda-ric`.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { survivors } from '../command/process.test-helpers.ts';
import { createRuntimeApiInvoker } from './index.ts';
import { EVENT, invokeAll, NODE_HANDLERS, reply, SHELL_BOOTSTRAP, SHELL_HANDLERS } from './e2e.test-helpers.ts';

const shellRuntime = (handler: string, deadlineMs?: number) =>
  createRuntimeApiInvoker({
    bootstrap: SHELL_BOOTSTRAP,
    cwd: SHELL_HANDLERS,
    env: { _HANDLER: handler },
    ...(deadlineMs ? { deadlineMs } : {}),
  });

describe.concurrent('a custom runtime in sh and curl', () => {
  it('replies with the event, warm: one process answers every event', async () => {
    const echoes = await invokeAll(shellRuntime('function.echo_handler'), [EVENT, { n: 2 }]);
    expect(echoes.map((o) => reply(o))).toStrictEqual([EVENT, { n: 2 }]);
    const outs = await invokeAll(shellRuntime('function.pid_handler'), [EVENT, EVENT, EVENT]);
    expect(new Set(outs.map((o) => reply(o).pid)).size).toBe(1);
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, false, false]);
    expect(outs[1]?.logs).toMatch(/^handled by \d+\n$/);
  });

  it('a failing function is the error it posts to …/error', async () => {
    const [out] = await invokeAll(shellRuntime('function.error_handler'), [EVENT]);
    expect(out).toMatchObject({
      kind: 'threw',
      error: { errorType: 'ShellError', errorMessage: 'error_handler failed' },
      logs: 'refusing the event\n',
    });
  });

  it('a missing handler file is the init error it posts to …/init/error, for every invocation', async () => {
    const invoker = shellRuntime('nofile.handler');
    const info = await invoker.init();
    expect(info.initError).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: /no such file: .*nofile\.sh/,
    });
    expect(await invoker.invoke(EVENT)).toMatchObject({ kind: 'threw', error: info.initError });
    await invoker.close();
  });

  it('a hang is timed-out, the runtime and what it started killed', async () => {
    const [out] = await invokeAll(shellRuntime('function.hang_handler', 1500), [EVENT]);
    expect(out).toMatchObject({ kind: 'timed-out', deadlineMs: 1500 });
    const { pids, alive } = await survivors(out?.logs ?? '');
    expect(pids).toHaveLength(2);
    expect(alive).toStrictEqual([]);
  });
});

describe.concurrent("AWS's Node runtime interface client (aws-lambda-ric)", () => {
  const RIC = fileURLToPath(new URL('../../node_modules/aws-lambda-ric/bin/index.mjs', import.meta.url));
  const nodeRuntime = (handler: string) =>
    createRuntimeApiInvoker({ bootstrap: `'${process.execPath}' '${RIC}' ${handler}`, cwd: NODE_HANDLERS });

  it('runs a Node handler warm: context from the invocation headers, state kept across invocations', async () => {
    const outs = await invokeAll(nodeRuntime('index.counter'), [EVENT, EVENT, EVENT]);
    expect(outs.map((o) => reply(o).calls)).toStrictEqual([1, 2, 3]);
    expect(new Set(outs.map((o) => reply(o).pid)).size).toBe(1);
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, false, false]);
    const first = reply(outs[0]);
    expect(first.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.remainingMs).toBeGreaterThan(0);
    expect(first.remainingMs).toBeLessThanOrEqual(5000);
    // The client's own log format: time, request id, level, message.
    expect(outs[1]?.logs).toMatch(new RegExp(`\\t${String(reply(outs[1]).requestId)}\\tINFO\\tcounted 2\\n`));
  });

  it('a thrown error is the error payload the client posts; a callback handler replies too', async () => {
    const [failed] = await invokeAll(nodeRuntime('index.fails'), [EVENT]);
    expect(failed).toMatchObject({
      kind: 'threw',
      error: { errorType: 'TypeError', errorMessage: 'score must be a number' },
    });
    expect(failed?.kind === 'threw' ? failed.error.trace[0] : '').toBe('TypeError: score must be a number');
    const [called] = await invokeAll(nodeRuntime('index.callback'), [{ n: 1 }]);
    expect(reply(called)).toStrictEqual({ n: 1, via: 'callback' });
  });

  it('a handler it cannot find is the init error it posts', async () => {
    const invoker = nodeRuntime('index.nothing');
    const info = await invoker.init();
    await invoker.close();
    expect(info.initError).toMatchObject({ errorType: 'Runtime.HandlerNotFound' });
  });
});
