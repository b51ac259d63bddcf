/** `run --help`: the options in groups (target, selection, generation, inner loop, output, live), and examples. */
import type { Command } from 'commander';

/** The help group of each `run` option, by its long flag. An option not listed here shows under "Options:". */
const GROUPS: Readonly<Record<string, string>> = {
  '--config': 'Target',
  '--runtime': 'Target',
  '--command': 'Target',
  '--persistent': 'Target',
  '--bootstrap': 'Target',
  '--lambda': 'Target',
  '--endpoint-url': 'Target',
  '--region': 'Target',
  '--profile': 'Target',
  '--isolation': 'Target',
  '--checks': 'Selection',
  '--exclude': 'Selection',
  '--shard': 'Selection',
  '--strict': 'Selection',
  '--reading': 'Selection',
  '--readings-file': 'Selection',
  '--runs': 'Generation',
  '--seed': 'Generation',
  '--time-budget': 'Generation',
  '--check-timeout': 'Generation',
  '--init-timeout': 'Target',
  '--concurrency': 'Generation',
  '--margin': 'Generation',
  '--no-store': 'Generation',
  '--quick': 'Inner loop',
  '--bail': 'Inner loop',
  '--watch': 'Inner loop',
  '--no-coverage': 'Output',
  '--min-branch-coverage': 'Selection',
  '--out': 'Output',
  '--reporter': 'Output',
  '--cognito-sync': 'Live (end to end through Cognito Sync)',
  '--identity-pool-id': 'Live (end to end through Cognito Sync)',
  '--max-requests': 'Live (end to end through Cognito Sync)',
  '--dry-run': 'Live (end to end through Cognito Sync)',
};

const EXAMPLES = `
Examples:
  $ cognito-sync-conformance run ./handler.js
  $ cognito-sync-conformance run ./src/handler.ts#main --runtime nodejs24.x --runs 200 --seed 42
  $ cognito-sync-conformance run ./handler.js --checks reply,data
  $ cognito-sync-conformance run ./handler.js --exclude timing --time-budget 2m
  $ cognito-sync-conformance run ./handler.js --quick --bail --watch
  $ cognito-sync-conformance run ./handler.js --out report --reporter junit,markdown
  $ cognito-sync-conformance run ./handler.js --seed 42 --shard 1/2 --out shard-1   # and 2/2 elsewhere, then:
  $ cognito-sync-conformance report merge shard-1 shard-2 --out report
  $ cognito-sync-conformance run --command "python3 handler.py"
  $ cognito-sync-conformance run --bootstrap "python3 -m awslambdaric app.handler"
  $ cognito-sync-conformance run --command "java -jar h.jar" --init-timeout 30s --check-timeout 5m
  $ cognito-sync-conformance run --lambda my-sync-trigger --region eu-west-1
  $ cognito-sync-conformance run ./handler.js --cognito-sync --dry-run`;

/**
 * Puts `run`'s options into help groups and adds the examples. Called once all options are defined, so the options
 * themselves stay in one plain list.
 * @param run - the `run` command
 */
export function groupRunHelp(run: Command): void {
  for (const o of run.options) {
    const group = o.long ? GROUPS[o.long] : undefined;
    if (group) o.helpGroup(`${group}:`);
  }
  run.addHelpText('after', EXAMPLES);
}
