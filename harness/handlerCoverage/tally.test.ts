import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CoverageTally } from './tally.ts';

const file = fileURLToPath(new URL('../../fixtures/handlers/covered/unreached-branch.cjs', import.meta.url));
const root = dirname(file);
const source = readFileSync(file, 'utf8');
const at = (text: string): number => source.indexOf(text);
/** The script ran (0-end), the handler ran, its `if` body did not. */
const ranges = (ifBodyReached: 0 | 1): number[] => [
  0,
  source.length,
  1,
  at('async (event)'),
  source.lastIndexOf('}'),
  1,
  at('{\n    const text'),
  at('  }\n  return event') + 3,
  ifBodyReached,
];

describe('CoverageTally', () => {
  it('names the lines never reached and counts the branches', async () => {
    const tally = new CoverageTally({ root, exclude: [] }, root);
    expect(await tally.add([[{ path: file, ranges: ranges(0) }]])).toEqual({ lines: 3, branches: 0 });
    const report = tally.report();
    if (!report.measured) throw new Error('not measured');
    expect(report.branches).toEqual({ total: 1, reached: 0 });
    expect(report.lines).toEqual({ total: 6, reached: 3 });
    expect(report.files[0]).toMatchObject({
      path: 'unreached-branch.cjs',
      unreachedLines: [[4, 6]],
      unreachedBranches: [3],
    });
    expect(report.files[0]?.source).toBe(source);
  });

  it('adds takes up: a place reached once stays reached', async () => {
    const tally = new CoverageTally({ root, exclude: [] }, root);
    await tally.add([[{ path: file, ranges: ranges(0) }]]);
    expect(await tally.add([[{ path: file, ranges: ranges(1) }]])).toEqual({ lines: 6, branches: 1 });
    await tally.add([[{ path: file, ranges: ranges(0) }]]);
    const report = tally.report();
    expect(report.measured && report.branches).toEqual({ total: 1, reached: 1 });
    expect(report.measured && report.files[0]?.unreachedLines).toEqual([]);
  });

  it("drops what is not the handler's: outside its folder, in node_modules, relative", async () => {
    const tally = new CoverageTally({ root, exclude: [] }, root);
    const outside = fileURLToPath(new URL('../../package.json', import.meta.url));
    await tally.add([
      [
        { path: outside, ranges: [0, 10, 1] },
        { path: join(root, 'node_modules', 'x.js'), ranges: [0, 10, 1] },
        { path: 'unreached-branch.cjs', ranges: [0, 10, 1] },
      ],
    ]);
    expect(tally.report()).toEqual({
      measured: true,
      lines: { total: 0, reached: 0 },
      branches: { total: 0, reached: 0 },
      files: [],
      skipped: [],
    });
  });
});
