/**
 * The case a check draws at a seed and fast-check path, found by generation alone (the handler does not run): the
 * run at the path's first number, then one shrink step per further number, as fast-check walks a path. A replay
 * runs exactly this case, and a printed replay line is trusted only when it leads back to its case.
 */
import fc from 'fast-check';
import { HarnessError } from '../runtime/errors.ts';
import type { Check, GenContext } from '../suites/check.ts';
import { eventHash } from './seeds.ts';

/**
 * The case at a seed and path.
 * @param check - the check
 * @param gen - the run's generator context (readings, pinned event readings, the config's values)
 * @param seed - the check's own seed
 * @param path - the fast-check path, e.g. `3:1:0`
 * @throws HarnessError `E_REPLAY` when the path leads to no case of this check under these options
 */
export function caseAt(check: Check, gen: GenContext, seed: number, path: string): unknown {
  const arb = check.arbitrary(gen);
  // A check that runs once draws its one case as `runCheck` does.
  if (check.once) return fc.sample(arb, { seed, numRuns: 1 })[0];
  const none = new HarnessError(
    'E_REPLAY',
    `seed ${seed} and path ${path} lead to no case of ${check.id} with these options: replay with the options of the ` +
      'run that printed them (the same tool version, config, readings), or replay the exact input with --from',
  );
  let found: { value: unknown } | undefined;
  try {
    // The property fails on the first value it sees, which ends the walk there: that value is the case at the path.
    fc.check(
      fc.property(arb, (value) => {
        found = { value };
        return false;
      }),
      { seed, path, numRuns: 1, endOnFailure: true },
    );
  } catch (e) {
    throw new HarnessError('E_REPLAY', none.message, { cause: e });
  }
  if (!found) throw none;
  return found.value;
}

/**
 * True when the seed and path lead back to the case with this event hash (under the run's generator context).
 * @param check - the check
 * @param gen - the run's generator context
 * @param seed - the check's own seed
 * @param path - the fast-check path
 * @param hash - the case's event hash
 */
export function leadsTo(check: Check, gen: GenContext, seed: number, path: string, hash: string): boolean {
  try {
    return eventHash(check.eventOf(caseAt(check, gen, seed, path))) === hash;
  } catch {
    return false;
  }
}
