/**
 * The one module of `reports/` that writes files. Everything it writes is rendered first (pure), so a bad reporter
 * name or a rendering bug never leaves a half-written report folder.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RunResult } from '../harness/index.ts';
import { renderReports, type ReportFile } from './registry.ts';
import { FAILURES_DIR } from './replay/paths.ts';
import { README_MARK } from './replay/readme.ts';
import { GENERATED_MARK, LEGACY_REGRESSION_FILE, REGRESSION_FILE } from './replay/regressionTest.ts';

/**
 * Writes files under a folder, creating parent folders.
 * @param outDir - the folder
 * @param files - paths relative to it (POSIX separators) and contents
 * @returns the written paths (`outDir` joined with each file's path)
 */
export async function writeFiles(outDir: string, files: readonly ReportFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const f of files) {
    const path = join(outDir, ...f.path.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.content, 'utf8');
    written.push(path);
  }
  return written;
}

/** True when a file exists and starts with `mark`. */
const startsWith = async (path: string, mark: string): Promise<boolean> =>
  (await readFile(path, 'utf8').catch(() => '')).startsWith(mark);

/**
 * Removes the replay artifacts of an earlier run, so a fixed failure leaves no stale event or test behind. Only a
 * folder that holds our generated README or regression test is removed: `--out .` must never delete a user's own
 * `failures/`.
 */
async function clearOldArtifacts(outDir: string): Promise<void> {
  const dir = join(outDir, FAILURES_DIR);
  const ours =
    (await startsWith(join(dir, 'README.md'), README_MARK)) ||
    (await startsWith(join(dir, REGRESSION_FILE), GENERATED_MARK)) ||
    (await startsWith(join(dir, LEGACY_REGRESSION_FILE), GENERATED_MARK));
  if (ours) await rm(dir, { recursive: true, force: true });
}

/**
 * Writes the reports of a run into a folder: the chosen reporters' files and, when checks failed, the replay
 * artifacts (`failures/<check id>/<n>.event.json`, `<n>.input.json`, `failures/README.md`,
 * `failures/regression.replay.ts` and the Vitest config that runs it).
 * @param run - the run
 * @param outDir - the report folder (created when missing)
 * @param reporters - reporter names (`json`, `junit`, `markdown`, `html`, `badge`) @defaultValue all of them
 * @returns the written paths
 * @throws HarnessError `E_REPORTER` for unknown reporter names, before anything is written
 * @example
 * const paths = await writeReports(run, 'conformance-report', ['html', 'junit']);
 */
export async function writeReports(run: RunResult, outDir: string, reporters?: readonly string[]): Promise<string[]> {
  const files = renderReports(run, reporters);
  await clearOldArtifacts(outDir);
  return writeFiles(outDir, files);
}
