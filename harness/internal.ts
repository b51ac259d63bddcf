/**
 * A bug in the tool: its own check code (a property, an arbitrary, the judging) threw. Never the handler's doing
 * (what the handler does is an invocation outcome, judged as data) nor the user's (a user property's throw is that
 * property's failure, a config's `values` arbitrary that throws is `E_CONFIG_VALUES`). The run still reports what it
 * found, and exits 3.
 */
import type { CheckError, CheckResult } from './result.ts';
import { TOOL_VERSION } from './version.ts';
import type { ERROR_CODES } from '../runtime/errors.ts';

/** The code of a check that ended on a bug in the tool. */
export const INTERNAL_ERROR_CODE = 'E_INTERNAL' satisfies keyof typeof ERROR_CODES;

/** Where to report a bug in the tool, and with what. */
export const BUG_REPORT =
  `this is a bug in cognito-sync-conformance ${TOOL_VERSION}, not in your handler or your config: please report it ` +
  'on its issue tracker (`npm bugs cognito-sync-conformance` opens it) with this message, the command line and ' +
  'report.json';

/**
 * The check error for what the tool's own check code threw.
 * @param e - what was thrown
 */
export function internalError(e: unknown): CheckError {
  let what: string;
  try {
    what = e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
  } catch {
    what = `a value of type ${typeof e}`;
  }
  return { code: INTERNAL_ERROR_CODE, message: `${BUG_REPORT}\n${what}` };
}

/**
 * The checks of a run that ended on a bug in the tool.
 * @param checks - the run's checks
 */
export function internalErrors(checks: readonly CheckResult[]): CheckResult[] {
  return checks.filter((c) => c.outcome === 'error' && c.error.code === INTERNAL_ERROR_CODE);
}

/**
 * The exit code of a finished run: 3 when a check ended on a bug in the tool (whatever else it found), else 0 when
 * it conforms, else 1.
 * @param run - the run's verdict and checks
 */
export function runExitCode(run: {
  readonly summary: { readonly conformant: boolean };
  readonly checks: readonly CheckResult[];
}): 0 | 1 | 3 {
  if (internalErrors(run.checks).length) return 3;
  return run.summary.conformant ? 0 : 1;
}
