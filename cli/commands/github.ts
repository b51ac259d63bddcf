/**
 * `report github`: a written report as GitHub Actions shows it. Prints annotations at the handler's own line of each
 * failure, appends the Markdown summary to the job summary and sets step outputs. The repository's `action.yml` runs
 * it after `run`; it works in any workflow that has a report folder.
 */
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../config.ts';

/** Flags of `report github`. */
interface GithubFlags {
  summaryFile?: string;
  outputFile?: string;
}

/**
 * Registers `report github` under `report`.
 * @param report - the `report` command
 */
export function registerGithub(report: Command): void {
  report
    .command('github')
    .description(
      "GitHub Actions: annotations at the handler's own line, the Markdown summary to the job summary, step outputs (verdict, report paths)",
    )
    .argument('<report>', 'report.json, or the report folder holding one')
    .option('--summary-file <file>', 'append the Markdown summary here (default $GITHUB_STEP_SUMMARY; none when unset)')
    .option('--output-file <file>', 'append the step outputs here (default $GITHUB_OUTPUT; none when unset)')
    .action(async (path: string, f: GithubFlags) => {
      const [{ githubAnnotations, githubOutputs, outputFileText, readReport, renderMarkdown }, format] =
        await Promise.all([import('../../reports/index.ts'), import('../../reports/format.ts')]);
      const { plural, VERDICT_TEXT, verdictOf } = format;
      const { run, file } = await readReport(path);
      const annotations = githubAnnotations(run);
      if (annotations.length) process.stdout.write(`${annotations.join('\n')}\n`);
      const summary = f.summaryFile ?? process.env.GITHUB_STEP_SUMMARY;
      if (summary) await appendFile(summary, `${renderMarkdown(run)}\n`);
      const output = f.outputFile ?? process.env.GITHUB_OUTPUT;
      // A fresh delimiter per write, as the Actions toolkit does: no value can close its block early.
      if (output)
        await appendFile(
          output,
          outputFileText({ ...githubOutputs(run, displayPath(dirname(file))) }, `csc_${randomUUID()}`),
        );
      process.stdout.write(
        `${VERDICT_TEXT[verdictOf(run)]}: ${run.summary.failed} failed, ${plural(annotations.length, 'annotation')}\n`,
      );
    });
}
