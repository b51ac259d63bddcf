/**
 * The reporters, by name: each is a list of files it renders from one run. Rendering is pure; `write.ts` is the
 * only module that touches the file system.
 */
import type { RunResult } from '../harness/index.ts';
// From its own file: the harness barrel would load every target (AWS clients included) just to render.
import { resolveReporters, type ReporterName } from './reporterNames.ts';
import { renderBadgeJson, renderBadgeSvg } from './badge.ts';
import { renderHtml } from './html/report.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown/summary.ts';
import { failureArtifacts, type ReportFile } from './replay/artifacts.ts';
import { renderSarif } from './sarif.ts';

/** One file a reporter renders. */
interface ReportFileRenderer {
  /** The file's name in the report folder. */
  readonly fileName: string;
  readonly render: (run: RunResult) => string;
}

/** A named reporter: the files it writes. */
interface Reporter {
  readonly description: string;
  readonly files: readonly ReportFileRenderer[];
}

/** Every reporter, by the name `--reporter` takes. */
const REPORTERS = {
  json: {
    description: 'report.json: the run result as is (schema: reports/schema/report.schema.json)',
    files: [{ fileName: 'report.json', render: renderJson }],
  },
  junit: {
    description: 'junit.xml: one testcase per check, for CI test views',
    files: [{ fileName: 'junit.xml', render: renderJunit }],
  },
  markdown: {
    description: 'summary.md: for a pull-request comment or $GITHUB_STEP_SUMMARY',
    files: [{ fileName: 'summary.md', render: renderMarkdown }],
  },
  html: {
    description: 'index.html: the whole run as one self-contained page',
    files: [{ fileName: 'index.html', render: renderHtml }],
  },
  badge: {
    description: 'badge.svg and badge.json (shields.io endpoint)',
    files: [
      { fileName: 'badge.svg', render: renderBadgeSvg },
      { fileName: 'badge.json', render: renderBadgeJson },
    ],
  },
  sarif: {
    description: 'report.sarif: SARIF 2.1.0, for GitHub code scanning (failures at the handler’s line)',
    // Paths relative to the GitHub workspace in a GitHub Actions job, else to the working directory.
    files: [{ fileName: 'report.sarif', render: (run) => renderSarif(run) }],
  },
} as const satisfies Readonly<Record<ReporterName, Reporter>>;

export { collectReporters, REPORTER_NAMES, resolveReporters } from './reporterNames.ts';

/**
 * Renders every file of the chosen reporters, plus the replay artifacts of failures (`failures/…`), without
 * writing anything.
 * @param run - the run
 * @param names - reporter names @defaultValue every reporter
 * @throws HarnessError `E_REPORTER` for unknown reporter names
 * @example
 * for (const f of renderReports(run, ['markdown'])) console.log(f.path, f.content.length);
 */
export function renderReports(run: RunResult, names?: readonly string[]): ReportFile[] {
  const files = resolveReporters(names).flatMap((n) =>
    REPORTERS[n].files.map((f) => ({ path: f.fileName, content: f.render(run) })),
  );
  return [...files, ...failureArtifacts(run)];
}

export type { ReportFile };
