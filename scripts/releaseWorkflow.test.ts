/**
 * The release workflow does what docs/ci.md says: a pushed tag `vX.Y.Z` (and nothing else) starts it, a step refuses
 * a tag that is not package.json's version before anything is published, the tests run, and the last step publishes
 * with provenance. The version step's script is run here as the runner would run it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('..', import.meta.url));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env?: Record<string, string>;
}
interface Workflow {
  readonly on: { readonly push?: { readonly tags?: readonly string[]; readonly branches?: readonly string[] } };
  readonly jobs: Record<string, { readonly permissions?: Record<string, string>; readonly steps: readonly Step[] }>;
}

const workflow = parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as Workflow;
const jobs = Object.values(workflow.jobs);
const steps = jobs.flatMap((j) => j.steps);

/**
 * A GitHub Actions filter pattern as a regular expression: `*` any characters but `/`, `**` any at all, `?` and `+`
 * zero-or-one and one-or-more of the character before, `[…]` a class; everything else literal.
 */
const filterRe = (pattern: string): RegExp =>
  new RegExp(
    `^${pattern
      .split(/(\*\*|\*)/)
      .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replace(/[.^${}()|\\]/g, '\\$&')))
      .join('')}$`,
  );

const isPublish = (s: Step): boolean => /\bnpm publish\b/.test(s.run ?? '');
/** The step that compares the tag with package.json's version. */
const versionStep = steps.find((s) => s.run?.includes('package.json') && s.env?.['TAG'] !== undefined);

/** Runs the version step's script as the runner does (bash, in the checkout), with the tag given. */
function checkTag(tag: string): { code: number | null; out: string } {
  const r = spawnSync('bash', ['-e', '-c', versionStep?.run ?? 'exit 99'], {
    cwd: root,
    env: { ...process.env, TAG: tag },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('.github/workflows/release.yml', () => {
  it('starts on a pushed version tag, and on nothing else', () => {
    expect(Object.keys(workflow.on)).toStrictEqual(['push']);
    expect(workflow.on.push?.branches).toBeUndefined();
    const patterns = workflow.on.push?.tags ?? [];
    // A `!` pattern only takes tags away.
    const tags = patterns.filter((p) => !p.startsWith('!')).map(filterRe);
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.some((re) => re.test(`v${version}`))).toBe(true);
    expect(tags.some((re) => re.test('main'))).toBe(false);
  });

  it('checks the tag against package.json’s version before it publishes', () => {
    expect(versionStep?.env?.['TAG']).toBe('${{ github.ref_name }}');
    expect(steps.indexOf(versionStep ?? {})).toBeLessThan(steps.findIndex(isPublish));
    expect(checkTag(`v${version}`)).toStrictEqual({ code: 0, out: '' });
    const wrong = checkTag('v999.0.0');
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain(`::error::tag v999.0.0 does not match package.json version v${version}`);
    expect(checkTag(version).code).toBe(1);
  });

  it('runs the tests, then publishes with provenance as its last step', () => {
    const runs = steps.map((s) => s.run ?? '');
    const test = runs.findIndex((r) => /^npm test\b/.test(r.trim()));
    const publish = steps.findIndex(isPublish);
    expect(test).toBeGreaterThan(-1);
    expect(test).toBeLessThan(publish);
    expect(publish).toBe(steps.length - 1);
    expect(runs[publish]).toMatch(/npm publish .*--provenance/);
    // Provenance signs with the job's OIDC token.
    expect(jobs.some((j) => j.permissions?.['id-token'] === 'write')).toBe(true);
  });

  it('the tag filter pattern reads as GitHub reads it', () => {
    expect(filterRe('v*').test('v1.2.3')).toBe(true);
    expect(filterRe('v*').test('release/v1')).toBe(false);
    expect(filterRe('v[0-9]+.[0-9]+.[0-9]+').test('v1.22.3')).toBe(true);
    expect(filterRe('v[0-9]+.[0-9]+.[0-9]+').test('v1x2.3')).toBe(false);
    expect(filterRe('v2.*').test('v10')).toBe(false);
    expect(filterRe('**').test('a/b')).toBe(true);
  });
});
