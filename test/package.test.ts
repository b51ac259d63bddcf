/**
 * The package as users install it: built with the build config, imported through its `exports` by name, with a
 * declaration file for every entry point, and its bin running the compiled CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFromSource } from './builtDist.test-helpers.ts';
import { scaled } from './timeScale.test-helpers.ts';

/** One export target: the module and its declarations. */
interface Target {
  types: string;
  default: string;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  exports: Record<string, string | Target | { import: Target; require: Target }>;
};
const tmp = mkdtempSync(join(tmpdir(), 'csc-package-'));

beforeAll(() => {
  // The installed layout: package.json, the compiled dist/ (as the e2e project's setup built it from these sources
  // with the build config, pruned to what a clean build writes), bin/, and the dependencies beside it.
  cpSync(join(root, 'dist'), join(tmp, 'dist'), {
    recursive: true,
    filter: (src) => statSync(src).isDirectory() || builtFromSource(relative(root, src)),
  });
  cpSync(join(root, 'package.json'), join(tmp, 'package.json'));
  cpSync(join(root, 'bin'), join(tmp, 'bin'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(tmp, 'node_modules'), 'dir');
});

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('the built package', () => {
  it('has the compiled module and a declaration file for every export', () => {
    for (const [entry, conditions] of Object.entries(pkg.exports)) {
      if (typeof conditions === 'string') continue;
      // The root entry has an ES module (import) and a CommonJS (require) target, each with its declarations.
      const targets = 'default' in conditions ? [conditions] : [conditions.import, conditions.require];
      for (const target of targets) {
        expect(existsSync(join(tmp, target.default)), `${entry} → ${target.default}`).toBe(true);
        expect(existsSync(join(tmp, target.types)), `${entry} → ${target.types}`).toBe(true);
      }
    }
  });

  it('is importable by name: model, generators, the library API, the live targets and the emulator', () => {
    const script = join(tmp, 'use.mjs');
    writeFileSync(
      script,
      `import fc from 'fast-check';
import { judge, buildEvent } from '${pkg.name}/model';
import { syncTriggerEvent } from '${pkg.name}/generators';
import { checkConformance } from '${pkg.name}';
import { replayLiveCase, runProbes } from '${pkg.name}/live';
import { startEmulator } from '${pkg.name}/emulator';
const [event] = fc.sample(syncTriggerEvent(), { numRuns: 1, seed: 1 });
const verdict = judge(event, JSON.stringify(event), {});
console.log(JSON.stringify({ status: verdict.status, buildEvent: typeof buildEvent, run: typeof checkConformance,
  live: [typeof replayLiveCase, typeof runProbes, typeof startEmulator] }));
`,
    );
    const out = execFileSync(process.execPath, [script], { cwd: tmp, encoding: 'utf8' });
    expect(JSON.parse(out)).toStrictEqual({
      status: 'accepted',
      buildEvent: 'function',
      run: 'function',
      live: ['function', 'function', 'function'],
    });
  });

  it(
    'is required by name from CommonJS: every function runs the library in a worker and answers a promise',
    () => {
      const script = join(tmp, 'use.cjs');
      writeFileSync(
        script,
        `const api = require('${pkg.name}');
const handler = ${JSON.stringify(join(root, 'fixtures/handlers/conformance/bad-null-entry-unguarded.cjs'))};
(async () => {
  const run = await api.checkConformance({ handler, checks: ['robustness/null-entries'], runs: 20, store: false });
  const failed = run.checks.find((c) => c.outcome === 'fail');
  const text = await api.failureText(failed, run.readings);
  const error = await api.checkConformance({ handler: './missing.js' }).catch((e) => [e.name, e.code]);
  const refused = (() => { try { api.checkConformance({ handler, properties: [] }); } catch (e) { return e.name; } })();
  console.log(JSON.stringify({ keys: Object.keys(api), conformant: run.summary.conformant,
    text: text.split('\\n')[0], error, refused, fc: typeof api.fc.nat, config: api.defineConfig({ runs: 3 }) }));
})();
`,
      );
      const out = execFileSync(process.execPath, [script], { cwd: tmp, encoding: 'utf8' });
      expect(JSON.parse(out)).toStrictEqual({
        keys: ['checkConformance', 'replayCase', 'replaySeed', 'failureText', 'expandReport', 'defineConfig', 'fc'],
        conformant: false,
        text: '✗ robustness/null-entries (must, CONTRACT §1 [OBS #61]) — Survives null record entries',
        error: ['HarnessError', 'E_HANDLER_LOAD'],
        refused: 'TypeError',
        fc: 'function',
        config: { runs: 3 },
      });
    },
    scaled(60_000),
  );

  it('runs the compiled CLI from bin when there are no sources', () => {
    const r = spawnSync(process.execPath, [join(tmp, 'bin/cognito-sync-conformance.js'), 'list', '--json'], {
      cwd: tmp,
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBeGreaterThanOrEqual(19);
  });
});
