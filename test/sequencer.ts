/**
 * Vitest's order of test files, with one change: the kill matrix's shards go first. Vitest runs the files that took
 * longest last time first, and files it has no record of by size, largest first; the shards are a few lines each, so
 * on a fresh checkout (CI) they went last, and two of them wait out 5 s deadlines for about 40 s (timing fixtures):
 * the run ended waiting on them while the other cores sat idle. Once Vitest has a record of them, its own order
 * stands.
 */
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that wait on deadlines much longer than their size says. */
const WAITS = /\/test\/killMatrix\.\d+\.test\.ts$/;

export default class WaitsFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Vitest's own key for a file's record.
    const known = (f: TestSpecification): boolean =>
      this.ctx.cache.getFileTestResults(`${f.project.name}:${relative(this.ctx.config.root, f.moduleId)}`) !==
      undefined;
    const first = sorted.filter((f) => WAITS.test(f.moduleId) && !known(f));
    return [...first, ...sorted.filter((f) => !first.includes(f))];
  }
}
