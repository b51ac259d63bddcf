/**
 * The direction of imports (ARCHITECTURE.md): cli ─► reports ─► live ─► harness ─► suites ─► generators ─► model,
 * harness ─► runtime ─► model, and emulator ─► runtime, model. Tests may reach anything below them; shipped code may
 * not reach up or sideways.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

/** Which top-level folders each layer may import from (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  model: [],
  generators: ['model'],
  suites: ['generators', 'model'],
  runtime: ['model'],
  harness: ['runtime', 'suites', 'generators', 'model'],
  live: ['harness', 'runtime', 'suites', 'generators', 'model'],
  reports: ['live', 'harness', 'runtime', 'suites', 'generators', 'model'],
  emulator: ['runtime', 'model'],
  vitest: ['reports', 'harness', 'runtime', 'suites', 'generators', 'model'],
  cli: ['emulator', 'vitest', 'reports', 'live', 'harness', 'runtime', 'suites', 'generators', 'model'],
};
/** Packages each layer may import; the model may import nothing at all. */
const PACKAGES_ALLOWED: Record<string, (spec: string) => boolean> = {
  model: () => false,
  generators: (s) => s === 'fast-check',
  suites: (s) => s === 'fast-check',
};

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && !p.includes('test-helpers')) yield p;
  }
}

const importsOf = (file: string): string[] =>
  [
    ...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\('([^']+)'\)/g),
  ].map((m) => m[1] ?? m[2] ?? '');

describe('architecture', () => {
  const rows = Object.keys(ALLOWED).flatMap((layer) => {
    try {
      return [...sources(join(root, layer))].map((file) => ({ layer, file: relative(root, file) }));
    } catch {
      return [];
    }
  });

  it('finds the layers', () => {
    expect(rows.some((r) => r.layer === 'model')).toBe(true);
  });

  it.each(rows)('$file imports only what its layer may', ({ layer, file }) => {
    const bad: string[] = [];
    for (const spec of importsOf(join(root, file))) {
      if (spec.startsWith('.')) {
        const target = relative(root, join(root, file, '..', spec)).split(sep)[0] ?? '';
        if (target !== layer && !(ALLOWED[layer] ?? []).includes(target)) bad.push(`${spec} (layer ${target})`);
      } else {
        const allow = PACKAGES_ALLOWED[layer];
        if (allow && !allow(spec)) bad.push(`${spec} (package)`);
      }
    }
    expect(bad, `${file} breaks the import direction`).toStrictEqual([]);
  });
});
