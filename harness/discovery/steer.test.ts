/** Coverage-guided steering: names found on or just before code no case reached are marked; others are not. */
import { describe, expect, it } from 'vitest';
import type { HandlerCoverage } from '../result.ts';
import { steer, type Discovery } from './index.ts';

const coverage = (file: string, unreachedLines: [number, number][], unreachedBranches: number[]): HandlerCoverage => ({
  measured: true,
  lines: { total: 20, reached: 10 },
  branches: { total: 4, reached: 2 },
  files: [
    {
      path: file,
      lines: { total: 20, reached: 10 },
      branches: { total: 4, reached: 2 },
      unreachedLines,
      unreachedBranches,
      reachedLines: [],
    },
  ],
  skipped: [],
});

const discovery: Discovery = {
  keys: [
    { value: 'Vault', source: 'source', at: 'handler.js:9' },
    { value: 'Lives', source: 'lookup', at: 'handler.js:3' },
    { value: 'Guarded', source: 'source', at: 'handler.js:14' },
    { value: 'Declared', source: 'config' },
    { value: 'Elsewhere', source: 'source', at: 'lib/other.js:10' },
  ],
  datasetNames: [
    { value: 'Inventory', source: 'source', at: 'handler.js:15' },
    { value: 'Profile', source: 'source', at: 'handler.js:2' },
  ],
};

const marked = (d: Discovery): string[] =>
  [...d.keys, ...d.datasetNames].filter((n) => n.nearUnreached).map((n) => n.value);

describe('steer', () => {
  it('marks names on an unreached span or up to two lines before it, and before a branch arm never taken', () => {
    // Lines 10–12 never ran (a block whose condition, on line 9, names Vault); the arm on line 16 was never taken.
    const d = steer(discovery, coverage('handler.js', [[10, 12]], [16]), '/project');
    expect(marked(d)).toStrictEqual(['Vault', 'Guarded', 'Inventory']);
    // Nothing else changes: the order, the sources, the places.
    expect(d.keys.map((k) => k.value)).toStrictEqual(discovery.keys.map((k) => k.value));
  });

  it('matches the places of both sides whatever their spelling, and never marks a declared name', () => {
    const d = steer(discovery, coverage('/project/handler.js', [[1, 20]], []), '/project');
    expect(marked(d)).toStrictEqual(['Vault', 'Lives', 'Guarded', 'Inventory', 'Profile']);
  });

  it('marks nothing when everything ran or coverage was not measured', () => {
    expect(marked(steer(discovery, coverage('handler.js', [], []), '/project'))).toStrictEqual([]);
    expect(steer(discovery, { measured: false, reason: 'a command' }, '/project')).toBe(discovery);
  });
});
