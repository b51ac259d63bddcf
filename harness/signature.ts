/**
 * What makes two failures the same bug: a signature, as Hypothesis tells distinct bugs apart. A handler that
 * failed to reply is signed by how (threw, crashed, timed out, finished without completing), its error type and
 * its own top stack frame (the first frame in the handler's files, not the runtime's or the tool's), so the same
 * null-entry crash is one signature in every check it shows in, and a different crash on another line is another.
 * A reply the check judged wrong is signed by the check and the first thing the model found wrong with it.
 */
import { join, sep } from 'node:path';
import type { InvocationOutcome } from '../model/index.ts';
import type { CaseOutcome } from '../suites/check.ts';
import { propertyOf } from '../suites/user.ts';
import { PACKAGE_ROOT } from './version.ts';

/** A failure's identity and its one-line title. */
export interface Signature {
  /** Stable text: equal for the same bug. */
  readonly key: string;
  /** Whether the handler failed to reply (a root cause shared by checks) or the check judged a reply wrong. */
  readonly kind: 'handler' | 'check';
  /** One line for people: `TypeError: Cannot read properties of null (reading 'op') at handler.js:12`. */
  readonly title: string;
}

/** Frames that are not the handler's: Node's internals, dependencies, evaluated code. */
const FOREIGN = /\(?node:|node_modules|<anonymous>|\[eval\]/;
/** The tool's own code (its runtime emulation calls the handler), wherever the package is. */
const TOOL_CODE = PACKAGE_ROOT
  ? ['runtime', 'harness', 'model', 'suites', 'generators', 'dist'].map((d) => join(PACKAGE_ROOT ?? '', d) + sep)
  : [];
const foreign = (line: string): boolean => FOREIGN.test(line) || TOOL_CODE.some((d) => line.includes(d));

/**
 * The handler's own top frame of a stack trace, as `file:line` (relative to `cwd` when under it).
 * @param trace - the error's trace lines
 * @param cwd - the working directory
 */
function handlerFrame(trace: readonly string[], cwd = process.cwd()): string | undefined {
  for (const line of trace) {
    if (!/^\s*at\s/.test(line) || foreign(line)) continue;
    const m = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):\d+\)?\s*$/.exec(line);
    if (!m) continue;
    const file = (m[1] ?? '').replace(/^file:\/\//, '');
    const rel = file.startsWith(cwd + sep) ? file.slice(cwd.length + 1) : file;
    return `${rel}:${m[2] ?? ''}`;
  }
  return undefined;
}

/** Digits and quoted text vary between cases of one bug: a message without them. */
const shape = (s: string): string =>
  s
    .replace(/(["'`]).*?\1/g, '…')
    .replace(/\d+/g, 'N')
    .slice(0, 200);

/**
 * The invocation that did not reply, if any: the handler threw, crashed, hung, or never completed (even where the
 * runtime then sends `null` for it, the handler itself said nothing).
 */
export function nonReply(invocations: readonly InvocationOutcome[]): InvocationOutcome | undefined {
  return invocations.find((o) => o.kind !== 'replied');
}

/**
 * The signature of an invocation that did not reply.
 * @param o - the invocation
 * @param cwd - for relative frame paths
 */
function handlerSignature(o: InvocationOutcome, cwd?: string): Signature {
  switch (o.kind) {
    case 'threw': {
      const frame = handlerFrame(o.error.trace, cwd);
      const title = `${o.error.errorType}: ${o.error.errorMessage.split('\n')[0] ?? ''}${frame ? ` at ${frame}` : ''}`;
      const key = `threw ${o.error.errorType} ${frame ?? shape(o.error.errorMessage)}`;
      return { key, kind: 'handler', title };
    }
    case 'no-reply': {
      const type = 'error' in o.sends ? o.sends.error.errorType : 'null';
      return { key: `no-reply ${type}`, kind: 'handler', title: `finished without completing (${type})` };
    }
    case 'timed-out':
      return { key: 'timed-out', kind: 'handler', title: `no reply within the ${String(o.deadlineMs)} ms deadline` };
    case 'crashed':
      return { key: `crashed ${shape(o.detail)}`, kind: 'handler', title: `crashed: ${o.detail}` };
    case 'replied':
      return { key: 'replied', kind: 'check', title: 'replied' };
  }
}

/**
 * The signature of a failing case of a check.
 * @param checkId - the check
 * @param out - the failing case
 * @param cwd - for relative frame paths
 */
export function failureSignature(checkId: string, out: Extract<CaseOutcome, { ok: false }>, cwd?: string): Signature {
  const failed = nonReply(out.evidence.invocations);
  if (failed) return handlerSignature(failed, cwd);
  // The first thing the model found wrong, in the order it judges (shape, records, limits): a case that breaks the
  // record limit and, being bigger, the size limit too is the same bug as one that breaks the record limit alone.
  const first = out.evidence.violations[0]?.code;
  const title = `${checkId}: ${out.messages[0] ?? 'failed'}`;
  const key = `check ${propertyOf(checkId)}${first ? ` ${first}` : ''}`;
  return { key, kind: 'check', title };
}
