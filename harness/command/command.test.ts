/**
 * The command runner (docs/command-protocol.md): the bundled Python handler passes the suite through it, and a
 * command's failures come back as the outcomes the protocol names.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../index.ts';
import { createCommandInvoker } from './index.ts';

const python = fileURLToPath(new URL('../../examples/python/sync_trigger.py', import.meta.url));
const event = {
  version: 2,
  eventType: 'SyncTrigger',
  region: 'us-east-1',
  identityPoolId: 'p',
  identityId: 'i',
  datasetName: 'd',
  datasetRecords: {},
};

describe('the command runner', () => {
  it('runs the Python example handler through the suite: it passes', async () => {
    const run = await checkConformance({
      command: `python3 ${python}`,
      checks: ['reply', 'robustness/null-entries', 'data'],
      runs: 10,
      seed: 3,
      store: false,
    });
    expect(run.checks.map((c) => `${c.id}:${c.outcome}`).filter((x) => !x.endsWith(':pass'))).toStrictEqual([]);
    expect(run.target.kind).toBe('command');
  }, 120_000);

  it.each([
    ['echo', 'cat', { kind: 'replied' }],
    [
      'a JSON error body and exit 1',
      `printf '{"errorType":"Bad","errorMessage":"no"}'; exit 1`,
      { kind: 'threw', error: { errorType: 'Bad', errorMessage: 'no' } },
    ],
    ['exit 2 with stderr', 'echo oops >&2; exit 2', { kind: 'threw', error: { errorType: 'Command.NonZeroExit' } }],
    ['output that is not JSON', 'echo not-json', { kind: 'threw', error: { errorType: 'Command.InvalidJson' } }],
    ['a command past the deadline', 'sleep 30', { kind: 'timed-out' }],
  ])(
    '%s',
    async (_what, command, expected) => {
      const inv = createCommandInvoker({ command, deadlineMs: 1500 });
      await inv.init();
      try {
        expect(await inv.invoke(event)).toMatchObject(expected);
      } finally {
        await inv.close();
      }
    },
    30_000,
  );

  it('captures stderr as the logs', async () => {
    const inv = createCommandInvoker({ command: 'echo hello-log >&2; cat' });
    await inv.init();
    const out = await inv.invoke(event);
    expect(out.logs).toContain('hello-log');
    await inv.close();
  });

  it('says clearly when the program does not exist', async () => {
    const inv = createCommandInvoker({ command: 'no-such-program-csc --flag' });
    await expect(inv.init()).rejects.toMatchObject({ code: 'E_COMMAND', message: /no-such-program-csc/ });
  });
});
