/**
 * What a handler's process sees in its environment, through the real CLI: a Lambda function's variables and
 * placeholder credentials, what the user passes on purpose (`--env`, `--env-file`, the config's `env` and
 * `passEnv`, `--pass-env`), and nothing else of the tool's own environment — for a module in worker and process
 * isolation and for a command.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, root } from './cli.test-helpers.ts';
import { scaled } from './timeScale.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-handler-env-'));
const dump = join(root, 'fixtures/handlers/env/dump-env.cjs');

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const targets: [string, string[], string][] = [
  ['a module in worker isolation', [dump], join(root, 'fixtures/handlers/env')],
  ['a module in process isolation', [dump, '--isolation', 'process'], join(root, 'fixtures/handlers/env')],
  // A command's code is wherever its command line says: its task root is the folder the run starts in.
  ['a command', ['--command', `node ${dump}`], ''],
];

describe('the environment a handler runs with', () => {
  it.each(targets)(
    "%s sees a Lambda function's variables and what the user passes, never the tool's own",
    (name, target, taskRoot) => {
      const dir = join(tmp, name.replaceAll(' ', '-'));
      mkdirSync(dir);
      const log = join(dir, 'env.log');
      writeFileSync(join(dir, 'vars.env'), '# for the handler\nCSC_FROM_FILE=file\nCSC_FLAG_WINS=file\n');
      writeFileSync(
        join(dir, 'env.config.mjs'),
        "export default { env: { CSC_FROM_CONFIG: 'config' }, passEnv: ['CSC_PASSED_BY_CONFIG'] };\n",
      );
      const secret = `csc-not-passed-${String(process.pid)}-secret`;
      const r = cli(
        [
          'run',
          ...target,
          '--config',
          'env.config.mjs',
          '--env',
          `CSC_ENV_LOG=${log}`,
          '--env',
          'CSC_FROM_FLAG=flag',
          '--env',
          'CSC_FLAG_WINS=flag',
          '--env-file',
          'vars.env',
          '--pass-env',
          'CSC_PASSED,CSC_PASSED_TOO',
          '--checks',
          'reply/shape',
          '--runs',
          '2',
          '--no-store',
        ],
        dir,
        {
          CSC_PASSED: 'passed',
          CSC_PASSED_TOO: 'passed too',
          CSC_PASSED_BY_CONFIG: 'passed by config',
          CSC_NOT_PASSED: 'not passed',
          AWS_REGION: 'eu-north-1',
          AWS_LAMBDA_FUNCTION_NAME: 'the-tools-own',
          AWS_SECRET_ACCESS_KEY: secret,
          TZ: 'Pacific/Auckland',
        },
      );
      expect(r.code, r.out + r.err).toBe(0);
      const seen = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, string>);
      expect(seen.length).toBeGreaterThan(0);
      for (const env of seen) {
        expect(env).toMatchObject({
          // Lambda's, not the tool's values of the same names.
          AWS_REGION: 'us-east-1',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_LAMBDA_FUNCTION_NAME: 'cognito-sync-trigger',
          AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
          AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
          TZ: ':UTC',
          LAMBDA_TASK_ROOT: taskRoot || dir,
          AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          AWS_SESSION_TOKEN: 'placeholder-session-token',
          // What the user passes: --env (over --env-file), --env-file, the config's env, --pass-env, passEnv.
          CSC_FROM_FLAG: 'flag',
          CSC_FLAG_WINS: 'flag',
          CSC_FROM_FILE: 'file',
          CSC_FROM_CONFIG: 'config',
          CSC_PASSED: 'passed',
          CSC_PASSED_TOO: 'passed too',
          CSC_PASSED_BY_CONFIG: 'passed by config',
        });
        expect(env).not.toHaveProperty('CSC_NOT_PASSED');
        expect(env).not.toHaveProperty('HOME');
        expect(JSON.stringify(env)).not.toContain(secret);
      }
    },
    scaled(180_000),
  );
});
