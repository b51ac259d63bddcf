/**
 * The handler's coverage, measured inside the isolate that runs it: each take holds what ran since the last one,
 * only the handler's files cross to the tool, and what a host sends is checked for shape like everything else.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileCoverage, Invoker } from '../invoker.ts';
import { parseCoverageFiles } from './coverageData.ts';
import { coverageScope } from './coverageScope.ts';
import { createLocalInvoker } from './index.ts';
import { parseFromHost } from './protocol.ts';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/handlers/covered/${name}`, import.meta.url));
const UNREACHED = fixture('unreached-branch.cjs');
/** Offsets of the fixture's never-taken `if` body and of its `return event`. */
const source = (await import('node:fs')).readFileSync(UNREACHED, 'utf8');
const IF_BODY = source.indexOf('{\n    const text');
const RETURN_EVENT = source.indexOf('return event');

const innermost = (ranges: readonly number[], offset: number): number | undefined => {
  let best: number | undefined;
  let size = Infinity;
  for (let i = 0; i < ranges.length; i += 3) {
    const [s = 0, e = 0, r] = ranges.slice(i, i + 3);
    if (s <= offset && offset < e && e - s <= size) [best, size] = [r, e - s];
  }
  return best;
};

let invoker: Invoker | undefined;
afterEach(async () => {
  await invoker?.close();
  invoker = undefined;
});

describe.each(['worker', 'process'] as const)('coverage in %s isolation', (isolation) => {
  it('takes what ran since the last take, in the handler files only', async () => {
    invoker = createLocalInvoker({ modulePath: UNREACHED, isolation, coverage: true });
    await invoker.init();
    const atLoad = (await invoker.coverage?.()) ?? [];
    expect(atLoad.flat().map((f) => f.path)).toEqual([UNREACHED]);
    await invoker.invoke({ datasetName: 'd', datasetRecords: {} });
    const takes = (await invoker.coverage?.()) ?? [];
    expect(takes).toHaveLength(1);
    const file = takes[0]?.find((f: FileCoverage) => f.path === UNREACHED);
    expect(file).toBeDefined();
    expect(innermost(file?.ranges ?? [], IF_BODY)).toBe(0);
    expect(innermost(file?.ranges ?? [], RETURN_EVENT)).toBe(1);
  });

  it('sees in a later take a block first reached after an earlier take of the same function', async () => {
    invoker = createLocalInvoker({ modulePath: UNREACHED, isolation, coverage: true });
    await invoker.init();
    await invoker.invoke({ datasetName: 'd', datasetRecords: {} });
    const first = (await invoker.coverage?.())?.flat().find((f) => f.path === UNREACHED)?.ranges ?? [];
    expect(innermost(first, IF_BODY)).toBe(0);
    // The branch is taken only now: a take that reported the function once must still report it (V8's binary
    // coverage mode reports nothing more for such a function, which lost every later check's branches).
    await invoker.invoke('a string');
    const second = (await invoker.coverage?.())?.flat().find((f) => f.path === UNREACHED)?.ranges ?? [];
    expect(innermost(second, IF_BODY)).toBe(1);
  });

  it('gives a TypeScript file in its own offsets, through the source map tsx leaves', async () => {
    const file = fixture('unreached-branch.ts');
    const text = (await import('node:fs')).readFileSync(file, 'utf8');
    invoker = createLocalInvoker({ modulePath: file, isolation, coverage: true });
    await invoker.invoke({ datasetName: 'd', datasetRecords: {} });
    const ranges = (await invoker.coverage?.())?.flat().find((f) => f.path === file)?.ranges ?? [];
    expect(innermost(ranges, text.indexOf('const text'))).toBe(0);
    expect(innermost(ranges, text.indexOf('const records'))).toBe(1);
    expect(innermost(ranges, text.indexOf('event : null'))).toBe(1);
    expect(innermost(ranges, text.indexOf('null);\n};'))).toBe(0);
  });

  it('measures nothing unless asked', async () => {
    invoker = createLocalInvoker({ modulePath: UNREACHED, isolation });
    await invoker.invoke({ datasetName: 'd', datasetRecords: {} });
    expect((await invoker.coverage?.())?.flat()).toEqual([]);
  });
});

describe('coverageScope', () => {
  it("scopes a handler kept in the tool's package to its folder, never the tool's runtime", () => {
    const scope = coverageScope(UNREACHED);
    expect(scope.root).toBe(fileURLToPath(new URL('../../fixtures/handlers/covered', import.meta.url)));
    expect(scope.exclude).toEqual([fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')]);
  });
});

describe('what a host sends', () => {
  it.each([
    ['not a list', { path: '/a.js', ranges: [] }],
    ['ranges not in triples', [{ path: '/a.js', ranges: [0, 1] }]],
    ['a negative offset', [{ path: '/a.js', ranges: [-1, 1, 1] }]],
    ['a non-number', [{ path: '/a.js', ranges: ['0', 1, 1] }]],
    ['no path', [{ ranges: [] }]],
  ])('is refused: %s', (_, files) => {
    expect(parseCoverageFiles(files)).toBeUndefined();
    expect(parseFromHost({ type: 'coverage', id: 'x', files })).toBeUndefined();
  });

  it('is rebuilt field by field', () => {
    const files = [{ path: '/a.js', ranges: [0, 10, 1], extra: 'dropped' }];
    expect(parseFromHost({ type: 'coverage', id: 'x', files })).toEqual({
      type: 'coverage',
      id: 'x',
      files: [{ path: '/a.js', ranges: [0, 10, 1] }],
    });
  });
});
