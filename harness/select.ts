/** Which checks a run selects: the catalog and the user's properties, filtered by id or topic. */
import { CATALOG } from '../suites/catalog.ts';
import type { Check } from '../suites/check.ts';
import { userCheck, userSessionCheck } from '../suites/user.ts';
import { HarnessError } from '../runtime/errors.ts';
import type { ResolvedOptions } from './options.ts';
import { didYouMean } from './suggest.ts';

/** True when a `--checks`/`--exclude` pattern (an id, or a topic such as `reply` or `reply/*`) names the check. */
export function matchesCheck(pattern: string, id: string): boolean {
  const topic = pattern.replace(/\/?\*?$/, '');
  return id === pattern || id.startsWith(`${topic}/`);
}

/** Every name `--checks`/`--exclude` take: the check ids and their topics. */
function checkNames(checks: readonly Pick<Check, 'id'>[]): string[] {
  const topics = checks.flatMap((c) => {
    const parts = c.id.split('/');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
  });
  return [...new Set([...topics, ...checks.map((c) => c.id)])];
}

/**
 * The message for a check id or topic that names no check, with the closest names.
 * @param pattern - what the user gave
 * @param checks - the checks there are
 */
function noSuchCheck(pattern: string, checks: readonly Pick<Check, 'id'>[]): string {
  return `no check matches "${pattern}"${didYouMean(pattern.replace(/\/?\*$/, ''), checkNames(checks))} (see \`cognito-sync-conformance list\`)`;
}

/**
 * The checks a run selects, in catalog order, user properties last.
 * @throws HarnessError `E_CHECK_ID` for a pattern that names no check, suggesting the closest ids
 */
export function selectChecks(o: Pick<ResolvedOptions, 'checks' | 'exclude' | 'properties'>): Check[] {
  const all: Check[] = [
    ...CATALOG,
    ...o.properties.flatMap((p) => [userCheck(p) as Check, userSessionCheck(p) as Check]),
  ];
  for (const pattern of [...(o.checks ?? []), ...(o.exclude ?? [])]) {
    if (!all.some((c) => matchesCheck(pattern, c.id))) {
      throw new HarnessError('E_CHECK_ID', noSuchCheck(pattern, all));
    }
  }
  const excluded = (id: string): boolean => (o.exclude ?? []).some((p) => matchesCheck(p, id));
  return all.filter((c) => (!o.checks || o.checks.some((p) => matchesCheck(p, c.id))) && !excluded(c.id));
}
