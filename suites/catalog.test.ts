import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from './catalog.ts';

const here = new URL('.', import.meta.url).pathname;
/** Check files live one folder down: suites/<topic>/<name>.ts. */
const checkFiles = readdirSync(here)
  .filter((d) => statSync(join(here, d)).isDirectory() && !d.startsWith('_'))
  .flatMap((d) =>
    readdirSync(join(here, d))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => relative(here, join(here, d, f)).replace(/\.ts$/, '')),
  );

describe('catalog', () => {
  it('registers every check file', () => {
    expect([...CATALOG.map((c) => c.id)].sort()).toStrictEqual([...checkFiles].sort());
  });

  it.each(CATALOG.map((c) => [c.id, c] as const))('%s: id equals its path, declared completely', async (id, check) => {
    const mod = (await import(`./${id}.ts`)) as { default: unknown };
    expect(mod.default).toBe(check);
    expect(check.title.length).toBeGreaterThan(10);
    expect(check.description.length).toBeGreaterThan(40);
    expect(check.clause).toMatch(/§\d/);
  });

  it('has unique ids', () => {
    expect(new Set(CATALOG.map((c) => c.id)).size).toBe(CATALOG.length);
  });
});
