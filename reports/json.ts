/** `report.json`: the run result as it is, described by `schema/report.schema.json` (versioned by `schemaVersion`). */
import type { RunResult } from '../harness/index.ts';

/**
 * Renders `report.json`: pretty JSON of the run, ending in a newline.
 * @param run - the run
 */
export function renderJson(run: RunResult): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
