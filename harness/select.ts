/** Which checks a run selects: the catalog and the user's properties, filtered by id or topic. */
import { CATALOG } from '../suites/catalog.ts';
import type { Check } from '../suites/check.ts';
import { userCheck } from '../suites/user.ts';
import { HarnessError } from '../runtime/errors.ts';
import type { ResolvedOptions } from './options.ts';

/** True when a `--checks`/`--exclude` pattern (an id, or a topic such as `reply` or `reply/*`) names the check. */
export function matchesCheck(pattern: string, id: string): boolean {
  const topic = pattern.replace(/\/?\*?$/, '');
  return id === pattern || id.startsWith(`${topic}/`);
}

/**
 * The checks a run selects, in catalog order, user properties last.
 * @throws HarnessError `E_USAGE` for a pattern that names no check
 */
export function selectChecks(o: Pick<ResolvedOptions, 'checks' | 'exclude' | 'properties'>): Check[] {
  const all: Check[] = [...CATALOG, ...o.properties.map((p) => userCheck(p) as Check)];
  for (const pattern of [...(o.checks ?? []), ...(o.exclude ?? [])]) {
    if (!all.some((c) => matchesCheck(pattern, c.id))) {
      throw new HarnessError('E_USAGE', `no check matches "${pattern}" (see \`cognito-sync-conformance list\`)`);
    }
  }
  const excluded = (id: string): boolean => (o.exclude ?? []).some((p) => matchesCheck(p, id));
  return all.filter((c) => (!o.checks || o.checks.some((p) => matchesCheck(p, c.id))) && !excluded(c.id));
}
