/** `list`: the catalog of checks. */
import type { Command } from 'commander';
import pc from 'picocolors';

/** Registers `list`. */
export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the conformance checks (id, level, basis, CONTRACT clause, title)')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const { CATALOG } = await import('../../suites/catalog.ts');
      if (opts.json) {
        const rows = CATALOG.map(({ id, title, level, basis, clause, description }) => ({
          id,
          title,
          level,
          basis,
          clause,
          description,
        }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      for (const c of CATALOG) {
        process.stdout.write(
          `${c.id.padEnd(32)} ${(c.level === 'must' ? pc.bold : pc.dim)(c.level.padEnd(6))} ${c.basis.padEnd(12)} ${pc.dim(c.clause.padEnd(14))} ${c.title}\n`,
        );
      }
    });
}
