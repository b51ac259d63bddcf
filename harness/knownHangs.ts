/**
 * Hangs a run has found, shared by its checks, so that a handler that hangs on some inputs costs a deadline per
 * check rather than the run. A handler that spins on an empty dataset meets every check that draws one; each such
 * case waits out the deadline, and shrinking one waits on every step. So once a check has found and shrunk a hang,
 * it is registered here with the input classes of its smallest case, and every other check:
 *
 * 1. first tries one case of its own that carries those classes (`probeCase`): if that hangs the same way, the
 *    check fails with it at once, attributed to the check that shrank it, not shrunk again, and stops there (its
 *    next case could hang again, and each waits out a deadline);
 * 2. otherwise it draws its cases as usual, and a hang met among them is taken for the known one at once, not
 *    shrunk, and ends the check's search the same way.
 *
 * So a check pays one deadline for a hang the run knows. The price: a check that met the hang does not look
 * further for other failures (the checks that never meet it do, and so does the check that shrank it, which runs
 * no more cases of the hang's classes when they predict it: the case that first hung carried them too).
 *
 * A probe that does not hang confirms nothing (the smallest case's classes were incidental: a hang on keys with a
 * colon shrinks to one record, whose classes many cases share), and the check runs every case. When checks shrank
 * the same hang to cases of different classes, what those share is tried first: a handler that hangs on every
 * event without records shrinks to `empty-dataset, no-patches` in one check and `no-patches, untouched-tombstones`
 * in another, and `no-patches` is what predicts it.
 */
import fc from 'fast-check';
import type { Check } from '../suites/check.ts';
import { subSeed } from './seeds.ts';

/** One hang as a check found and shrank it. */
export interface KnownHang {
  /** Its signature key (`timed-out`). */
  readonly key: string;
  /** The input classes of its smallest case. */
  readonly classes: readonly string[];
  /** The check that shrank it. */
  readonly checkId: string;
}

/** How many of its own cases a check draws to find one that carries a hang's classes. */
const PROBE_DRAWS = 200;

/** The hangs of a run. */
export class KnownHangs {
  private readonly hangs: KnownHang[] = [];

  /** Registers a shrunk hang (the first of a signature and class set stays). */
  add(h: KnownHang): void {
    const same = (x: KnownHang): boolean => x.key === h.key && sameClasses(x.classes, h.classes);
    if (!this.hangs.some(same)) this.hangs.push({ ...h, classes: [...h.classes] });
  }

  /** How many hangs are known. */
  get size(): number {
    return this.hangs.length;
  }

  /** The hangs known now. */
  list(): readonly KnownHang[] {
    return [...this.hangs];
  }

  /**
   * What to probe for each hang signature: the classes every shrunk case of it shares, when more than one check
   * shrank it and they share some, then each shrunk case's own classes.
   */
  probes(): readonly (readonly KnownHang[])[] {
    const keys = [...new Set(this.hangs.map((h) => h.key))];
    return keys.map((key) => {
      const same = this.hangs.filter((h) => h.key === key);
      const [first, ...rest] = same;
      if (!first || !rest.length) return same;
      const shared = first.classes.filter((c) => rest.every((h) => h.classes.includes(c)));
      return shared.length ? [{ key, classes: shared, checkId: first.checkId }, ...same] : same;
    });
  }
}

/** Whether two class sets are the same, in any order. */
export const sameClasses = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((c) => b.includes(c));

/**
 * Whether a case carries every class of a hang.
 * @param classes - the case's classes
 * @param hang - the hang's classes
 */
export function carries(classes: readonly string[], hang: readonly string[]): boolean {
  return hang.every((c) => classes.includes(c));
}

/**
 * A case of a check that carries a hang's classes, with the seed and path that draw it again; undefined when the
 * check draws none in its first tries (or cannot classify its cases).
 * @param check - the check
 * @param arbitrary - its arbitrary under the run's options
 * @param seed - the check's seed
 * @param hang - the hang
 */
export function probeCase(
  check: Check,
  arbitrary: fc.Arbitrary<unknown>,
  seed: number,
  hang: KnownHang,
): { input: unknown; seed: number; path: string } | undefined {
  if (!check.classify || !hang.classes.length) return undefined;
  const probeSeed = subSeed(seed, `known-hang/${hang.classes.join(',')}`);
  // Drawn lazily, stopping at the first that carries the classes (a case may be a 1 MB dataset): the property
  // "fails" there, and the run's path draws it again, as `caseAt` does.
  let found: { value: unknown } | undefined;
  const details = fc.check(
    fc.property(arbitrary, (input) => {
      if (!carries(check.classify?.(input) ?? [], hang.classes)) return true;
      found = { value: input };
      return false;
    }),
    { seed: probeSeed, numRuns: PROBE_DRAWS, endOnFailure: true },
  );
  if (!found || !details.failed || details.counterexamplePath === null) return undefined;
  return { input: found.value, seed: probeSeed, path: details.counterexamplePath };
}
