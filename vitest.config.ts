import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import WaitsFirstSequencer from './test/sequencer.ts';
import { TIME_SCALE, TIME_SCALE_VARIABLE, scaled } from './test/timeScale.test-helpers.ts';

// CI asks for Vitest's JSON reporter (its closing line is printed by .ci/run from that file).
const jsonOut = process.env.CSC_VITEST_JSON;

/**
 * End-to-end files: whatever starts processes, servers, browsers or a whole conformance run. Named by convention
 * (`*.e2e.test.ts`, `*.cli.test.ts`, everything in `test/`), by folder (the emulator and the live paths serve HTTP),
 * and by measurement: the unit-level files below each took 4–45 s on a 2-core machine, where the rest take well
 * under 3 s each. The `unit` project is everything else: the inner loop (`npm run test:unit`).
 */
const E2E = [
  'test/**/*.test.ts',
  '**/*.e2e.test.ts',
  '**/*.cli.test.ts',
  'emulator/**/*.test.ts',
  'live/**/*.test.ts',
  // Isolates, sandbox processes and commands that run real handlers, one start per case.
  'runtime/node/isolation.test.ts',
  'runtime/node/styles.test.ts',
  'runtime/node/load.test.ts',
  'runtime/node/coverage.test.ts',
  'runtime/command/command.test.ts',
  'runtime/lambda/lambda.test.ts',
  // Whole checks or runs against fixture handlers.
  'harness/determinism.test.ts',
  'harness/runCheck.test.ts',
  'harness/caseInput.test.ts',
  'harness/discovery/index.test.ts',
  'generators/coverage.test.ts',
  'reports/truth.test.ts',
  'reports/merge.test.ts',
];

export default defineConfig({
  test: {
    exclude: ['node_modules/**', 'dist/**'],
    // Twice the cores, at least four and at most eight: many files spend much of their time waiting (on a handler's
    // 5 s deadline, on the processes they started), and with one worker per core a 2-core machine sat 40-90% idle for
    // a third of the run. With four it stays busy: the whole suite took 239 s instead of 283 s on the 2-core
    // development machine. (Set here and not on the command line: each project takes the root's value.)
    maxWorkers: Math.min(8, Math.max(4, 2 * availableParallelism())),
    // Limits scale on a busy machine (test/timeScale.test-helpers.ts); every worker gets the factor taken at start.
    testTimeout: scaled(60_000),
    hookTimeout: scaled(60_000),
    env: { [TIME_SCALE_VARIABLE]: String(TIME_SCALE) },
    // Tests read words: no colours from a CI that sets `CI` or `FORCE_COLOR` (test/plainTerminal.setup.ts).
    setupFiles: ['test/plainTerminal.setup.ts'],
    reporters: jsonOut ? ['default', ['json', { outputFile: jsonOut }]] : ['default'],
    // The kill matrix's shards first on a fresh checkout (test/sequencer.ts).
    sequence: { sequencer: WaitsFirstSequencer },
    // One module graph per worker, not per file: each file imported the harness, the model and the generators
    // through Vite's transform again (about 29 s of the unit project's 36 s). Nothing mocks a module; the file that
    // spies on process.stdout restores it, and the two that set AWS variables in process.env put them back.
    isolate: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**', 'dist/**', ...E2E],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          exclude: ['node_modules/**', 'dist/**'],
          globalSetup: ['test/buildCli.globalSetup.ts'],
        },
      },
    ],
  },
});
