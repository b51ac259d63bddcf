/**
 * The persistent mode of the command protocol against real processes, one test per row of
 * docs/command-protocol.md's persistent table (shell loops), then the bundled Python example in that mode.
 */
import { firstCounterexample } from '../../harness/result.ts';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../../harness/index.ts';
import type { InvocationOutcome } from '../invoker.ts';
import { createCommandInvoker, type CommandInvokerOptions } from './index.ts';
import { running, survivors } from './process.test-helpers.ts';
import { scaled } from '../../test/timeScale.test-helpers.ts';

const EXAMPLE = fileURLToPath(new URL('../../examples/python/sync_trigger.py', import.meta.url));
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const DEADLINE_MS = 1500;
/** A loop answering each event line with what `reply` prints (`$line` is the event). */
const loop = (reply: string, before = ''): string => `${before} while IFS= read -r line; do ${reply}; done`;

/** Events one after another on a fresh persistent invoker, closed afterwards. */
async function run(
  o: Omit<CommandInvokerOptions, 'persistent'>,
  events: readonly unknown[],
): Promise<InvocationOutcome[]> {
  const inv = createCommandInvoker({ ...o, persistent: true });
  try {
    await inv.init();
    const outs: InvocationOutcome[] = [];
    for (const e of events) outs.push(await inv.invoke(e));
    return outs;
  } finally {
    await inv.close();
  }
}

const replied = (o: InvocationOutcome | undefined): Record<string, unknown> => {
  if (o?.kind !== 'replied') throw new Error(`expected a reply, got ${JSON.stringify(o)}`);
  return JSON.parse(o.json) as Record<string, unknown>;
};

describe.concurrent('the persistent command protocol', () => {
  it('one process answers every event, one line each; the first invocation alone is a cold start', async () => {
    const outs = await run(
      { command: loop(`echo "{\\"pid\\":$$,\\"mode\\":\\"$CSC_PERSISTENT\\",\\"event\\":$line}"`) },
      [{ n: 1 }, { n: 2 }, { n: 3 }],
    );
    expect(outs.map((o) => replied(o).event)).toStrictEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(new Set(outs.map((o) => replied(o).pid)).size).toBe(1);
    expect(replied(outs[0]).mode).toBe('1');
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, false, false]);
  });

  it('a line of ! and an error payload is that error; the process goes on', async () => {
    const body = '{"errorType":"ValidationError","errorMessage":"score must be a number","trace":["at a"]}';
    const outs = await run(
      { command: loop(`case "$line" in *bad*) echo '!${body}';; *) echo "{\\"pid\\":$$}";; esac`) },
      [{ n: 1 }, { bad: true }, { n: 2 }],
    );
    expect(outs[1]).toMatchObject({ kind: 'threw', error: JSON.parse(body) as object });
    expect(replied(outs[2]).pid).toBe(replied(outs[0]).pid);
  });

  it.each([
    ['not JSON', "echo 'not-json'", 'Command.InvalidJson', /^the reply line is not valid JSON \(.*\): "not-json"$/],
    ['empty', 'echo', 'Command.InvalidJson', /the reply line is empty/],
    ['! and no error payload', "echo '!oops'", 'Command.InvalidJson', /an error line must be ! followed by/],
  ])('a reply line %s: threw %s', async (_what, reply, errorType, errorMessage) => {
    const [out] = await run({ command: loop(reply) }, [{}]);
    expect(out).toMatchObject({ kind: 'threw', error: { errorType, errorMessage } });
  });

  it('a reply line that is not UTF-8 is a reply marked so: the model refuses it (reply-not-utf8)', async () => {
    const [out] = await run({ command: loop('printf \'"\\377"\\n\'') }, [{}]);
    expect(out).toMatchObject({ kind: 'replied', invalidUtf8: true });
  });

  it('a line printed while no event is pending is not a reply: set aside in the logs', async () => {
    // Both lines in one write, so that the second is read before the next event goes out.
    const outs = await run({ command: loop(`printf '{"ok":1}\\n{"extra":true}\\n'`) }, [{}, {}]);
    expect(outs.map((o) => replied(o))).toStrictEqual([{ ok: 1 }, { ok: 1 }]);
    expect(outs[1]?.logs).toContain('[stdout, no event pending: "{\\"extra\\":true}"]');
  });

  it('past the deadline: timed-out, its process group killed, a fresh process for the next event', async () => {
    const outs = await run(
      {
        command: loop(
          `case "$line" in *hang*) echo pid $$ >&2; sleep 30 & echo pid $! >&2; wait;; *) echo "{\\"pid\\":$$}";; esac`,
        ),
        deadlineMs: DEADLINE_MS,
      },
      [{}, { hang: true }, {}],
    );
    expect(outs.map((o) => o.kind)).toStrictEqual(['replied', 'timed-out', 'replied']);
    const { pids, alive } = await survivors(outs[1]?.logs ?? '');
    expect(pids).toHaveLength(2);
    expect(alive).toStrictEqual([]);
    expect(replied(outs[2]).pid).not.toBe(replied(outs[0]).pid);
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, false, true]);
  });

  it.each([
    [
      'exits non-zero: threw Command.NonZeroExit, the last stderr line',
      'echo Traceback: boom >&2; exit 3',
      {
        kind: 'threw',
        error: {
          errorType: 'Command.NonZeroExit',
          errorMessage: 'the command exited with code 3 before it replied: Traceback: boom',
        },
      },
    ],
    [
      'exits 0: threw Command.InvalidJson',
      'exit 0',
      {
        kind: 'threw',
        error: { errorType: 'Command.InvalidJson', errorMessage: 'the command exited with code 0 before it replied' },
      },
    ],
    [
      'is killed by a signal: crashed',
      'kill -KILL $$',
      { kind: 'crashed', detail: 'the command was killed by signal SIGKILL' },
    ],
  ])('a process that %s; a fresh one for the next event', async (_what, ending, expected) => {
    const outs = await run({ command: loop(`case "$line" in *end*) ${ending};; *) echo "{\\"pid\\":$$}";; esac`) }, [
      {},
      { end: true },
      {},
    ]);
    expect(outs[1]).toMatchObject(expected);
    expect(running(replied(outs[0]).pid as number)).toBe(false);
    expect(outs[2]).toMatchObject({ kind: 'replied', coldStart: true });
  });

  it("a reply line past Lambda's payload limit: threw Function.ResponseSizeTooLarge, stopped at the limit", async () => {
    const outs = await run(
      { command: loop('case "$line" in *flood*) yes | tr -d "\\n";; *) echo "{}";; esac'), maxStdoutBytes: 64 * 1024 },
      [{ flood: true }, {}],
    );
    expect(outs[0]).toMatchObject({
      kind: 'threw',
      error: { errorType: 'Function.ResponseSizeTooLarge', errorMessage: /The reply was more than 65536 bytes/ },
    });
    expect(outs[1]).toMatchObject({ kind: 'replied', json: '{}', coldStart: true });
  });

  it('close() stops a running invocation (crashed), and refuses later calls', async () => {
    const inv = createCommandInvoker({ command: loop('sleep 30'), persistent: true, deadlineMs: scaled(60_000) });
    await inv.init();
    const pending = inv.invoke({});
    await new Promise((r) => setTimeout(r, 200));
    await inv.close();
    expect(await pending).toMatchObject({ kind: 'crashed', detail: 'the invoker was closed while the command ran' });
    await expect(inv.invoke({})).rejects.toMatchObject({ code: 'E_CLOSED' });
  });
});

describe('the Python example in persistent mode', () => {
  const command = `${PYTHON} '${EXAMPLE}' --persistent`;

  it('answers each event on its line, an error as ! and the error payload, in one process', async () => {
    const records = { name: { oldValue: 'ann', newValue: 'bob', op: 'replace' }, gone: null };
    const outs = await run({ command }, [{ eventType: 'SyncTrigger', datasetRecords: records }, 'not an event', 7]);
    expect(replied(outs[0]).datasetRecords).toStrictEqual({
      name: { oldValue: 'ann', newValue: 'BOB', op: 'replace' },
      gone: null,
      schemaVersion: { newValue: '2', op: 'replace' },
    });
    expect(outs[1]).toMatchObject({ kind: 'replied', json: '"not an event"' });
    expect(outs.map((o) => o.coldStart)).toStrictEqual([true, false, false]);
  });

  it(
    'passes every must check of the suite through the public API',
    async () => {
      const run = await checkConformance({ command, persistent: true, runs: 15, seed: 1, store: false });
      expect(run.target).toMatchObject({
        kind: 'command',
        description: expect.stringContaining('(persistent)') as string,
      });
      const must = run.checks.filter((c) => c.level === 'must');
      expect(
        must.filter((c) => c.outcome !== 'pass').map((c) => [c.id, c.outcome, firstCounterexample(c)?.messages]),
      ).toStrictEqual([]);
      expect(run.summary.errored).toBe(0);
      expect(run.summary.conformant).toBe(true);
    },
    scaled(120_000),
  );
});

describe('the sessions/ checks through a persistent command', () => {
  /** A Node program that bumps a counter it keeps in memory into one record, on every event. */
  const counter = [
    'let runs = 0;',
    "require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {",
    '  const e = JSON.parse(line); runs += 1;',
    "  if (e && e.datasetRecords && Object.keys(e.datasetRecords).length < 1000) e.datasetRecords.syncRuns = { newValue: String(runs), op: 'replace' };",
    "  process.stdout.write(JSON.stringify(e) + '\\n');",
    '});',
  ].join(' ');

  it(
    'flag what they flag in a module: its retries count twice and every sync changes the dataset',
    async () => {
      const run = await checkConformance({
        command: `${JSON.stringify(process.execPath)} -e ${JSON.stringify(counter)}`,
        persistent: true,
        checks: ['sessions'],
        runs: 25,
        seed: 20261122,
        store: false,
      });
      const outcome = Object.fromEntries(run.checks.map((c) => [c.id, c.outcome]));
      // As bad-run-counter.mjs in the kill matrix: the same checks, through the command protocol.
      expect(outcome).toStrictEqual({
        'sessions/converge': 'pass',
        'sessions/no-conflict-loop': 'fail',
        'sessions/no-churn-across-devices': 'fail',
        'sessions/deletes-stay-deleted': 'pass',
        'sessions/retry-safe': 'fail',
      });
      const cx = firstCounterexample(run.checks.find((c) => c.id === 'sessions/retry-safe'));
      expect(cx?.timeline?.rows.some((r) => r.kind === 'reply' && r.text.includes('syncRuns'))).toBe(true);
    },
    scaled(120_000),
  );
});
