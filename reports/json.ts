/**
 * `report.json`: the run result, described by `schema/report.schema.json` (versioned by `schemaVersion`). A huge
 * counterexample is written once: its `input` (what replay re-runs) is kept whole, and a copy of one of its parts
 * (`event`, `stored`, `expected`, `resulting`) is left out and named in `inInput` instead, a JSON Pointer into the
 * input. `expandReport` puts the copies back.
 */
import type { RunResult } from '../harness/index.ts';
import { jsonText } from './visible.ts';

/** Serialized size from which a copy of a part of the input is written only once, inside `input`. */
const SHARED_MIN_CHARS = 16_384;

/** The counterexample fields that may be written as a pointer into the input. */
const SHAREABLE = ['event', 'stored', 'expected', 'resulting'] as const;

/** A counterexample as report.json may hold it: some fields left out and named in `inInput`. */
type Written = Record<string, unknown> & { readonly input?: unknown; readonly inInput?: Record<string, string> };

const pointerToken = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Left-out fields of one counterexample: each large field whose JSON equals the input or one of its own fields. */
function shareWithInput(cx: Record<string, unknown>): Written {
  const input = cx.input;
  const candidates = new Map<string, string>();
  const inputText = JSON.stringify(input ?? null);
  if (inputText.length >= SHARED_MIN_CHARS) candidates.set(inputText, '');
  if (isObject(input))
    for (const key of Object.keys(input)) {
      const text = JSON.stringify(input[key] ?? null);
      if (text.length >= SHARED_MIN_CHARS && !candidates.has(text)) candidates.set(text, `/${pointerToken(key)}`);
    }
  if (!candidates.size) return cx;
  const out: Record<string, unknown> = { ...cx };
  const inInput: Record<string, string> = {};
  for (const field of SHAREABLE) {
    if (!(field in cx)) continue;
    const text = JSON.stringify(cx[field] ?? null);
    const pointer = text.length >= SHARED_MIN_CHARS ? candidates.get(text) : undefined;
    if (pointer === undefined) continue;
    inInput[field] = pointer;
    Reflect.deleteProperty(out, field);
  }
  return Object.keys(inInput).length ? { ...out, inInput } : cx;
}

/**
 * The run as report.json holds it: huge copies of the input's parts left out (see the module comment).
 * @param run - the run
 */
function compactReport(run: RunResult): unknown {
  return {
    ...run,
    checks: run.checks.map((c) =>
      c.outcome === 'fail'
        ? {
            ...c,
            failures: c.failures.map((f) => ({
              ...f,
              counterexample: shareWithInput(f.counterexample as unknown as Written),
            })),
          }
        : c,
    ),
  };
}

/** Follows a JSON Pointer (RFC 6901) from a value; undefined when it leads nowhere. */
function follow(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let at: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(at) || !Object.prototype.hasOwnProperty.call(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

/**
 * Puts back what `report.json` wrote only once: each field a counterexample names in `inInput` is read from its
 * input. A report without `inInput` comes back as it was.
 * @param report - a parsed report.json
 * @returns the report with every counterexample whole
 * @example
 * const run = expandReport(JSON.parse(await readFile('report/report.json', 'utf8'))) as RunResult;
 */
export function expandReport(report: unknown): unknown {
  if (!isObject(report) || !Array.isArray(report.checks)) return report;
  const whole = (counterexample: unknown): unknown => {
    if (!isObject(counterexample) || !isObject(counterexample.inInput)) return counterexample;
    const { inInput, ...cx } = counterexample;
    for (const [field, pointer] of Object.entries(inInput))
      if (typeof pointer === 'string') cx[field] = follow(cx.input, pointer);
    return cx;
  };
  const checks = report.checks.map((c: unknown) => {
    if (!isObject(c) || !Array.isArray(c.failures)) return c;
    const failures = c.failures.map((f: unknown) =>
      isObject(f) ? { ...f, counterexample: whole(f.counterexample) } : f,
    );
    return { ...c, failures };
  });
  return { ...report, checks };
}

/**
 * Renders `report.json`: pretty JSON of the run, ending in a newline. Characters JSON leaves raw but a terminal
 * would act on (DEL, C1, bidi controls) are written as `\uXXXX` escapes: the same value, read back by `JSON.parse`.
 * @param run - the run
 */
export function renderJson(run: RunResult): string {
  return `${jsonText(compactReport(run), 2)}\n`;
}
