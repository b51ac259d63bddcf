/**
 * The source worker answers what the main thread would: the harvest of a handler's sources and the coverage probes
 * of a file, several questions in flight each getting its own answer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { harvestTarget } from './discovery/sources.ts';
import { probesOf } from './handlerCoverage/probes.ts';
import { askSourceWorker } from './toolWorker.ts';

const fixture = (f: string): string => fileURLToPath(new URL(`../fixtures/handlers/${f}`, import.meta.url));
const FILES = ['covered/steer-vault.cjs', 'covered/unreached-branch.ts', 'conformance/sample-fixed-keys.cjs'];

describe('the source worker', () => {
  it('harvests and probes as the main thread does, each question answered apart', async () => {
    const cwd = process.cwd();
    const asked = FILES.map((f) => {
      const path = fixture(f);
      const text = readFileSync(path, 'utf8');
      return Promise.all([
        askSourceWorker({ kind: 'harvest', target: { kind: 'module', modulePath: path }, cwd }),
        askSourceWorker({ kind: 'probes', fileName: path, text }),
        Promise.resolve({
          harvest: harvestTarget({ kind: 'module', modulePath: path }, cwd),
          probes: probesOf(ts, path, text),
        }),
      ]);
    });
    for (const [harvest, probes, main] of await Promise.all(asked)) {
      expect(harvest).toStrictEqual(main.harvest);
      expect(probes).toStrictEqual(main.probes);
      expect(main.probes.branches.length + main.harvest.flatMap((h) => h.keys).length).toBeGreaterThan(0);
    }
  });
});
