/** `init`: writes a starter config next to the handler. */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { HarnessError } from '../../harness/index.ts';

/** The starter config for a handler. */
export function starterConfig(handlerFile: string, exportName: string): string {
  return `// Conformance config for ${handlerFile}. Run: npx cognito-sync-conformance run
import fc from 'fast-check';
import { defineConfig } from 'cognito-sync-conformance';

export default defineConfig({
  handler: './${handlerFile}${exportName === 'handler' ? '' : `#${exportName}`}',
  runtime: 'nodejs22.x',
  runs: 100,
  // Values your domain uses for some keys (the generators draw these for records with these keys).
  values: {
    // score: fc.integer({ min: 0, max: 1_000_000 }).map(String),
  },
  // Your own properties, run as checks user/<name>. Return true (or nothing) when it holds, false or a message when not.
  properties: [
    // {
    //   name: 'score-stays-numeric',
    //   check: ({ after }) => after === null || after.score === undefined || /^\\d+$/.test(after.score),
    // },
  ],
});
void fc;
`;
}

/** Registers `init`. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a starter cognito-sync-conformance.config.ts next to the handler')
    .argument('<handler>', 'handler module path[#export]')
    .option('--force', 'overwrite an existing config')
    .action(async (handler: string, f: { force?: boolean }) => {
      const [file = '', exportName = 'handler'] = handler.split('#');
      const abs = resolve(file);
      if (!existsSync(abs)) throw new HarnessError('E_HANDLER_LOAD', `handler not found: ${abs}`);
      const target = join(dirname(abs), 'cognito-sync-conformance.config.ts');
      if (existsSync(target) && !f.force)
        throw new HarnessError('E_USAGE', `${target} exists (use --force to overwrite)`);
      await writeFile(target, starterConfig(basename(abs), exportName || 'handler'));
      process.stdout.write(`wrote ${target}\nrun it: cd ${dirname(abs)} && npx cognito-sync-conformance run\n`);
    });
}
