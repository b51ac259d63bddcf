/**
 * The user's own domain properties, run exactly like built-in checks: each gets a case, the handler's reply, the
 * model's verdict and the datasets before and after, and says whether they hold.
 */
import {
  judgeOnStored,
  liveValues,
  type DatasetValues,
  type SyncTriggerEvent,
  type Verdict,
  type Violation,
} from '../model/index.ts';
import { anyCase, type SyncCase, classifyCase } from './_shared/cases.ts';
import { runCase } from './_shared/caseRun.ts';
import {
  runSession,
  sessionEvidence,
  type ObservedCall,
  type StepWatch,
  sessionInput,
  SESSION_CASES,
  targetRun,
  targetTrigger,
  type SessionInput,
} from './_shared/sessionRun.ts';
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
  /**
   * Set when the property runs inside a session (`user/<name>/sessions`): the step whose sync ran the trigger (its
   * row in the timeline; 0 while the devices settle) and the device that synced.
   */
  readonly session?: { readonly step: number; readonly device: string };
}

/**
 * A user property: return `true`/nothing when it holds, `false` or a message when it does not (throwing fails too).
 * It runs on single events (`user/<name>`) and on every run of the trigger in sessions of several devices
 * (`user/<name>/sessions`).
 * @example
 * { name: 'score-is-numeric', check: ({ after }) => after === null || /^\d+$/.test(after.score ?? '0') }
 */
export interface UserProperty {
  /** Becomes the check ids `user/<name>` and `user/<name>/sessions`; letters, digits, `-`, `_`, `.` only. */
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
      const held = await holds(p, view);
      return held.ok ? { ok: true, evidence } : { ok: false, messages: held.messages, evidence };
    },
  });
}

/**
 * Turns a user property into a check with id `user/<name>/sessions`: sessions of several devices run with the
 * handler as the Sync Trigger of the model, and the property is asked of every run of the trigger, in order.
 * @param p - the property
 */
export function userSessionCheck(p: UserProperty): Check<SessionInput> {
  return defineCheck<SessionInput>({
    ...SESSION_CASES,
    id: `user/${p.name}/sessions`,
    title: `${p.description ?? p.name} (in sessions)`,
    level: p.level ?? 'must',
    basis: 'documented',
    clause: 'user',
    description: `The user's property "${p.name}", asked of every run of the trigger in sessions of 2–3 devices editing, deleting and syncing (some syncs throttled, some answers lost and resent, conflicts resolved by a policy); edits of the config's \`values\` keys draw from them.`,
    arbitrary: (gen) => sessionInput(gen, true),
    async property({ session }, ctx) {
      const invocations: InvocationOutcome[] = [];
      let broken:
        | {
            readonly call: ObservedCall;
            readonly outcome: InvocationOutcome;
            readonly messages: readonly string[];
            readonly verdict: Verdict;
            readonly before: DatasetValues;
          }
        | undefined;
      let asked = 0;
      const watch: StepWatch = async (calls) => {
        for (const call of calls) {
          const outcome = invocations[asked++];
          if (!outcome) throw new Error('a session ran the trigger more often than it invoked the handler');
          const before = liveValues(call.before);
          const verdict = judgeOnStored(call.before, call.event, call.result, ctx.readings);
          const held = await holds(p, {
            event: call.event,
            reply: parse(outcome),
            outcome,
            verdict,
            before,
            after: verdict.status === 'accepted' ? verdict.after : null,
            violations: verdict.violations,
            session: { step: call.at, device: call.device },
          });
          if (!held.ok) {
            broken = { call, outcome, messages: held.messages, verdict, before };
            return true;
          }
        }
        return false;
      };
      const trace = await runSession(session, targetTrigger(ctx, invocations), { ...targetRun(ctx), watch });
      if (!broken) return { ok: true };
      const { call, outcome, messages, verdict, before } = broken;
      const device = trace.runner.devices.findIndex((d) => d.id === call.device);
      trace.runner.note(call.at, Math.max(0, device), `property "${p.name}" does not hold here`);
      // Expected: what the service would store had the trigger echoed the event (the devices' intent).
      const echo = judgeOnStored(
        call.before,
        call.event,
        { kind: 'reply', json: JSON.stringify(call.event) },
        ctx.readings,
      );
      const evidence = sessionEvidence(
        trace,
        // The run the property failed on: an earlier one that threw is another root cause, not this one's.
        [outcome],
        echo.status === 'accepted' ? echo.after : before,
        verdict.status === 'accepted' ? verdict.after : before,
      );
      return {
        ok: false,
        messages: [
          ...messages,
          `${call.at ? `at step ${String(call.at)}` : 'while the devices settle'}, in the run of the trigger for ${call.device}'s sync`,
        ],
        evidence: { ...evidence, event: call.event, verdict },
      };
    },
  });
}

/**
 * The check whose root causes a check shares: a property in sessions (`user/<name>/sessions`) breaks the same
 * property as on single events (`user/<name>`); every other check is its own.
 * @param checkId - a check id
 */
export function propertyOf(checkId: string): string {
  return /^(user\/[^/]+)\/sessions$/.exec(checkId)?.[1] ?? checkId;
}

/** Asks a user property of one view; what it threw or returned that is not an answer is its failure. */
async function holds(
  p: UserProperty,
  view: PropertyContext,
): Promise<{ readonly ok: true } | { readonly ok: false; readonly messages: readonly string[] }> {
  let held: unknown;
  try {
    held = await p.check(view);
  } catch (e) {
    return { ok: false, messages: [`property "${p.name}" threw: ${safeText(e)}`] };
  }
  if (held === true || held === undefined) return { ok: true };
  if (held === false) return { ok: false, messages: [`property "${p.name}" does not hold`] };
  if (typeof held === 'string') return { ok: false, messages: [held] };
  // The user's own code returned something else: say so as the property's failure, in words that cannot throw.
  return {
    ok: false,
    messages: [
      `property "${p.name}" returned ${safeText(held)}, not true or nothing (it holds), false or a message ` +
        '(it does not): fix the property in your config',
    ],
  };
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
