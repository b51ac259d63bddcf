/**
 * `run`'s flags for time and scale, as a user types them: each is in `run --help`, a bad value is a usage error
 * (exit 2) that names the flag, and each reaches what it limits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, root } from './cli.test-helpers.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-flags-'));
const echo = join(root, 'fixtures/handlers/conformance/good-echo-context-done.cjs');

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('run flags for time', () => {
  it('are in run --help with their defaults', () => {
    const help = cli(['run', '--help'], tmp);
    expect(help.code).toBe(0);
    // Commander wraps long lines to the terminal's width.
    const flat = help.out.replace(/\s+/g, ' ');
    expect(flat).toMatch(/--check-timeout <duration> [^-]*default 60s; 180s for --command and --bootstrap/);
    expect(flat).toMatch(/--init-timeout <duration> .*\(default 10s\)/);
    expect(flat).toContain('--concurrency <n> checks run side by side, 1 to 16 (default: one per core, at most 8)');
  });

  it.each([
    [['--check-timeout', 'soon'], /invalid duration "soon"/],
    [['--init-timeout', '0'], /initTimeoutMs \(--init-timeout\) must be more than 0/],
  ])('refuse a bad value: %j', (flags, message) => {
    const r = cli(['run', echo, '--no-store', ...flags], tmp);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toMatch(message);
  });

  it('--init-timeout limits loading the handler module', () => {
    const r = cli(['run', join(root, 'fixtures/handlers/slow-load.mjs'), '--no-store', '--init-timeout', '500ms'], tmp);
    expect(r.code, r.out + r.err).toBe(2);
    expect(r.err).toMatch(/E_HANDLER_LOAD.*did not finish loading within 500 ms/);
  });
});
