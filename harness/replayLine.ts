/** The one-line command that replays a failing case, from the report alone. */
import { DEFAULT_READINGS } from '../model/index.ts';
import type { ResolvedOptions } from './options.ts';

/** Quotes a shell word only when it needs it (POSIX single quotes). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./#-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/**
 * The replay command for one case: same tool, same target, same readings, the check's seed and shrink path.
 * @param o - the run's options
 * @param info - the check and where fast-check found the case
 */
export function replayLine(o: ResolvedOptions, info: { checkId: string; seed: number; path: string }): string {
  const target =
    o.target.kind === 'module'
      ? [shellQuote(o.handlerLabel), '--runtime', o.runtime]
      : o.target.kind === 'command'
        ? ['--command', shellQuote(o.target.command)]
        : [
            '--lambda',
            shellQuote(o.target.functionName),
            ...(o.target.endpoint ? ['--endpoint-url', shellQuote(o.target.endpoint)] : []),
          ];
  const readings = Object.entries(o.readings)
    .filter(([k, v]) => DEFAULT_READINGS[k as keyof typeof DEFAULT_READINGS] !== v)
    .flatMap(([k, v]) => ['--reading', `${k}=${v}`]);
  return [
    'npx cognito-sync-conformance replay',
    info.checkId,
    ...target,
    '--seed',
    String(info.seed),
    '--path',
    shellQuote(info.path || '0'),
    ...readings,
  ].join(' ');
}
