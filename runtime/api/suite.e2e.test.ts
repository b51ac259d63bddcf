/**
 * Whole suite runs through the Runtime API, by the public API: a runtime that starts slowly (two seconds before its
 * first poll, standing in for a JVM) and a Node handler through AWS's runtime interface client.
 */
import { troubleText } from '../../reports/format.ts';
import { firstCounterexample } from '../../harness/result.ts';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkConformance } from '../../harness/index.ts';
import { SHELL_BOOTSTRAP, SLOW_START_BOOTSTRAP } from './e2e.test-helpers.ts';
import { scaled } from '../../test/timeScale.test-helpers.ts';

describe('whole suite runs through the Lambda Runtime API', () => {
  it(
    "a runtime that takes 2 s to start passes the default suite: its start-up is never a check's time",
    async () => {
      const run = await checkConformance({ bootstrap: SLOW_START_BOOTSTRAP, seed: 1, store: false });
      expect(run.target.kind).toBe('bootstrap');
      expect(
        run.checks.filter((c) => c.outcome !== 'pass').map((c) => [c.id, c.outcome, troubleText(c)]),
      ).toStrictEqual([]);
      expect(run.summary).toMatchObject({ timedOut: 0, errored: 0, skipped: 0, partial: false, conformant: true });
      // The default number of cases ran (none cut short by a time limit).
      expect(run.checks.find((c) => c.id === 'reply/shape')?.runs).toBe(run.options.runs);
    },
    scaled(300_000),
  );

  it('a runtime that fails its init fails runtime/style-supported with its init error', async () => {
    const run = await checkConformance({
      bootstrap: SHELL_BOOTSTRAP,
      env: { _HANDLER: 'missing.handler' },
      checks: ['runtime/style-supported'],
      store: false,
    });
    expect(run.checks[0]?.outcome).toBe('fail');
    expect(firstCounterexample(run.checks[0])?.messages).toStrictEqual([
      expect.stringMatching(
        /^the runtime reports an error at init: Runtime\.ImportModuleError: no such file: .*missing\.sh$/,
      ),
    ]);
  });

  it(
    "the bundled Node sample passes every must check through AWS's aws-lambda-ric",
    async () => {
      const ric = fileURLToPath(new URL('../../node_modules/aws-lambda-ric/bin/index.mjs', import.meta.url));
      const examples = fileURLToPath(new URL('../../examples', import.meta.url));
      // The client loads the handler from its working directory.
      const bootstrap = `cd '${examples}' && exec '${process.execPath}' '${ric}' sample-handler.handler`;
      const run = await checkConformance({ bootstrap, runs: 5, seed: 1, store: false });
      const must = run.checks.filter((c) => c.level === 'must');
      expect(
        must.filter((c) => c.outcome !== 'pass').map((c) => [c.id, c.outcome, firstCounterexample(c)?.messages]),
      ).toStrictEqual([]);
      expect(run.summary).toMatchObject({ errored: 0, conformant: true });
    },
    scaled(300_000),
  );
});
