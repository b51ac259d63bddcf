/**
 * Every replay line the CLI prints reproduces its failure: pasted into a shell in the folder the run started in, it
 * runs the same event and fails again — for config runs (values, the user's properties), `--reading`, `--runtime`,
 * `--command` (and `--persistent`), `--bootstrap`, `--lambda` (through the project's emulator), and cases from the failure store that their seed no
 * longer leads to. A user property also replays from a report, and an end-to-end case from the report its run wrote.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cli,
  configImports,
  emulatorEnv,
  eventLines,
  fixture,
  replayLines,
  root,
  runLine,
  startEmulate,
  type CliRun,
} from './cli.test-helpers.ts';
import { scaled } from './timeScale.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-replay-'));

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** A folder of its own, with files. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

/**
 * Runs each printed replay line and expects it to reproduce its failure: exit 1 and the very event the run showed.
 * @returns the replays, in order
 */
function expectReplaysReproduce(run: CliRun, cwd: string, env: NodeJS.ProcessEnv = {}): CliRun[] {
  const lines = replayLines(run.out);
  const events = eventLines(run.out);
  expect(lines.length, run.out + run.err).toBeGreaterThan(0);
  expect(events).toHaveLength(lines.length);
  return lines.map((line, i) => {
    const replay = runLine(line, cwd, env);
    expect(replay.code, `${line}\n${replay.out}${replay.err}`).toBe(1);
    expect(eventLines(replay.out)[0], line).toBe(events[i]);
    return replay;
  });
}

/** A handler that doubles every score: not idempotent, and past 500 it breaks the user's bound. */
const DOUBLING = `export const handler = async (event) => {
  const r = event.datasetRecords.score;
  if (r && r.op === 'replace' && typeof r.newValue === 'string') r.newValue = String(Number(r.newValue) * 2);
  return event;
};
`;
const scoresConfig = (values: string): string => `${configImports}
export default defineConfig({
  handler: './scores.mjs',
  values: { score: ${values} },
  properties: [{ name: 'score-small', check: ({ after }) => after === null || Number(after.score ?? 0) <= 1000 || 'score over 1000' }],
});
`;

describe('replay lines', () => {
  it('of a config run carry the config: its values draw the case and its properties are checks', () => {
    const dir = project('config', {
      'scores.mjs': DOUBLING,
      'cognito-sync-conformance.config.ts': scoresConfig('fc.nat({ max: 1000 }).map(String)'),
    });
    const run = cli(['run', '--checks', 'idempotency/no-churn,user', '--runs', '30', '--seed', '5', '--no-store'], dir);
    expect(run.code, run.out + run.err).toBe(1);
    expect(run.err.split('\n')[0]).toBe('config: cognito-sync-conformance.config.ts');
    const lines = replayLines(run.out);
    // Two root causes: idempotency/no-churn, and user/score-small (broken in sessions too: the same root cause).
    expect(lines).toHaveLength(2);
    expect(run.out).toContain('seen in user/score-small, and also in user/score-small/sessions (2 checks)');
    for (const line of lines) expect(line).toContain(' --config cognito-sync-conformance.config.ts ');
    const replays = expectReplaysReproduce(run, dir);
    expect(replays.map((r) => r.err.split('\n')[0])).toStrictEqual([
      'config: cognito-sync-conformance.config.ts',
      'config: cognito-sync-conformance.config.ts',
    ]);
    // Without the config the same seed and path are another case, or none: what the line used to lead to.
    const bare = runLine((lines[0] ?? '').replace(' --config cognito-sync-conformance.config.ts', ''), dir);
    expect(bare.code === 2 || eventLines(bare.out)[0] !== eventLines(run.out)[0], bare.out + bare.err).toBe(true);
    const user = runLine((lines[1] ?? '').replace(' --config cognito-sync-conformance.config.ts', ''), dir);
    expect(user.code).toBe(2);
    expect(user.err).toMatch(/E_REPLAY: user\/score-small is one of your own properties.*--config/);
  });

  it('of a user property replay from report.json, which names the config', () => {
    const dir = project('from-report', {
      'scores.mjs': DOUBLING,
      'cognito-sync-conformance.config.ts': scoresConfig('fc.nat({ max: 1000 }).map(String)'),
    });
    const run = cli(['run', '--checks', 'user', '--runs', '30', '--seed', '5', '--no-store', '--out', 'report'], dir);
    expect(run.code, run.out + run.err).toBe(1);
    const replay = cli(['replay', 'user/score-small', '--from', 'report/report.json'], dir);
    expect(replay.code, replay.out + replay.err).toBe(1);
    expect(replay.err).toContain('config: cognito-sync-conformance.config.ts');
    expect(replay.out).toMatch(/score over 1000/);
    expect(eventLines(replay.out)[0]).toBe(eventLines(run.out)[0]);
    // The property in sessions replays its session, timeline and all.
    const session = cli(['replay', 'user/score-small/sessions', '--from', 'report/report.json'], dir);
    expect(session.code, session.out + session.err).toBe(1);
    expect(session.out).toMatch(/score over 1000/);
    expect(session.out).toContain('property "score-small" does not hold here');
  });

  it('of a stored case its seed and path no longer lead to name its entry in the failure store', () => {
    const dir = project('store', {
      'scores.mjs': DOUBLING,
      'cognito-sync-conformance.config.ts': scoresConfig('fc.nat({ max: 1000 }).map(String)'),
    });
    const first = cli(['run', '--checks', 'user', '--runs', '30', '--seed', '5'], dir);
    expect(first.code, first.out + first.err).toBe(1);
    expect(replayLines(first.out)[0]).toMatch(/--seed \S+ --path \S+/);
    // Other values: the stored case is re-run first and still fails, but the seed and path now draw another case.
    writeFileSync(join(dir, 'cognito-sync-conformance.config.ts'), scoresConfig("fc.constantFrom('600', '700')"));
    const second = cli(['run', '--checks', 'user', '--runs', '30', '--seed', '6'], dir);
    expect(second.code, second.out + second.err).toBe(1);
    expect(eventLines(second.out)[0]).toBe(eventLines(first.out)[0]);
    const [line] = replayLines(second.out);
    expect(line).toMatch(/ --from \.conformance\/failures\.json --event-hash [0-9a-f]{12}\b/);
    expect(line).not.toContain('--seed');
    expectReplaysReproduce(second, dir);
  });

  it('carry every reading given, and --runtime', () => {
    const dir = project('readings', {
      // Fails on a record without `op`: only events built under the reading `op-absent` have one.
      'strict-op.mjs': `export const handler = async (event) => {
  for (const r of Object.values(event.datasetRecords)) if (r && r.op === undefined) throw new Error('a record without op');
  return event;
};
`,
      // A callback handler: nodejs24.x rejects it at init, so every invocation fails there.
      'callback.cjs': 'exports.handler = (event, context, callback) => callback(null, event);\n',
    });
    const pinned = '--reading event.untouchedRecord=op-absent';
    const run = cli(
      ['run', 'strict-op.mjs', '--checks', 'robustness/any-event', '--runs', '20', '--seed', '3', '--no-store'].concat(
        pinned.split(' '),
        // op-absent cannot go with the default reply.opMissing=invalid (the sample would be rejected).
        ['--reading', 'reply.nullEntry=remove', '--reading', 'reply.opMissing=replace'],
      ),
      dir,
    );
    expect(run.code, run.out + run.err).toBe(1);
    const [line = ''] = replayLines(run.out);
    expect(line).toContain(pinned);
    expect(line).toContain('--reading reply.nullEntry=remove');
    expect(line).toContain('--reading reply.opMissing=replace');
    expectReplaysReproduce(run, dir);
    // Without the pinned event reading the seed and path draw another case.
    const unpinned = runLine(line.replace(pinned, ''), dir);
    expect(unpinned.code === 1 && eventLines(unpinned.out)[0] === eventLines(run.out)[0]).toBe(false);

    const runtime = cli(
      [
        'run',
        'callback.cjs',
        '--runtime',
        'nodejs24.x',
        '--checks',
        'robustness/any-event',
        '--runs',
        '5',
        '--seed',
        '2',
        '--no-store',
      ],
      dir,
    );
    expect(runtime.code, runtime.out + runtime.err).toBe(1);
    expect(replayLines(runtime.out)[0]).toContain('--runtime nodejs24.x');
    expectReplaysReproduce(runtime, dir);
  });

  it('of a --command run quote the command for the shell', () => {
    const dir = project('command', {
      'bad cmd.mjs': `let text = '';
process.stdin.on('data', (d) => (text += d));
process.stdin.on('end', () => {
  const event = JSON.parse(text);
  event.eventType = 'Rewritten';
  process.stdout.write(JSON.stringify(event));
});
`,
    });
    const command = `node '${join(dir, 'bad cmd.mjs')}'`;
    const run = cli(
      ['run', '--command', command, '--checks', 'reply/read-only-fields', '--runs', '10', '--seed', '7', '--no-store'],
      dir,
    );
    expect(run.code, run.out + run.err).toBe(1);
    expect(replayLines(run.out)[0]).toContain(`--command 'node '\\''${join(dir, 'bad cmd.mjs')}'\\'''`);
    expectReplaysReproduce(run, dir);
  });

  it('of a --command --persistent run keep the persistent mode', () => {
    const dir = project('persistent', {
      'lines.mjs': `import { createInterface } from 'node:readline';
for await (const line of createInterface({ input: process.stdin })) {
  const event = JSON.parse(line);
  event.eventType = 'Rewritten';
  process.stdout.write(JSON.stringify(event) + '\\n');
}
`,
    });
    const command = `node ${join(dir, 'lines.mjs')}`;
    const args = ['--checks', 'reply/read-only-fields', '--runs', '10', '--seed', '7', '--no-store'];
    const run = cli(['run', '--command', command, '--persistent', ...args], dir);
    expect(run.code, run.out + run.err).toBe(1);
    expect(replayLines(run.out)[0]).toContain(`--command '${command}' --persistent`);
    expectReplaysReproduce(run, dir);
  });

  it('of a --bootstrap run start the same runtime', () => {
    // The shell runtime of the fixtures, with a handler of this folder (_HANDLER is function.handler by default).
    const dir = project('bootstrap', {
      'function.sh': `handler() { printf '%s' "$1" | sed 's/"SyncTrigger"/"Rewritten"/'; }\n`,
    });
    const bootstrap = join(root, 'fixtures/runtimes/shell/bootstrap');
    const args = ['--checks', 'reply/read-only-fields', '--runs', '10', '--seed', '7', '--no-store'];
    const run = cli(['run', '--bootstrap', bootstrap, ...args], dir);
    expect(run.code, run.out + run.err).toBe(1);
    expect(replayLines(run.out)[0]).toContain(`--bootstrap ${bootstrap}`);
    expectReplaysReproduce(run, dir);
  });

  it(
    'of a --lambda run reach the same function, through the emulator',
    async () => {
      const dir = project('lambda', {});
      const emulator = await startEmulate(fixture('bad-rewrite-eventtype.cjs'), dir);
      try {
        const run = cli(
          [
            'run',
            '--lambda',
            'sync-trigger',
            '--endpoint-url',
            emulator.url,
            '--checks',
            'reply/read-only-fields',
          ].concat(['--runs', '10', '--seed', '7', '--no-store']),
          dir,
          emulatorEnv,
        );
        expect(run.code, run.out + run.err).toBe(1);
        expect(replayLines(run.out)[0]).toContain(`--lambda sync-trigger --endpoint-url ${emulator.url}`);
        expectReplaysReproduce(run, dir, emulatorEnv);
        // End to end: the deployed trigger is not the module the model predicts with, so the service disagrees. The
        // case replays through the service from the report the run wrote (a fresh identity, so a new event).
        const live = cli(
          ['run', fixture('good-echo-context-done.cjs'), '--cognito-sync', '--endpoint-url', emulator.url].concat([
            '--runs',
            '2',
            '--seed',
            '2',
            '--out',
            'live-report',
          ]),
          dir,
          emulatorEnv,
        );
        expect(live.code, live.out + live.err).toBe(1);
        expect(replayLines(live.out)).toStrictEqual([
          'npx cognito-sync-conformance replay live/model-agrees --from live-report/report.json',
        ]);
        const again = runLine(replayLines(live.out)[0] ?? '', dir, emulatorEnv);
        expect(again.code, again.out + again.err).toBe(1);
        const disagreement = (out: string): string | undefined => /^ {4}(step .*)$/m.exec(out)?.[1];
        expect(disagreement(again.out)).toBeDefined();
        expect(disagreement(again.out)).toBe(disagreement(live.out));
      } finally {
        expect(await emulator.stop()).toBe(0);
      }
    },
    scaled(180_000),
  );
});
