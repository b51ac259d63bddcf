/**
 * Where each failure's replay files go: `failures/<check id, slashes as folders>/<n>.event.json`. Pure, so the
 * Markdown and HTML reports can point at the same files `writeReports` writes.
 */
import type { CheckResult, Counterexample, Failure, RunResult } from '../../harness/index.ts';

/** The folder of all replay artifacts, relative to the report folder. */
export const FAILURES_DIR = 'failures';

/** One failing case and the paths of its replay files (POSIX, relative to the report folder). */
export interface FailureCase {
  readonly check: CheckResult;
  readonly failure: Failure;
  readonly counterexample: Counterexample;
  /** Numbered within its folder, from 1. */
  readonly n: number;
  /**
   * The event alone: `sam local invoke -e`, `aws lambda invoke --payload fileb://…`. Undefined when the case has
   * no event (an end-to-end case whose trigger never ran).
   */
  readonly eventPath: string | undefined;
  /** The check's exact input, which the generated regression test replays. */
  readonly inputPath: string;
}

/**
 * A check id as a relative folder. Built-in ids are `topic/name`; user property ids are free text, so every
 * segment is reduced to safe file-name characters and can never be `.` or `..`.
 * @param checkId - a check id
 * @example checkDir('reply/shape') // "reply/shape"
 */
export function checkDir(checkId: string): string {
  return checkId
    .split('/')
    .map((s) => s.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+$/, '_') || '_')
    .join('/');
}

/**
 * The failing cases of a run with their replay file paths, in check order.
 * @param run - the run
 */
export function failureCases(run: RunResult): FailureCase[] {
  const used = new Map<string, number>();
  const out: FailureCase[] = [];
  for (const check of run.checks) {
    if (check.outcome !== 'fail') continue;
    for (const failure of check.failures) {
      const cx = failure.counterexample;
      const dir = `${FAILURES_DIR}/${checkDir(check.id)}`;
      // Two ids can reduce to the same folder (`a b` and `a-b`): the number keeps their files apart.
      const n = (used.get(dir) ?? 0) + 1;
      used.set(dir, n);
      out.push({
        check,
        failure,
        counterexample: cx,
        n,
        eventPath: cx.event === null || cx.event === undefined ? undefined : `${dir}/${n}.event.json`,
        inputPath: `${dir}/${n}.input.json`,
      });
    }
  }
  return out;
}
