/**
 * The generated cases of a check, and every distinct failure among them, each shrunk on its own (as Hypothesis
 * reports several distinct bugs): a pass of fast-check runs until a case fails with a signature not found yet,
 * shrinks it to the smallest case that fails the same way (a candidate failing another way does not count), and
 * the next pass, from its own seed, goes on with the budget that is left, looking past the failures already found.
 * Each failure replays from its pass's seed and path.
 */
import fc from 'fast-check';
import type { Check } from '../suites/check.ts';
import { evaluateCase, type CaseFailure, type watchInvocations } from './caseEval.ts';
import { subSeed } from './seeds.ts';

/** What a check threw, as an error to throw on (fast-check needs one to stop). */
function asError(e: unknown): Error {
  if (e instanceof Error) return e;
  try {
    return new Error(JSON.stringify(e));
  } catch {
    return new Error('a check threw a value that is not an Error');
  }
}

/**
 * A fast-check plugin that interrupts a run once `signal` is aborted, as its time limit does: no case is drawn or run
 * after it, and a shrink under way ends at the smallest failure found so far.
 */
function stopOn(signal: AbortSignal): fc.Plugin<[unknown]> {
  return () => ({
    decorateRun: (run) => (value) => (signal.aborted ? new fc.PreconditionFailure(true) : run(value)),
  });
}

/** Distinct failures a check reports at most. */
const MAX_DISTINCT_FAILURES = 4;

/**
 * Shrink candidates that time out after which shrinking stops at the smallest failure found (each costs a deadline;
 * fast-check tries the boldest candidates first, so the first that hangs is already small).
 */
const MAX_SHRINK_TIMEOUTS = 1;

/**
 * Cases in a row that fail again with a failure already found after which a check stops looking for more: the rest
 * of its budget would mostly find the same bug again. Not fewer: generators favour what discovery found, so a bug on
 * a discovered dataset name can fail three cases in four, and a second bug must still get its turn (at 3 a handler
 * with a ReferenceError on its one dataset name hid its null-entry crash in every check).
 */
const MAX_KNOWN_IN_A_ROW = 8;
/**
 * Hangs already found that a check meets again, in all, after which it stops looking for more: each one waits out
 * a deadline, and the check fails with the hang already (a hang costs a deadline, not the run).
 */
const MAX_KNOWN_HANGS = 1;

/** A failure found among generated cases, with what replays it. */
export interface FoundFailure extends CaseFailure {
  readonly input: unknown;
  readonly seed: number;
  readonly path: string;
  readonly numShrinks: number;
  /** The handler hung (missed the deadline) in the case. */
  readonly hung?: boolean;
  /** Not shrunk here: the same hang was shrunk in this other check (`knownHangs.ts`). */
  readonly attributedTo?: string;
}

/** What the generated phase needs. */
export interface GeneratedPhaseOptions {
  readonly check: Check;
  readonly arbitrary: fc.Arbitrary<unknown>;
  readonly watched: ReturnType<typeof watchInvocations>;
  /** The check's seed: the first pass uses it as is (so a single failure replays as before). */
  readonly seed: number;
  readonly runs: number;
  /** Epoch ms past which no pass starts and a running one is interrupted. */
  readonly deadline?: number;
  /** Once aborted, no case starts: the pass ends, and a shrink under way stops at the smallest failure found so far. */
  readonly signal?: AbortSignal;
  /** Signatures already found (stored failures): not news. */
  readonly known: ReadonlySet<string>;
  /**
   * Hangs other checks shrank, by signature, with the check that did: one met here is this check's failure at
   * once, not shrunk again.
   */
  readonly attribute?: ReadonlyMap<string, string>;
  /** Whether a case is not run at all: it carries the classes of a hang this check confirmed. */
  readonly skip?: (input: unknown) => boolean;
  /** Told of each hang a pass found and shrank, with the case that first hung (before shrinking). */
  readonly onHang?: (failure: FoundFailure, original: unknown) => void;
  readonly onCase: (input: unknown) => void;
  readonly cwd?: string;
}

/** What the generated phase found. */
export interface GeneratedPhaseResult {
  readonly failures: readonly FoundFailure[];
  readonly generated: number;
  /** The time ran out before the budget of cases was spent. */
  readonly interrupted: boolean;
  /** The signal stopped it before the budget of cases was spent. */
  readonly stopped: boolean;
  /** What a check threw (harness trouble, or a bug in a check), ending the phase. */
  readonly aborted?: unknown;
  /** Cases drawn but not run: they carry the classes of a confirmed hang. */
  readonly skipped: number;
}

/**
 * Runs the generated cases of a check.
 * @param o - the check, its arbitrary and context, seed, budget and limits
 */
export async function generatedPhase(o: GeneratedPhaseOptions): Promise<GeneratedPhaseResult> {
  const failures: FoundFailure[] = [];
  const known = new Set(o.known);
  let generated = 0;
  let interrupted = false;
  let aborted: unknown;
  let skipped = 0;
  let knownHangs = 0;
  const stopped = (): boolean => o.signal?.aborted === true;
  for (let pass = 0; pass < MAX_DISTINCT_FAILURES && generated < o.runs && !stopped(); pass++) {
    const remainingMs = o.deadline === undefined ? undefined : o.deadline - Date.now();
    if (remainingMs !== undefined && remainingMs <= 0) {
      interrupted = true;
      break;
    }
    const seed = pass === 0 ? o.seed : subSeed(o.seed, `distinct/${String(pass)}`);
    let target: FoundFailure | undefined;
    let original: unknown;
    let shrinkTimeouts = 0;
    let knownInARow = 0;
    /** Cases this pass drew so far: the path of the next one, unshrunk. */
    let drawn = 0;
    // An object: the property sets it, and the compiler does not follow assignments in closures. `over`: the pass
    // has ended, so a case fast-check abandoned at the time limit, still running, is neither judged nor counted.
    const state = { giveUp: false, over: false };
    const property = fc.asyncProperty(o.arbitrary, async (input) => {
      if (aborted !== undefined) throw asError(aborted);
      if (state.giveUp) return true;
      // Out of shrink budget for hangs: the candidates left count as not failing, so the smallest found stands.
      if (target && shrinkTimeouts >= MAX_SHRINK_TIMEOUTS) return true;
      if (!target) {
        drawn++;
        if (o.skip?.(input)) {
          generated++;
          o.onCase(input);
          skipped++;
          return true;
        }
      }
      let r;
      try {
        r = await evaluateCase(o.check, input, o.watched, o.cwd);
      } catch (e) {
        if (state.over) return true;
        aborted = e ?? new Error('unknown failure');
        throw e;
      }
      if (state.over) return true;
      // Counted once judged: a check whose time runs out reports the cases it judged, not the one cut off.
      if (!target) {
        generated++;
        o.onCase(input);
      }
      if (target) {
        if (r.hung) shrinkTimeouts++;
        if (r.ok || r.signature.key !== target.signature.key) return true;
        target = { ...target, input, out: r.out, signature: r.signature };
        return false;
      }
      if (r.ok) {
        knownInARow = 0;
        return true;
      }
      const shrunkElsewhere = o.attribute?.get(r.signature.key);
      if (shrunkElsewhere !== undefined && !known.has(r.signature.key)) {
        known.add(r.signature.key);
        failures.push({ ...r, input, seed, path: String(drawn - 1), numShrinks: 0, attributedTo: shrunkElsewhere });
        // A hang the run knows, met where no class predicted it: the next case could hang again.
        if (r.hung) state.giveUp = true;
        return true;
      }
      if (known.has(r.signature.key)) {
        knownInARow++;
        if (r.hung) knownHangs++;
        if (knownInARow >= MAX_KNOWN_IN_A_ROW || knownHangs >= MAX_KNOWN_HANGS) state.giveUp = true;
        return true;
      }
      target = { input, out: r.out, signature: r.signature, seed, path: '', numShrinks: 0, hung: r.hung };
      original = input;
      return false;
    });
    const details = await fc.check(property, {
      seed,
      numRuns: o.runs - generated,
      endOnFailure: o.check.noShrink === true,
      ...(remainingMs !== undefined ? { interruptAfterTimeLimit: remainingMs, markInterruptAsFailure: false } : {}),
      ...(o.signal ? { plugins: [stopOn(o.signal)] } : {}),
    });
    state.over = true;
    if (aborted !== undefined) return { failures, generated, interrupted, stopped: stopped(), aborted, skipped };
    const found: FoundFailure | undefined = target;
    if (details.failed && found) {
      const failure = {
        ...found,
        seed: details.seed,
        path: details.counterexamplePath ?? '',
        numShrinks: details.numShrinks,
      };
      failures.push(failure);
      known.add(found.signature.key);
      if (failure.hung) o.onHang?.(failure, original);
    }
    if (details.interrupted) {
      interrupted = generated < o.runs;
      break;
    }
    if (!details.failed || state.giveUp) break;
  }
  return { failures, generated, interrupted, stopped: stopped() && generated < o.runs, skipped };
}
