/** The replay files of a run's failures, as contents keyed by relative path; `writeReports` writes them. */
import type { RunResult } from '../../harness/index.ts';
import { jsonText } from '../visible.ts';
import { FAILURES_DIR, failureCases } from './paths.ts';
import { renderFailuresReadme } from './readme.ts';
import {
  REGRESSION_CONFIG_FILE,
  REGRESSION_FILE,
  renderRegressionConfig,
  renderRegressionTest,
} from './regressionTest.ts';

/** One file to write, relative to the report folder (POSIX separators). */
export interface ReportFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The replay artifacts of a run: per failing case its event (runnable with `sam local invoke -e` or
 * `aws lambda invoke --payload`) and its exact check input, a README on using them, one regression test and the
 * Vitest config that runs it; empty when nothing failed.
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
  if (test !== undefined) files.push({ path: `${FAILURES_DIR}/${REGRESSION_FILE}`, content: test });
  const config = renderRegressionConfig(run);
  if (config !== undefined) files.push({ path: `${FAILURES_DIR}/${REGRESSION_CONFIG_FILE}`, content: config });
  return files;
}
