/**
 * Dataset names as a user sets them: `--dataset-name NAME` pins the name of every event a run hands the handler,
 * across every check (sessions included); config `datasetNames` make the generators favour those names. The handler
 * records each dataset name it sees in a file given to it by `--env` (or `env` in the library API).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkConformance } from '../harness/index.ts';
import { cli, eventLines, replayLines, runLine } from './cli.test-helpers.ts';
import { scaled } from './timeScale.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-dataset-name-'));
/** An echo handler that appends the dataset name of each event it gets, one JSON string a line. */
const handler = join(tmp, 'records-names.cjs');
writeFileSync(
  handler,
  `const { appendFileSync } = require('node:fs');
exports.handler = async (event) => {
  appendFileSync(process.env.NAMES_LOG, JSON.stringify(event.datasetName) + '\\n');
  return event;
};
`,
);

/** The dataset names the handler saw, in order. */
const seen = (log: string): string[] =>
  readFileSync(log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as string);

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('dataset names', () => {
  it('--dataset-name: every event of every check carries it', () => {
    const log = join(tmp, 'pinned.log');
    writeFileSync(log, '');
    const r = cli(
      [
        'run',
        handler,
        '--seed',
        '1',
        '--runs',
        '5',
        '--no-store',
        '--dataset-name',
        'Pinned_1',
        '--env',
        `NAMES_LOG=${log}`,
      ],
      tmp,
    );
    expect(r.code, r.out + r.err).toBe(0);
    const names = seen(log);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((n) => n !== 'Pinned_1')).toStrictEqual([]);
  });

  it('a replay line of a pinned run replays the same event, on the pinned name', () => {
    // Fails only on its one dataset name: a replay on any other name would pass.
    const picky = join(tmp, 'picky.cjs');
    writeFileSync(
      picky,
      "exports.handler = async (event) => {\n  if (event.datasetName === 'Pinned_1') return null;\n  return event;\n};\n",
    );
    const r = cli(
      [
        'run',
        picky,
        '--seed',
        '1',
        '--runs',
        '5',
        '--no-store',
        '--no-discover',
        '--dataset-name',
        'Pinned_1',
        '--checks',
        'reply/shape',
      ],
      tmp,
    );
    expect(r.code, r.out + r.err).toBe(1);
    const [line] = replayLines(r.out);
    expect(line).toContain('--no-discover --dataset-name Pinned_1');
    const replayed = runLine(line ?? '', tmp);
    expect(replayed.code, replayed.out + replayed.err).toBe(1);
    expect(eventLines(replayed.out)).toStrictEqual(eventLines(r.out).slice(0, 1));
  });

  it(
    'config datasetNames: most events carry a declared name, some a random one',
    async () => {
      const log = join(tmp, 'declared.log');
      writeFileSync(log, '');
      const run = await checkConformance({
        handler,
        seed: 1,
        runs: 10,
        store: false,
        discover: false,
        datasetNames: ['ShoppingList'],
        checks: ['reply', 'robustness', 'data'],
        env: { NAMES_LOG: log },
        initTimeoutMs: scaled(10_000),
      });
      expect(run.checks.filter((c) => c.outcome !== 'pass').map((c) => c.id)).toStrictEqual([]);
      const names = seen(log);
      const declared = names.filter((n) => n === 'ShoppingList').length;
      expect(declared / names.length).toBeGreaterThan(0.5);
      expect(declared).toBeLessThan(names.length);
    },
    scaled(180_000),
  );
});
