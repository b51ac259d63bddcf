/**
 * Check ids in the docs resolve: every `area/name` a document names in code spans is a check of the catalog (or the
 * live check), or a path of this repository. A renamed or invented id in prose fails here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../suites/catalog.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const ids = new Set([...CATALOG.map((c) => c.id), 'live/model-agrees']);
const docs = ['README.md', 'ARCHITECTURE.md', ...readdirSync(join(root, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith('.md'),
);
/** Anything written as a check id is: `word/kebab-name` (an invented `should/undocumented-reading` included). */
const idLike = /^[a-z]+\/[a-z][a-z0-9-]*$/;
/** Names of that shape that are not ids: GitHub Actions (`actions/checkout`). */
const external = (s: string): boolean => s.startsWith('actions/');

/** The code spans of a Markdown text that look like a check id. */
function namedIds(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1] ?? '').filter((s) => idLike.test(s));
}

const isPath = (p: string): boolean =>
  ['', '.ts', '.md', '.mjs', '.cjs', '.js', '.yaml'].some((ext) => existsSync(join(root, p + ext)));

describe('ids in the docs', () => {
  it('the pattern finds ids, and knows a made-up one', () => {
    expect(namedIds('see `reply/shape` and `should/undocumented-reading`, `runtime/node`, `a b/c`')).toEqual([
      'reply/shape',
      'should/undocumented-reading',
      'runtime/node',
    ]);
    expect(ids.has('robustness/null-entries')).toBe(true);
    expect(ids.has('robustness/made-up')).toBe(false);
  });

  it.each(docs)('%s names only checks that exist', (file) => {
    const unknown = namedIds(readFileSync(join(root, file), 'utf8')).filter(
      (id) => !ids.has(id) && !isPath(id) && !external(id),
    );
    expect(unknown).toEqual([]);
  });
});
