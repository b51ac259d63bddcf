/** `report merge`: a matrix page of several runs × checks. */
import type { Command } from 'commander';
import { mergeReports } from '../../reports/index.ts';

/** Registers `report`. */
export function registerReport(program: Command): void {
  const report = program.command('report').description('work with written reports');
  report
    .command('merge')
    .description('merge several report.json files into one matrix page (handlers, versions or runtimes × checks)')
    .argument('<reports...>', 'report.json files')
    .requiredOption('--out <dir>', 'folder for the merged site')
    .action(async (files: string[], f: { out: string }) => {
      await mergeReports(files, f.out);
      process.stdout.write(`wrote ${f.out}/index.html\n`);
    });
}
