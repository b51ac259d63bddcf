/**
 * One failure per root cause: the failures of all checks grouped by signature. A handler that throws on a null
 * entry fails every check whose cases carried one; that is one root cause, seen in several checks, with the
 * smallest counterexample any of them found. Its home is the check whose input classes explain it: of the checks
 * it showed in, the one forcing the most classes that every counterexample of it carries (the null-entry crash
 * shows with null entries every time: `robustness/null-entries`; a crash on every event: `robustness/any-event`);
 * ties go to a `robustness/` check for a handler that did not reply (that is what those checks are about), then to
 * catalog order. A max-records check that met the null-entry crash did not find a bug of its own
 * class, so the crash is counted once, under its home, and named in the others.
 */
import { isJsonObject } from '../model/index.ts';
import { failuresOf, type CheckResult, type RootCause } from './result.ts';

/** One sighting of a failure: the check, its index in the check's failures, the size of its event. */
interface Seen {
  readonly check: CheckResult;
  readonly index: number;
  readonly size: number;
}

/** What grouping needs of each check besides its result: the input classes its generator forces. */
export type ClassesOf = (checkId: string) => readonly string[];

/** A session check's input (`{ session }`), as its counterexample keeps it. */
const isSessionInput = (input: unknown): boolean => isJsonObject(input) && 'session' in input;

const size = (event: unknown): number => {
  try {
    return JSON.stringify(event).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

/**
 * Groups the failures of a run into root causes, numbered in catalog order of their home check.
 * @param checks - the check results, in catalog order
 * @param classesOf - the forced classes of a check (none for user properties)
 */
export function rootCausesOf(checks: readonly CheckResult[], classesOf: ClassesOf): RootCause[] {
  const groups = new Map<string, { title: string; kind: RootCause['kind']; seen: Seen[] }>();
  for (const check of checks) {
    failuresOf(check).forEach((f, index) => {
      const g = groups.get(f.signature) ?? { title: f.title, kind: f.kind, seen: [] };
      // A session's example is the whole session and its timeline, not its one event: a single event that shows the
      // same is smaller.
      const cx = f.counterexample;
      const session = (cx.timeline ? size(cx.timeline) : 0) + (isSessionInput(cx.input) ? size(cx.input) : 0);
      g.seen.push({ check, index, size: size(cx.event) + session });
      groups.set(f.signature, g);
    });
  }
  const order = new Map(checks.map((c, i) => [c.id, i]));
  const causes = [...groups.entries()].map(([signature, g]) => {
    // A session's classes describe its steps, not the events in it: they neither show nor refute an event's class.
    const events = g.seen.filter((s) => !isSessionInput(failuresOf(s.check)[s.index]?.counterexample.input));
    const carried = (cls: string): boolean =>
      events.every((s) => failuresOf(s.check)[s.index]?.counterexample.classes.includes(cls) === true);
    const explains = g.seen.filter((s) => classesOf(s.check.id).every(carried));
    const robustness = (x: Seen): number => (g.kind === 'handler' && x.check.id.startsWith('robustness/') ? 0 : 1);
    const byOrder = (a: Seen, b: Seen): number =>
      robustness(a) - robustness(b) || (order.get(a.check.id) ?? 0) - (order.get(b.check.id) ?? 0);
    const home = explains.length
      ? [...explains].sort((a, b) => classesOf(b.check.id).length - classesOf(a.check.id).length || byOrder(a, b))[0]
      : [...g.seen].sort((a, b) => classesOf(a.check.id).length - classesOf(b.check.id).length || byOrder(a, b))[0];
    const smallest = [...g.seen].sort((a, b) => a.size - b.size)[0];
    return {
      signature,
      // The example's own title: one signature can cover messages that differ in quoted text (`reading 'length'`,
      // `reading 'newValue'` at one line), and the title must say what the example shows.
      title: (smallest && failuresOf(smallest.check)[smallest.index]?.title) ?? g.title,
      kind: g.kind,
      level: g.seen.some((s) => s.check.level === 'must') ? ('must' as const) : ('should' as const),
      home: home?.check.id ?? '',
      checks: [...new Set(g.seen.map((s) => s.check.id))],
      example: { check: smallest?.check.id ?? '', failure: smallest?.index ?? 0 },
    };
  });
  causes.sort((a, b) => (order.get(a.home) ?? 0) - (order.get(b.home) ?? 0));
  return causes.map((c, i) => ({ id: `R${String(i + 1)}`, ...c }));
}
