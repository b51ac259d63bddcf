/**
 * The one-line command that replays a failing case. It must reproduce the case exactly, so it spells out everything
 * the case depends on: the target, the config (its values draw the case, its properties are checks), the runtime
 * profile, every reading given or changed, and — when a config could set them otherwise — isolation and margin.
 */
import { DEFAULT_READINGS, type Readings } from '../model/index.ts';
import { RUN_DEFAULTS } from './runDefaults.ts';
import type { ResolvedOptions } from './options.ts';
import type { ReplayInfo } from './runCheck.ts';

/** Quotes a shell word only when it needs it (POSIX single quotes). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./#-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The target's words: a module path, `--command` (and `--persistent`), `--bootstrap`, or `--lambda` with how to reach it. */
function targetWords(o: ResolvedOptions): string[] {
  const t = o.target;
  if (t.kind === 'module') return [shellQuote(o.handlerLabel)];
  if (t.kind === 'command') return ['--command', shellQuote(t.command), ...(t.persistent ? ['--persistent'] : [])];
  if (t.kind === 'bootstrap') return ['--bootstrap', shellQuote(t.command)];
  return [
    '--lambda',
    shellQuote(t.functionName),
    ...(t.endpoint ? ['--endpoint-url', shellQuote(t.endpoint)] : []),
    ...(t.region ? ['--region', shellQuote(t.region)] : []),
    ...(t.profile ? ['--profile', shellQuote(t.profile)] : []),
  ];
}

/** Every reading given explicitly or away from its default: a config read again must not change one. */
function readingWords(o: ResolvedOptions): string[] {
  return Object.entries(o.readings)
    .filter(([k, v]) => k in o.givenReadings || DEFAULT_READINGS[k as keyof Readings] !== v)
    .flatMap(([k, v]) => ['--reading', shellQuote(`${k}=${v}`)]);
}

/**
 * The replay command for one case: same tool, same target and options, and either the check's seed and shrink path
 * or, for a stored case they no longer lead to, the case's entry in the failure store. Values or properties given
 * in code (no config file) cannot be named: the seed is not used for such values, and the line says what is missing.
 * @param o - the run's options
 * @param info - the check and the case
 */
export function replayLine(o: ResolvedOptions, info: ReplayInfo): string {
  // A config may set these: the line states the run's own values so that they win over it.
  const spelled = o.configFile !== undefined;
  const isolation =
    o.target.kind === 'module' && (spelled || o.isolation !== RUN_DEFAULTS.isolation)
      ? ['--isolation', o.isolation]
      : [];
  const margin = spelled || o.marginMs !== RUN_DEFAULTS.marginMs ? ['--margin', `${o.marginMs}ms`] : [];
  // A slow-starting target that needed a longer init needs it again to replay at all; it never changes a verdict.
  const init =
    (o.target.kind === 'module' || o.target.kind === 'bootstrap') && o.initTimeoutMs !== RUN_DEFAULTS.initTimeoutMs
      ? ['--init-timeout', `${o.initTimeoutMs}ms`]
      : [];
  // Values or properties given in code (a library call, not a config file) cannot be named on a command line.
  const codeValues = !spelled && Object.keys(o.values).length > 0;
  const codeProperty = !spelled && info.checkId.startsWith('user/');
  const bySeed = (info.regenerates && !codeValues) || o.store === false;
  const which = bySeed
    ? ['--seed', String(info.seed), '--path', shellQuote(info.path || '0')]
    : ['--from', shellQuote(o.store), '--event-hash', info.eventHash];
  const note =
    codeProperty || (codeValues && bySeed)
      ? [
          `# ${codeProperty ? 'this property was' : 'the values were'} given in code:`,
          'replay with a config file that defines them (--config)',
        ]
      : [];
  return [
    'npx cognito-sync-conformance replay',
    shellQuote(info.checkId),
    ...targetWords(o),
    ...(o.configFile ? ['--config', shellQuote(o.configFile)] : []),
    '--runtime',
    o.runtime,
    ...isolation,
    ...margin,
    ...init,
    // What the generators knew of the handler: without them the same seed and path draw another case.
    ...(o.discovery.enabled ? [] : ['--no-discover']),
    ...(o.discovery.datasetName !== undefined ? ['--dataset-name', shellQuote(o.discovery.datasetName)] : []),
    ...which,
    ...readingWords(o),
    ...note,
  ].join(' ');
}
