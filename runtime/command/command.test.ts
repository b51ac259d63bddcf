/**
 * The command runner against real commands, one test per row of docs/command-protocol.md (shell and Node one-liners),
 * then the bundled Python handler: directly, and through the whole suite by the public API.
 */
import { firstCounterexample } from '../../harness/result.ts';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConformance } from '../../harness/index.ts';
import type { InvocationOutcome } from '../invoker.ts';
import { judgeResult, toLambdaResult, type SyncTriggerEvent } from '../../model/index.ts';
import { createCommandInvoker, type CommandInvokerOptions } from './index.ts';
import { survivors } from './process.test-helpers.ts';
import { scaled } from '../../test/timeScale.test-helpers.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/python/sync_trigger.py', import.meta.url));
// The interpreter itself when it is there: a version manager's shim first on the PATH (pyenv) costs ~0.4 s a call.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const NODE = JSON.stringify(process.execPath);
const DEADLINE_MS = 1500;
/** "Bounded": far above the deadline, far below "never" (the machine is shared and noisy). */
const BOUND_MS = scaled(10_000);

const EVENT = {
  version: 2,
  eventType: 'SyncTrigger',
  region: 'us-east-1',
  identityPoolId: 'us-east-1:0f6c0000-0000-0000-0000-000000000000',
  identityId: 'us-east-1:9a1b0000-0000-0000-0000-000000000000',
  datasetName: 'game_state',
  datasetRecords: { score: { oldValue: '10', newValue: '11', op: 'replace' } },
};

/** One invocation on a fresh invoker, closed afterwards. */
async function once(
  options: CommandInvokerOptions,
  event: unknown = EVENT,
): Promise<InvocationOutcome & { wallMs: number }> {
  const inv = createCommandInvoker(options);
  try {
    await inv.init();
    const started = performance.now();
    const out = await inv.invoke(event);
    return { ...out, wallMs: performance.now() - started };
  } finally {
    await inv.close();
  }
}

describe.concurrent('the command protocol', () => {
  it('exit 0 with JSON on stdout: replied, the text judged as it is', async () => {
    const out = await once({ command: 'cat' });
    expect(out).toMatchObject({ kind: 'replied', json: JSON.stringify(EVENT), coldStart: true });
  });

  it('exit 0 with JSON that is not UTF-8: replied, marked so, and invalid output for the model', async () => {
    // A byte 0xff inside a string: the lossy decoding is valid JSON, the response is not valid UTF-8.
    const out = await once({ command: 'printf \'{"k":"\\377"}\'' });
    expect(out).toMatchObject({ kind: 'replied', json: '{"k":"\ufffd"}', invalidUtf8: true });
    const verdict = judgeResult(EVENT as SyncTriggerEvent, toLambdaResult(out));
    expect(verdict.violations.map((v) => v.code)).toStrictEqual(['reply-not-utf8']);
    const valid = await once({ command: 'printf \'{"k":"\\303\\251"}\'' });
    expect(valid).toMatchObject({ kind: 'replied', json: '{"k":"é"}' });
    expect(valid).not.toHaveProperty('invalidUtf8');
  });

  it('runs a Node one-liner as well (no shell, quotes split as a shell would)', async () => {
    const script =
      'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{const e=JSON.parse(s);' +
      'e.datasetRecords.level={newValue:"2",op:"replace"};console.log(JSON.stringify(e));console.error("node ok")})';
    const out = await once({ command: `${NODE} -e '${script}'`, shell: false });
    expect(out.kind).toBe('replied');
    const reply = JSON.parse(out.kind === 'replied' ? out.json : '{}') as typeof EVENT;
    expect(reply.datasetRecords).toStrictEqual({ ...EVENT.datasetRecords, level: { newValue: '2', op: 'replace' } });
    expect(out.logs).toBe('node ok\n');
  });

  it('gets the event on stdin and a request id, the deadline and `env` in its environment', async () => {
    const inv = createCommandInvoker({
      command:
        'printf \'{"id":"%s","deadline":%s,"extra":"%s","event":%s}\' "$CSC_REQUEST_ID" "$CSC_DEADLINE_EPOCH_MS" "$EXTRA" "$(cat)"',
      env: { EXTRA: 'from env' },
    });
    try {
      await inv.init();
      const before = Date.now();
      const outs = [await inv.invoke(EVENT), await inv.invoke(EVENT)];
      const after = Date.now();
      const replies = outs.map((o) => JSON.parse(o.kind === 'replied' ? o.json : '{}') as Record<string, unknown>);
      for (const r of replies) {
        expect(r).toMatchObject({ extra: 'from env', event: EVENT });
        expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        // The 5 s Cognito budget from the start of the invocation, in epoch ms.
        expect(r.deadline).toBeGreaterThanOrEqual(before + 5000);
        expect(r.deadline).toBeLessThanOrEqual(after + 5000);
      }
      expect(replies[0]?.id).not.toBe(replies[1]?.id);
    } finally {
      await inv.close();
    }
  });

  it('stderr is the logs', async () => {
    const out = await once({ command: 'echo hello-log >&2; cat; echo bye-log >&2' });
    expect(out).toMatchObject({ kind: 'replied', logs: 'hello-log\nbye-log\n' });
  });

  it('exit non-zero with an error payload on stdout: threw with that error', async () => {
    const body = '{"errorType":"ValidationError","errorMessage":"score must be a number","trace":["at a","at b"]}';
    const out = await once({ command: `cat >/dev/null; printf '%s' '${body}'; exit 1` });
    expect(out).toMatchObject({ kind: 'threw', error: JSON.parse(body) as object });
  });

  it('exit non-zero otherwise: threw Command.NonZeroExit, the last stderr line and the stderr tail', async () => {
    const out = await once({ command: 'echo step one >&2; echo Traceback: boom >&2; echo partial; exit 2' });
    expect(out).toMatchObject({
      kind: 'threw',
      error: {
        errorType: 'Command.NonZeroExit',
        errorMessage: 'the command exited with code 2: Traceback: boom',
        trace: ['step one', 'Traceback: boom'],
      },
    });
  });

  it.each([
    ['not JSON', 'echo not-json', /^stdout is not valid JSON \(.*\): "not-json"$/],
    ['empty', 'cat >/dev/null', /nothing on stdout/],
  ])('exit 0 with stdout %s: threw Command.InvalidJson', async (_what, command, message) => {
    const out = await once({ command });
    expect(out).toMatchObject({ kind: 'threw', error: { errorType: 'Command.InvalidJson', errorMessage: message } });
  });

  it('killed by a signal: crashed, naming the signal', async () => {
    const out = await once({ command: 'kill -KILL $$' });
    expect(out).toMatchObject({ kind: 'crashed', detail: 'the command was killed by signal SIGKILL' });
  });

  it('past the deadline: timed-out, and its whole process group killed', async () => {
    // The shell, a background child and a foreground child: each prints its pid.
    const out = await once({
      command: "echo pid $$ >&2; sleep 30 & echo pid $! >&2; sh -c 'echo pid $$ >&2; exec sleep 30'",
      deadlineMs: DEADLINE_MS,
    });
    expect(out).toMatchObject({ kind: 'timed-out', deadlineMs: DEADLINE_MS });
    expect(out.wallMs).toBeLessThan(BOUND_MS);
    const { pids, alive } = await survivors(out.logs);
    expect(pids).toHaveLength(3);
    expect(alive).toStrictEqual([]);
  });

  it('replies and exits, leaving a child holding stdout: replied (not timed out), the child killed', async () => {
    const out = await once({ command: 'sleep 30 & echo pid $! >&2; echo \'{"ok":1}\'', deadlineMs: BOUND_MS });
    expect(out).toMatchObject({ kind: 'replied', json: '{"ok":1}' });
    expect(out.wallMs).toBeLessThan(BOUND_MS);
    const { pids, alive } = await survivors(out.logs);
    expect(pids).toHaveLength(1);
    expect(alive).toStrictEqual([]);
  });

  it("floods stdout: threw Function.ResponseSizeTooLarge (Lambda's payload limit), stopped at the limit", async () => {
    const out = await once({ command: 'yes', maxStdoutBytes: 64 * 1024, deadlineMs: BOUND_MS });
    expect(out).toMatchObject({
      kind: 'threw',
      error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: /The reply was more than 65536 bytes/ },
    });
    expect(out.wallMs).toBeLessThan(BOUND_MS);
  });

  it('runs invocations side by side, each its own process with its own reply', async () => {
    const inv = createCommandInvoker({ command: 'sleep 0.2; cat' });
    try {
      await inv.init();
      const outs = await Promise.all([1, 2, 3].map((n) => inv.invoke({ n })));
      expect(outs.map((o) => (o.kind === 'replied' ? o.json : o.kind))).toStrictEqual([
        '{"n":1}',
        '{"n":2}',
        '{"n":3}',
      ]);
    } finally {
      await inv.close();
    }
  });

  it('close() stops a running command (crashed), is idempotent, and refuses later calls', async () => {
    const inv = createCommandInvoker({ command: 'sleep 30', deadlineMs: scaled(60_000) });
    await inv.init();
    // The command is started by the call itself.
    const pending = inv.invoke(EVENT);
    await inv.close();
    await inv.close();
    const out = await pending;
    expect(out).toMatchObject({ kind: 'crashed', detail: 'the invoker was closed while the command ran' });
    expect(out.ms).toBeLessThan(BOUND_MS);
    await expect(inv.invoke(EVENT)).rejects.toMatchObject({ code: 'E_CLOSED' });
  });
});

describe('a command that cannot run is a harness error at init', () => {
  const dir = join(tmpdir(), `csc-command-${randomUUID()}`);
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'handler.sh'), '#!/bin/sh\ncat\n');
    chmodSync(join(dir, 'handler.sh'), 0o644);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [
      'a program not on the PATH',
      { command: 'no-such-program-csc --flag' },
      /^cannot run "no-such-program-csc --flag": command not found: no-such-program-csc \(not on the PATH\)$/,
    ],
    [
      'the same, without a shell',
      { command: 'no-such-program-csc', shell: false },
      /command not found: no-such-program-csc/,
    ],
    [
      'the same, after an assignment',
      { command: 'LANG=C no-such-program-csc' },
      /command not found: no-such-program-csc/,
    ],
    [
      'a script without the execute bit',
      { command: './handler.sh', cwd: dir },
      /handler\.sh is not an executable file$/,
    ],
    [
      'a missing working directory',
      { command: 'cat', cwd: '/no/such/dir/csc' },
      /working directory of the command not found: \/no\/such\/dir\/csc$/,
    ],
    ['an empty command', { command: '  ' }, /the command is empty/],
  ])('%s', async (_what, options, message) => {
    const inv = createCommandInvoker(options);
    await expect(inv.init()).rejects.toMatchObject({ name: 'HarnessError', code: 'E_COMMAND', message });
  });
});

describe('the Python example (examples/python/sync_trigger.py)', () => {
  const command = `${PYTHON} '${EXAMPLE}'`;

  it('echoes, validates, rewrites and guards null entries', async () => {
    const records = {
      score: { oldValue: '10', newValue: 'ten', op: 'replace' },
      name: { oldValue: 'ann', newValue: 'bob', op: 'replace' },
      temp: { oldValue: 'x', newValue: 'x', op: 'replace' },
      gone: null,
      other: { oldValue: 'a', newValue: 'b', op: 'replace' },
    };
    const out = await once({ command }, { ...EVENT, datasetRecords: records });
    expect(out.kind).toBe('replied');
    expect(JSON.parse(out.kind === 'replied' ? out.json : '{}')).toStrictEqual({
      ...EVENT,
      datasetRecords: {
        score: { oldValue: '10', newValue: '10', op: 'replace' },
        name: { oldValue: 'ann', newValue: 'BOB', op: 'replace' },
        temp: { oldValue: 'x', newValue: 'x', op: 'remove' },
        gone: null,
        other: { oldValue: 'a', newValue: 'b', op: 'replace' },
        schemaVersion: { newValue: '2', op: 'replace' },
      },
    });
    expect(out.logs).toMatch(/score: refused 'ten'/);
  });

  it('reports a failure as a Lambda runtime does: the error payload on stdout and a non-zero exit', async () => {
    const out = await once({ command: `echo not-json | ${command}` });
    expect(out).toMatchObject({ kind: 'threw', error: { errorType: 'JSONDecodeError' } });
    expect(out.kind === 'threw' ? out.error.trace.at(-1) : '').toMatch(/^json\.decoder\.JSONDecodeError: /);
  });

  it(
    'passes every must check of the suite through the public API',
    async () => {
      // Every check through a process per event: five cases each (a Python start per event) say the checks and the
      // command protocol agree; the example's own behaviour is the tests' above.
      const run = await checkConformance({ command, runs: 5, seed: 1, store: false });
      expect(run.target.kind).toBe('command');
      const must = run.checks.filter((c) => c.level === 'must');
      expect(must.length).toBeGreaterThan(0);
      expect(
        must.filter((c) => c.outcome !== 'pass').map((c) => [c.id, c.outcome, firstCounterexample(c)?.messages]),
      ).toStrictEqual([]);
      expect(run.summary.errored).toBe(0);
      expect(run.summary.conformant).toBe(true);
    },
    scaled(120_000),
  );
});
