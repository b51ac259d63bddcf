/**
 * Vitest's order of test files, with one change: the files that spend most of their time waiting go first, each
 * beside one that works, so that their waits overlap the work of the rest. Vitest runs the files that took longest last time first, and files it
 * has no record of by size, largest first. The kill matrix's shards are a few lines each, so on a fresh checkout
 * (CI) they went last, and two of them wait out 5 s deadlines for about 40 s (timing fixtures): the run ended
 * waiting on them while the other cores sat idle. The hang tests (deadlines too) and the Runtime API's whole-suite
 * tests (runtimes that sleep before they start) ran at the end, beside the unit files, for the same reason.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that wait on deadlines and sleeps much longer than their size says. */
const WAITS = /\/(test\/killMatrix\.\d+\.test|test\/hangs\.e2e\.test|runtime\/api\/suite\.e2e\.test)\.ts$/;

export default class WaitsFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const waits = sorted.filter((f) => WAITS.test(f.moduleId));
    const rest = sorted.filter((f) => !waits.includes(f));
    // Each beside one of the others, in Vitest's order: a worker that waits leaves its core to one that works.
    return [...waits.flatMap((w, i) => [w, ...rest.slice(i, i + 1)]), ...rest.slice(waits.length)];
  }
}
