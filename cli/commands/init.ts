/** `init`: writes a starter config next to the handler. */
import { existsSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { HarnessError } from '../../runtime/errors.ts';

/** The starter config for a handler. */
function starterConfig(handlerFile: string, exportName: string): string {
  // `fc` comes from this package (its own fast-check): the user's project needs no fast-check dependency of its own.
  return `// Conformance config for ${handlerFile}. Run: npx cognito-sync-conformance run
import { defineConfig, fc } from 'cognito-sync-conformance';

export default defineConfig({
  handler: './${handlerFile}${exportName === 'handler' ? '' : `#${exportName}`}',
  runtime: 'nodejs22.x',
  runs: 100,
  // Values your domain uses for some keys (the generators draw these for records with these keys).
  values: {
    // score: fc.integer({ min: 0, max: 1_000_000 }).map(String),
  },
  // Your own properties, run as checks user/<name> (single events) and user/<name>/sessions (every trigger run of
  // multi-device sessions). Return true (or nothing) when it holds, false or a message when not.
  properties: [
    // {
    //   name: 'score-stays-numeric',
    //   check: ({ after }) => after === null || after.score === undefined || /^\\d+$/.test(after.score),
    // },
  ],
});
void fc; // used by the examples above once uncommented
`;
}

/** The failure store's folder, as `.gitignore` names it: kept cases are local, not for the repository. */
const STORE_IGNORE = '.conformance/';

/**
 * Adds the failure store's folder to the `.gitignore` in `dir` (made when missing), unless a line already names it.
 * @param dir - the folder the config is written to, where runs start
 * @returns whether the file changed
 */
async function ignoreStore(dir: string): Promise<boolean> {
  const file = join(dir, '.gitignore');
  const text = await readFile(file, 'utf8').catch(() => '');
  const named = text.split(/\r?\n/).some((l) => /^\/?\.conformance\/?(\*\*?)?$/.test(l.trim()));
  if (named) return false;
  await appendFile(
    file,
    `${text && !text.endsWith('\n') ? '\n' : ''}# cognito-sync-conformance failure store\n${STORE_IGNORE}\n`,
  );
  return true;
}

/** Registers `init`. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description(
      'write a starter cognito-sync-conformance.config.ts next to the handler, and ignore .conformance/ in .gitignore',
    )
    .argument('<handler>', 'handler module path[#export]')
    .option('--force', 'overwrite an existing config')
    .action(async (handler: string, f: { force?: boolean }) => {
      const [file = '', exportName = 'handler'] = handler.split('#');
      const abs = resolve(file);
      if (!existsSync(abs)) throw new HarnessError('E_HANDLER_LOAD', `handler not found: ${abs}`);
      const target = join(dirname(abs), 'cognito-sync-conformance.config.ts');
      if (existsSync(target) && !f.force)
        throw new HarnessError('E_EXISTS', `${target} exists (use --force to overwrite)`);
      await writeFile(target, starterConfig(basename(abs), exportName || 'handler'));
      process.stdout.write(`wrote ${target}\n`);
      if (await ignoreStore(dirname(abs)))
        process.stdout.write(`added ${STORE_IGNORE} (the failure store) to ${join(dirname(abs), '.gitignore')}\n`);
      process.stdout.write(`run it: cd ${dirname(abs)} && npx cognito-sync-conformance run\n`);
    });
}
