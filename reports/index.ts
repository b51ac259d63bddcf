/**
 * Reports of a conformance run: pure renderers registered by name, the one writer, replay artifacts and the
 * matrix of several runs.
 */
export { badgeOf, renderBadgeJson, renderBadgeSvg } from './badge.ts';
export { renderHtml } from './html/report.ts';
export { expandReport, renderJson } from './json.ts';
export { renderJunit } from './junit.ts';
export { renderMarkdown } from './markdown/summary.ts';
export { type Matrix } from './matrix.ts';
export { mergeReports, readReport, renderMatrix } from './merge.ts';
export { githubAnnotations, githubOutputs, outputFileText } from './github.ts';
export { collectReporters, REPORTER_NAMES, renderReports, resolveReporters } from './registry.ts';
export { failureArtifacts } from './replay/artifacts.ts';
export { failureText } from './text.ts';
export { writeReports } from './write.ts';
