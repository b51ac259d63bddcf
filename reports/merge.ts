/**
 * `report merge`: several `report.json` files into one matrix page (`index.html`) and `matrix.json`. Reading is
 * strict about what it accepts, because a matrix silently built from the wrong files is worse than an error.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { RunResult } from '../harness/index.ts';
// Values from their own files: the harness barrel would load every target (AWS clients included) just to merge.
import { HarnessError } from '../runtime/errors.ts';
import { RUN_RESULT_SCHEMA_VERSION } from '../harness/result.ts';
import { OUTCOME_TEXT } from './format.ts';
import { matrixPage } from './html/matrix.ts';
import { buildMatrix, type MatrixOptions } from './matrix.ts';
import { joinShards } from '../harness/shards.ts';
import { writeFiles, writeReports } from './write.ts';
import { expandReport } from './json.ts';

/**
 * Renders the self-contained matrix page of several runs × checks.
 * @param runs - the runs, one column each (handlers, versions or runtime profiles)
 * @param options - labels, links and sources per run @defaultValue labels from handler and runtime
 * @example
 * await writeFile('matrix.html', renderMatrix([runOnNode20, runOnNode22]));
 */
export function renderMatrix(runs: readonly RunResult[], options: MatrixOptions = {}): string {
  return matrixPage(buildMatrix(runs, options));
}

const unreadable = (message: string, cause?: unknown): HarnessError =>
  new HarnessError('E_REPORT_FILE', message, cause === undefined ? undefined : { cause });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const OUTCOMES: readonly string[] = Object.keys(OUTCOME_TEXT);
const SUMMARY_COUNTS = ['total', 'passed', 'failed', 'errored', 'skipped', 'timedOut', 'mustPassed', 'mustTotal'];

/** The first reason a check entry is not one the matrix can draw, or undefined. */
function checkProblem(c: unknown, i: number): string | undefined {
  if (!isObject(c) || typeof c.id !== 'string' || typeof c.title !== 'string') return `checks[${i}] has no id or title`;
  if (typeof c.outcome !== 'string' || !OUTCOMES.includes(c.outcome))
    return `checks[${i}] (${c.id}) has outcome ${JSON.stringify(c.outcome)}, not one of ${OUTCOMES.join(', ')}`;
  if (c.level !== 'must' && c.level !== 'should') return `checks[${i}] (${c.id}) has no level must or should`;
  return undefined;
}

/**
 * The first reason a parsed file is not a run result this version can draw, or undefined. The full JSON Schema is
 * `schema/report.schema.json`; this checks what the matrix reads, without a schema library at run time.
 */
function problemOf(v: unknown): string | undefined {
  if (!isObject(v)) return 'it is not a JSON object';
  if (!('schemaVersion' in v)) return 'it has no schemaVersion, so it is not a conformance report.json';
  if (v.schemaVersion !== RUN_RESULT_SCHEMA_VERSION)
    return `it has report schema version ${JSON.stringify(v.schemaVersion)}; this version of the tool reads version ${RUN_RESULT_SCHEMA_VERSION}`;
  if (!isObject(v.target) || typeof v.target.handler !== 'string') return 'target.handler is missing';
  if (!isObject(v.tool) || typeof v.tool.version !== 'string') return 'tool.version is missing';
  if (!isObject(v.options) || typeof v.options.seed !== 'number') return 'options.seed is missing';
  const shard = v.options.shard;
  if (
    shard !== undefined &&
    !(isObject(shard) && Number.isInteger(shard.index) && Number.isInteger(shard.count) && Number(shard.count) >= 1)
  )
    return 'options.shard is not {index, count}';
  if (typeof v.startedAt !== 'string') return 'startedAt is missing';
  const summary = v.summary;
  if (!isObject(summary)) return 'summary is missing';
  const count = SUMMARY_COUNTS.find((k) => typeof summary[k] !== 'number');
  if (count) return `summary.${count} is not a number`;
  if (typeof summary.conformant !== 'boolean' || typeof summary.partial !== 'boolean')
    return 'summary.conformant or summary.partial is missing';
  if (!Array.isArray(v.checks)) return 'checks is not an array';
  for (const [i, c] of v.checks.entries()) {
    const problem = checkProblem(c, i);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Reads one written report back as a run: a folder stands for its `report.json`; counterexample parts written once
 * inside their input are put back.
 * @param path - a `report.json`, or a folder holding one
 * @throws HarnessError `E_REPORT_FILE` when the file is missing, not JSON, or not a report this version reads
 */
export async function readReport(path: string): Promise<{ run: RunResult; file: string }> {
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const file = isDir ? join(path, 'report.json') : path;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw unreadable(
      code === 'ENOENT'
        ? `report not found: ${file} (give the report.json a run wrote with --out)`
        : `cannot read ${file}: ${(e as Error).message}`,
      e,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw unreadable(`${file} is not valid JSON: ${(e as Error).message}`, e);
  }
  const problem = problemOf(parsed);
  if (problem) throw unreadable(`${file} cannot be merged: ${problem}`);
  // Counterexample parts written once inside their input come back, so the run reads as the type says.
  return { run: expandReport(parsed) as RunResult, file };
}

/** A relative href to a file, each segment percent-encoded, so no file name can become a scheme or markup. */
const hrefTo = (from: string, to: string): string => {
  const rel = relative(from, to).split(sep).map(encodeURIComponent).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
};

/**
 * Merges several `report.json` files. Whole runs (handlers, versions, runtimes) become `outDir/index.html` (the
 * matrix page) and `outDir/matrix.json`, each column linking to the run's own `index.html` when one sits next to
 * its `report.json`. The shards of one run (`run --shard i/n`) are joined into that run instead, and its reports
 * written as `run --out` writes them: the same verdict, summary, checks and root causes as the unsharded run.
 * @param paths - `report.json` files, or folders holding one
 * @param outDir - the folder to write into (created when missing)
 * @returns the written paths
 * @throws HarnessError `E_USAGE` when no path is given, `E_REPORT_FILE` when a file is missing, not JSON, or not a report this
 *   version reads; `E_SHARD` when shards are not every shard of one run (`harness/shards.ts`)
 * @example
 * await mergeReports(['node20/report.json', 'node22/report.json'], 'matrix');
 * await mergeReports(['shard-1', 'shard-2'], 'report'); // one run's report.json, index.html, junit.xml, …
 */
export async function mergeReports(paths: readonly string[], outDir: string): Promise<string[]> {
  if (!paths.length) throw new HarnessError('E_USAGE', 'give at least one report.json to merge');
  const reports = await Promise.all(paths.map(readReport));
  const clash = reports.find((r) => resolve(dirname(r.file)) === resolve(outDir));
  if (reports.some((r) => r.run.options.shard !== undefined)) {
    if (clash)
      throw new HarnessError(
        'E_OUT',
        `--out ${outDir} holds ${clash.file}: the joined run would overwrite that shard's reports; pick another folder`,
      );
    return writeReports(joinShards(reports), outDir);
  }
  if (clash)
    throw new HarnessError(
      'E_OUT',
      `--out ${outDir} holds ${clash.file}: the matrix would overwrite that run's index.html; pick another folder`,
    );
  const links = await Promise.all(
    reports.map(async ({ file }) => {
      const page = join(dirname(file), 'index.html');
      const exists = await stat(page).then(
        (s) => s.isFile(),
        () => false,
      );
      return exists ? hrefTo(resolve(outDir), resolve(page)) : undefined;
    }),
  );
  const runs = reports.map((r) => r.run);
  const options: MatrixOptions = { links, sources: reports.map((r) => r.file) };
  const matrix = buildMatrix(runs, options);
  return writeFiles(outDir, [
    { path: 'index.html', content: matrixPage(matrix) },
    { path: 'matrix.json', content: `${JSON.stringify(matrix, null, 2)}\n` },
  ]);
}
