/** `report merge`: a matrix page of several runs × checks. */
import type { Command } from 'commander';
import { registerGithub } from './github.ts';

/** Registers `report`. */
export function registerReport(program: Command): void {
  const report = program.command('report').description('work with written reports');
  report
    .command('merge')
    .description('merge several report.json files into one matrix page (handlers, versions or runtimes × checks)')
    .argument('<reports...>', 'report.json files, or report folders holding one')
    .requiredOption('--out <dir>', 'folder for the merged site (index.html and matrix.json)')
    .action(async (files: string[], f: { out: string }) => {
      // Bad input is a HarnessError (E_USAGE) naming the file; main.ts prints it in one line, exit code 2.
      const { mergeReports } = await import('../../reports/index.ts');
      const written = await mergeReports(files, f.out);
      process.stdout.write(`wrote ${written.join(', ')}\n`);
    });
  registerGithub(report);
}
