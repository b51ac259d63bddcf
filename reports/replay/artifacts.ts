/** The replay files of a run's failures, as contents keyed by relative path; `writeReports` writes them. */
import type { RunResult } from '../../harness/index.ts';
import { jsonText } from '../visible.ts';
import { FAILURES_DIR, failureCases } from './paths.ts';
import { renderFailuresReadme } from './readme.ts';
import { renderRegressionTest } from './regressionTest.ts';

/** One file to write, relative to the report folder (POSIX separators). */
export interface ReportFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The replay artifacts of a run: per failing case its event (runnable with `sam local invoke -e` or
 * `aws lambda invoke --payload`) and its exact check input, a README on using them and one regression test; empty
 * when nothing failed.
 * @param run - the run
 */
export function failureArtifacts(run: RunResult): ReportFile[] {
  const files: ReportFile[] = failureCases(run).flatMap((c) => [
    ...(c.eventPath === undefined ? [] : [{ path: c.eventPath, content: `${jsonText(c.counterexample.event, 2)}\n` }]),
    { path: c.inputPath, content: `${jsonText(c.counterexample.input, 2)}\n` },
  ]);
  const readme = renderFailuresReadme(run);
  if (readme !== undefined) files.push({ path: `${FAILURES_DIR}/README.md`, content: readme });
  const test = renderRegressionTest(run);
  if (test !== undefined) files.push({ path: `${FAILURES_DIR}/regression.test.ts`, content: test });
  return files;
}
