/**
 * One table declares every error code: each is given somewhere by the shipped code (none declared for nothing), and
 * each says what it means and what to do.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './errors.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const SHIPPED = ['cli', 'emulator', 'harness', 'live', 'reports', 'runtime', 'suites', 'vitest', 'cjs'];

/** The shipped sources, tests and this table left out. */
function sources(): string {
  return SHIPPED.flatMap((dir) =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.c?ts$/.test(f) && !/\.test(-helpers)?\.ts$/.test(f) && !f.includes('__fixtures__'))
      .map((f) => join(dir, f))
      .filter((f) => f !== join('runtime', 'errors.ts')),
  )
    .map((f) => readFileSync(join(root, f), 'utf8'))
    .join('\n');
}

describe('error codes', () => {
  const text = sources();
  it.each(Object.keys(ERROR_CODES))('%s is given by the shipped code', (code) => {
    expect(text).toContain(`'${code}'`);
  });

  it.each(Object.entries(ERROR_CODES))('%s says what it means and what to do', (_code, e) => {
    expect(e.meaning).toMatch(/\.$/);
    expect(e.action).toMatch(/\.$/);
    expect([1, 2, 3]).toContain(e.exit);
  });
});
