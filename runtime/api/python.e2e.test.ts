/**
 * The Runtime API target against a real runtime: the standard-library Python client (fixtures/runtimes/python),
 * one test per row of docs/runtime-api.md — replies, errors, init errors, a hang, a crash, warm state — and the
 * ways a runtime can fail to start.
 */
import { describe, expect, it } from 'vitest';
import { survivors, running } from '../command/process.test-helpers.ts';
import { createRuntimeApiInvoker } from './index.ts';
import { EVENT, invokeAll, pythonRuntime, reply } from './e2e.test-helpers.ts';

const DEADLINE_MS = 1500;

describe.concurrent('a Python runtime through the Lambda Runtime API', () => {
  it('stays warm: one process answers every event, the first invocation alone is a cold start', async () => {
    const outs = await invokeAll(pythonRuntime('handlers.counter'), [EVENT, EVENT, EVENT]);
    expect(outs.map((o) => reply(o).calls)).toStrictEqual([1, 2, 3]);
    expect(new Set(outs.map((o) => reply(o).pid)).size).toBe(1);
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, false, false]);
  });

  it("gives the runtime the invocation headers and the Lambda environment, never the tool's own", async () => {
    process.env.CSC_TEST_SECRET = 'the-tools-own-secret';
    try {
      const before = Date.now();
      const [out] = await invokeAll(pythonRuntime('handlers.context_info'), [EVENT]);
      const r = reply(out);
      expect(r.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.arn).toBe('arn:aws:lambda:us-east-1:123456789012:function:cognito-sync-trigger');
      expect(r.traceId).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
      // Counted down from the 5 s Cognito budget.
      expect(r.remainingMs).toBeGreaterThan(0);
      expect(r.remainingMs).toBeLessThanOrEqual(5000 + (Date.now() - before));
      expect(r).toMatchObject({ handler: 'function.handler', region: 'us-east-1', secret: null });
      expect(r.runtimeApi).toMatch(/^127\.0\.0\.1:\d+$/);
    } finally {
      delete process.env.CSC_TEST_SECRET;
    }
  });

  it('a handler error is the error payload the runtime posts, stackTrace as the trace', async () => {
    const [out] = await invokeAll(pythonRuntime('handlers.fail'), [EVENT]);
    expect(out).toMatchObject({
      kind: 'threw',
      error: { errorType: 'ValueError', errorMessage: 'score must be a number' },
    });
    expect(out?.kind === 'threw' ? out.error.trace.join('\n') : '').toMatch(/handlers\.py.*in fail/);
  });

  it('an init error (POST /init/error) is reported by every invocation, as Lambda does', async () => {
    const invoker = pythonRuntime('no_such_module.handler');
    const info = await invoker.init();
    expect(info.initError).toMatchObject({
      errorType: 'Runtime.ImportModuleError',
      errorMessage: /Unable to import module 'no_such_module.handler': No module named 'no_such_module'/,
    });
    const outs = [await invoker.invoke(EVENT), await invoker.invoke(EVENT)];
    await invoker.close();
    for (const o of outs) expect(o).toMatchObject({ kind: 'threw', error: info.initError, ms: 0 });
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, false]);
  });

  it('past the deadline: timed-out, the runtime killed, and a fresh one (a cold start) for the next event', async () => {
    const outs = await invokeAll(pythonRuntime('handlers.hang_on_hang', { deadlineMs: DEADLINE_MS }), [
      EVENT,
      { ...EVENT, hang: true },
      EVENT,
      EVENT,
    ]);
    expect(outs.map((o) => o.kind)).toStrictEqual(['replied', 'timed-out', 'replied', 'replied']);
    expect(outs[1]).toMatchObject({ deadlineMs: DEADLINE_MS, logs: /hanging in pid \d+/ });
    const { pids, alive } = await survivors(outs[1]?.logs ?? '');
    expect(pids).toStrictEqual([reply(outs[0]).pid]);
    expect(alive).toStrictEqual([]);
    expect(reply(outs[2]).pid).not.toBe(reply(outs[0]).pid);
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, false, true, false]);
    // Its start-up is not its time: the fresh runtime's reply is timed from the hand-over.
    expect(outs[2]?.ms).toBeLessThan(DEADLINE_MS);
  });

  it('a runtime that dies mid-invocation: crashed, and a fresh one for the next event', async () => {
    const outs = await invokeAll(pythonRuntime('handlers.crash_on_crash'), [EVENT, { ...EVENT, crash: true }, EVENT]);
    expect(outs[1]).toMatchObject({ kind: 'crashed', detail: 'the runtime was killed by signal SIGKILL' });
    expect(running(reply(outs[0]).pid as number)).toBe(false);
    expect(reply(outs[2]).pid).not.toBe(reply(outs[0]).pid);
    expect(outs[2]?.coldStart).toBe(true);
  });

  it('a response past the 6 MB payload limit is Function.ResponseSizeTooLarge, and the runtime goes on', async () => {
    const outs = await invokeAll(pythonRuntime('handlers.too_large'), [EVENT, EVENT]);
    for (const o of outs) {
      expect(o).toMatchObject({
        kind: 'threw',
        error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: /more than 6291556 bytes/ },
      });
    }
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, false]);
  });

  it("the runtime's stdout and stderr are the logs of the invocation they arrive in", async () => {
    const outs = await invokeAll(pythonRuntime('handlers.logs'), [EVENT, EVENT]);
    for (const o of outs) expect(o.logs).toMatch(/to stdout\n[^]*to stderr\n|to stderr\n[^]*to stdout\n/);
    expect(outs[1]?.logs.match(/to stdout/g)).toHaveLength(1);
  });

  it('a runtime that exits after each answer is started again for the next event', async () => {
    // One event, one answer, exit: curl in a shell.
    const api = 'http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation';
    const bootstrap = `H=$(mktemp); E=$(curl -sS -D "$H" ${api}/next); ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$H" | tr -d '[:space:]' | cut -d: -f2); rm -f "$H"; curl -sS -o /dev/null -X POST --data-binary "$E" ${api}/$ID/response`;
    const outs = await invokeAll(createRuntimeApiInvoker({ bootstrap }), [{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(outs.map((o) => reply(o).n)).toStrictEqual([1, 2, 3]);
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, true, true]);
  });

  it('a runtime still busy long after its answer is replaced before the next event goes out', async () => {
    // Answers, then does 30 s of work before it asks again.
    const api = 'http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation';
    const bootstrap = `H=$(mktemp); while :; do E=$(curl -sS -D "$H" ${api}/next); ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$H" | tr -d '[:space:]' | cut -d: -f2); curl -sS -o /dev/null -X POST --data-binary "$E" ${api}/$ID/response; sleep 30; done`;
    const outs = await invokeAll(createRuntimeApiInvoker({ bootstrap, deadlineMs: 1000 }), [{ n: 1 }, { n: 2 }]);
    expect(outs.map((o) => reply(o).n)).toStrictEqual([1, 2]);
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, true]);
    expect(outs[1]?.logs).toContain('did not ask for the next invocation within 1000 ms of its last answer');
    // The wait is not the reply's time.
    expect(outs[1]?.ms).toBeLessThan(1000);
  });

  it('close() stops a running invocation (crashed), is idempotent, and refuses later calls', async () => {
    const invoker = pythonRuntime('handlers.hang_on_hang', { deadlineMs: 60_000 });
    await invoker.init();
    const pending = invoker.invoke({ hang: true });
    await new Promise((r) => setTimeout(r, 200));
    await invoker.close();
    await invoker.close();
    expect(await pending).toMatchObject({ kind: 'crashed', detail: 'the invoker was closed while the runtime ran' });
    await expect(invoker.invoke(EVENT)).rejects.toMatchObject({ code: 'E_CLOSED' });
  });
});

describe.concurrent('a runtime that cannot start is a harness error at init', () => {
  it.each([
    [
      'it exits before asking for an invocation',
      { bootstrap: 'echo starting up >&2; echo loading config; exit 3' },
      /^the runtime ".*" exited with code 3 before it asked for an invocation \(GET \/2018-06-01\/runtime\/invocation\/next\); its last output:\nstarting up\nloading config$/,
    ],
    [
      'it never asks for an invocation (a --command program, reading stdin)',
      { bootstrap: 'echo pid $$ >&2; cat', initTimeoutMs: 300 },
      /did not ask for an invocation \(GET \/2018-06-01\/runtime\/invocation\/next\) within 300 ms of its start; a program that reads the event on stdin runs with --command/,
    ],
    [
      'its program is not on the PATH',
      { bootstrap: 'no-such-runtime-csc app.handler' },
      /command not found: no-such-runtime-csc/,
    ],
  ])('%s', async (_what, options, message) => {
    const invoker = createRuntimeApiInvoker(options);
    const e = await invoker.init().then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    await invoker.close();
    expect(e).toMatchObject({ name: 'HarnessError', code: 'E_COMMAND', message });
    // Nothing of it is left running.
    expect((await survivors(e?.message ?? '')).alive).toStrictEqual([]);
  });
});
