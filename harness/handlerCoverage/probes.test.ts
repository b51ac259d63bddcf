import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { probesOf } from './probes.ts';
import { reachedAt, unreachedSpans } from './reached.ts';

const SOURCE = `// a comment
exports.handler = async (event) => {
  const a = event.x || 'none';
  if (a === 'y') {
    return null;
  } else if (a) return event;
  switch (a) {
    case 1:
      break;
    default:
  }
  try {
    return a ? 1 : 2;
  } catch (e) {
    return e;
  }
};
`;

describe('probesOf', () => {
  const p = probesOf(ts, 'h.js', SOURCE);

  it('counts lines that start a statement, once each', () => {
    expect(p.lines.map((l) => l.line)).toEqual([2, 3, 4, 5, 6, 7, 9, 12, 13, 15]);
  });

  it('counts each arm: || right, if and its else-if, case with a body (at its first statement), ?: (two), catch', () => {
    expect(p.branches.map((b) => b.line)).toEqual([3, 4, 6, 6, 9, 13, 13, 14]);
  });

  it('probes an arm where it starts', () => {
    const first = p.branches[0];
    expect(first && SOURCE.slice(first.offset, first.offset + 6)).toBe("'none'");
  });

  it('parses TypeScript without counting types', () => {
    const q = probesOf(
      ts,
      'h.ts',
      'type T = string extends string ? 1 : 2;\nexport const f = (x?: T): T | 1 => x ?? 1;\n',
    );
    expect(q.lines.map((l) => l.line)).toEqual([2]);
    expect(q.branches.map((b) => b.line)).toEqual([2]);
  });
});

describe('reachedAt', () => {
  // A function (0-100, reached) holding a block never reached (10-20) holding nothing else.
  const ranges = [0, 100, 1, 10, 20, 0];
  it.each([
    [5, true],
    [10, false],
    [19, false],
    [20, true],
    [100, false],
    [150, false],
  ])('offset %i → %s (the innermost range decides)', (offset, reached) => {
    expect(reachedAt(ranges, offset)).toBe(reached);
  });
});

describe('unreachedSpans', () => {
  it('joins unreached lines with no reached line between them', () => {
    const lines = [
      { line: 1, reached: true },
      { line: 3, reached: false },
      { line: 5, reached: false },
      { line: 6, reached: true },
      { line: 9, reached: false },
    ];
    expect(unreachedSpans(lines)).toEqual([
      [3, 5],
      [9, 9],
    ]);
  });
});
