/**
 * Vitest's order of test files, with one change: the kill matrix's shards go first. Vitest runs the files that took
 * longest last time first, and files it has no record of by size, largest first; the shards are a few lines each, so
 * on a fresh checkout (CI) they went last, and each waits out 5 s deadlines for about 30 s (its timing fixtures):
 * the run ended waiting on them while the other cores sat idle. Once Vitest has a record of them, its own order
 * stands.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that wait on deadlines much longer than their size says. */
const WAITS = /\/test\/killMatrix\.\d+\.test\.ts$/;

export default class WaitsFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const known = (f: TestSpecification): boolean =>
      this.ctx.cache.getFileTestResults(`${f.project.name}:${f.moduleId.slice(this.ctx.config.root.length + 1)}`) !==
      undefined;
    const first = sorted.filter((f) => WAITS.test(f.moduleId) && !known(f));
    return [...first, ...sorted.filter((f) => !first.includes(f))];
  }
}
