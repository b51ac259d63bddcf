/**
 * No pass without evidence: a check whose cases never got a reply verified nothing. `run --checks reply` on a handler
 * that always throws must say NOT CONFORMANT and exit 1, whatever subset of checks was selected.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from './cli.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-no-evidence-'));
const handler = join(tmp, 'always-throws.mjs');
writeFileSync(handler, "export const handler = async () => {\n  throw new Error('boom');\n};\n");

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('a handler that always throws', () => {
  it('fails run --checks reply: exit 1, NOT CONFORMANT', () => {
    const r = cli(['run', handler, '--checks', 'reply', '--seed', '1', '--no-store'], tmp);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toContain('NOT CONFORMANT');
    expect(r.out).not.toMatch(/^CONFORMANT/m);
    expect(r.out).toContain('Error: boom');
  });
});
