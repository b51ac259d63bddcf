/**
 * The user's own domain properties, run exactly like built-in checks: each gets a case, the handler's reply, the
 * model's verdict and the datasets before and after, and says whether they hold.
 */
import type { DatasetValues, SyncTriggerEvent, Verdict, Violation } from '../model/index.ts';
import { anyCase, type SyncCase, classifyCase } from './_shared/cases.ts';
import { runCase } from './_shared/caseRun.ts';
import { defineCheck, type Check, type CheckLevel } from './check.ts';
import type { InvocationOutcome } from '../model/invocation.ts';

/** What a user property sees of one case. */
export interface PropertyContext {
  readonly event: SyncTriggerEvent;
  /** The reply as parsed JSON (undefined when the handler did not reply). */
  readonly reply: unknown;
  readonly outcome: InvocationOutcome;
  readonly verdict: Verdict;
  /** Live values before the update. */
  readonly before: DatasetValues;
  /** Live values Cognito would leave, or null when the update fails. */
  readonly after: DatasetValues | null;
  readonly violations: readonly Violation[];
}

/**
 * A user property: return `true`/nothing when it holds, `false` or a message when it does not (throwing fails too).
 * @example
 * { name: 'score-is-numeric', check: ({ after }) => after === null || /^\d+$/.test(after.score ?? '0') }
 */
export interface UserProperty {
  /** Becomes the check id `user/<name>`; letters, digits, `-`, `_`, `.` only. */
  readonly name: string;
  /** @defaultValue 'must' */
  readonly level?: CheckLevel;
  readonly description?: string;
  readonly check: (ctx: PropertyContext) => boolean | string | undefined | Promise<boolean | string | undefined>;
}

/** Valid user property names. */
export const USER_PROPERTY_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const parse = (o: InvocationOutcome): unknown => {
  if (o.kind !== 'replied') return undefined;
  try {
    return JSON.parse(o.json) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * Turns a user property into a check with id `user/<name>`.
 * @param p - the property
 */
export function userCheck(p: UserProperty): Check<SyncCase> {
  return defineCheck<SyncCase>({
    id: `user/${p.name}`,
    title: p.description ?? p.name,
    level: p.level ?? 'must',
    basis: 'documented',
    clause: 'user',
    description: p.description ?? `The user's property "${p.name}".`,
    arbitrary: anyCase,
    classify: classifyCase,
    eventOf: (c) => c.event,
    async property(c, ctx) {
      const { outcome, verdict, evidence } = await runCase(c, ctx);
      const view: PropertyContext = {
        event: c.event,
        reply: parse(outcome),
        outcome,
        verdict,
        before: c.before,
        after: verdict.status === 'accepted' ? verdict.after : null,
        violations: verdict.violations,
      };
      let held: unknown;
      try {
        held = await p.check(view);
      } catch (e) {
        return { ok: false, messages: [`property "${p.name}" threw: ${safeText(e)}`], evidence };
      }
      if (held === true || held === undefined) return { ok: true, evidence };
      if (held === false) return { ok: false, messages: [`property "${p.name}" does not hold`], evidence };
      if (typeof held === 'string') return { ok: false, messages: [held], evidence };
      // The user's own code returned something else: say so as the property's failure, in words that cannot throw.
      return {
        ok: false,
        messages: [
          `property "${p.name}" returned ${safeText(held)}, not true or nothing (it holds), false or a message ` +
            '(it does not): fix the property in your config',
        ],
        evidence,
      };
    },
  });
}

/**
 * Text of a value user code produced (a thrown value, a property's result), never throwing itself: a Symbol, an
 * object whose `toString` or `message` throws, or a revoked Proxy is described by its type.
 * @param v - the value
 */
export function safeText(v: unknown): string {
  try {
    if (v instanceof Error) return `${v.name}: ${v.message}`;
    if (typeof v === 'symbol') return `a symbol (${v.description ?? ''})`;
    if (typeof v === 'string') return v;
    if (typeof v === 'object' && v !== null) return `an object ${JSON.stringify(v)}`;
    return `${typeof v} ${String(v)}`;
  } catch {
    return `a value of type ${typeof v} that cannot be shown (its conversion to text threw)`;
  }
}
