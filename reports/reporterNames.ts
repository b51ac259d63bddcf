/**
 * The reporter names, on their own: the CLI checks `--reporter` while it reads the options, before any renderer (or
 * anything else heavy) is loaded. `registry.ts` maps each name to its renderers, and the compiler keeps the two lists
 * equal.
 */
import { didYouMean } from '../harness/suggest.ts';
import { HarnessError } from '../runtime/errors.ts';

/** Every reporter name, in the order reports are written. */
export const REPORTER_NAMES = ['json', 'junit', 'markdown', 'html', 'badge', 'sarif'] as const;

/** A reporter name. */
export type ReporterName = (typeof REPORTER_NAMES)[number];

const isName = (s: string): s is ReporterName => (REPORTER_NAMES as readonly string[]).includes(s);

/**
 * Checks reporter names, keeping the first of duplicates.
 * @param names - names as the user gave them @defaultValue every reporter
 * @throws HarnessError `E_REPORTER` naming the unknown reporters and listing the known ones
 */
export function resolveReporters(names?: readonly string[]): ReporterName[] {
  if (names === undefined) return [...REPORTER_NAMES];
  const wanted = names.map((n) => n.trim());
  const unknown = wanted.filter((n) => !isName(n));
  if (unknown.length)
    throw new HarnessError(
      'E_REPORTER',
      `unknown reporter${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `${JSON.stringify(n)}${didYouMean(n, REPORTER_NAMES)}`).join(', ')}; ` +
        `known reporters: ${REPORTER_NAMES.join(', ')}`,
    );
  if (!wanted.length)
    throw new HarnessError('E_REPORTER', `no reporter given; known reporters: ${REPORTER_NAMES.join(', ')}`);
  return [...new Set(wanted.filter(isName))];
}

/**
 * Parses a `--reporter` value for commander: comma-separated and repeatable, checked as it is read, so a typo stops
 * the command before the run instead of after it.
 * @param text - one occurrence of the option, e.g. `json,html`
 * @param previous - the names of earlier occurrences @defaultValue none
 * @throws HarnessError `E_REPORTER` naming the unknown reporters, or when no name is given
 * @example
 * command.option('--reporter <names>', 'reports to write', collectReporters);
 */
export function collectReporters(text: string, previous: readonly string[] = []): ReporterName[] {
  return resolveReporters([...previous, ...text.split(',').filter((n) => n.trim() !== '')]);
}
