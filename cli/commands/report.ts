/** `report merge`: a matrix page of several runs × checks, or the shards of one run joined into that run. */
import type { Command } from 'commander';
import { registerGithub } from './github.ts';
import { runExitCode } from '../../harness/internal.ts';

/** Registers `report`. */
export function registerReport(program: Command): void {
  const report = program.command('report').description('work with written reports');
  report
    .command('merge')
    .description(
      'merge several report.json files into one matrix page (handlers, versions or runtimes × checks), or join the shards of one run (run --shard i/n) into its reports',
    )
    .argument('<reports...>', 'report.json files, or report folders holding one')
    .requiredOption(
      '--out <dir>',
      "folder for the merged site (index.html and matrix.json), or the joined run's reports (report.json, …)",
    )
    .action(async (files: string[], f: { out: string }) => {
      // Bad input is a HarnessError (E_REPORT_FILE) naming the file; main.ts prints it in one line, exit code 2.
      const { mergeReports } = await import('../../reports/index.ts');
      const written = await mergeReports(files, f.out);
      process.stdout.write(`wrote ${written.join(', ')}\n`);
      // Joined shards are one run: the exit code is its verdict, as `run`'s is.
      const joined = written.find((p) => p.endsWith('report.json'));
      if (joined) {
        const [{ readReport }, { summaryLines }] = await Promise.all([
          import('../../reports/index.ts'),
          import('../terminal.ts'),
        ]);
        const { run } = await readReport(joined);
        process.stdout.write(`${summaryLines(run).join('\n')}\n`);
        process.exitCode = runExitCode(run);
      }
    });
  registerGithub(report);
}
