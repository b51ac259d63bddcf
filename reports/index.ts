/**
 * Reports of a conformance run: pure renderers registered by name, the one writer, replay artifacts and the
 * matrix of several runs.
 */
export { badgeOf, renderBadgeJson, renderBadgeSvg, type Badge } from './badge.ts';
export { recordDiff, type DiffRow, type RecordDiff, type ValueChange } from './diff.ts';
export { countsText, formatMs, verdictOf, type RunVerdict } from './format.ts';
export { renderHtml } from './html/report.ts';
export { expandReport, renderJson } from './json.ts';
export { renderJunit } from './junit.ts';
export { renderMarkdown } from './markdown/summary.ts';
export {
  buildMatrix,
  MATRIX_SCHEMA_VERSION,
  type Matrix,
  type MatrixCheck,
  type MatrixOptions,
  type MatrixRun,
} from './matrix.ts';
export { mergeReports, readReport, renderMatrix } from './merge.ts';
export {
  escapeData,
  escapeProperty,
  githubAnnotations,
  githubOutputs,
  outputFileText,
  type GithubOutputs,
} from './github.ts';
export {
  collectReporters,
  REPORTER_NAMES,
  REPORTERS,
  renderReports,
  resolveReporters,
  type ReportFile,
  type Reporter,
  type ReporterName,
  type ReportFileRenderer,
} from './registry.ts';
export { failureArtifacts } from './replay/artifacts.ts';
export { renderSarif, SARIF_SCHEMA_URI } from './sarif.ts';
export { failureSite, sourceRoot, type FailureSite } from './site.ts';
export { renderFailuresReadme } from './replay/readme.ts';
export { checkDir, failureCases, FAILURES_DIR, type FailureCase } from './replay/paths.ts';
export { renderRegressionTest } from './replay/regressionTest.ts';
export { clip, evidenceLines, failureText, thrownAt, type TextStyle } from './text.ts';
export { writeFiles, writeReports } from './write.ts';
