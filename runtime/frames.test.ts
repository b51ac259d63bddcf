import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readFrames, readLines } from './frames.ts';

/** Feeds `chunks` to a reader and collects what it reports. */
function feed(
  chunks: readonly (string | Buffer)[],
  maxBytes = 1024,
): { lines: string[]; frames: unknown[]; violations: string[] } {
  const out = { lines: [] as string[], frames: [] as unknown[], violations: [] as string[] };
  const a = new PassThrough();
  const b = new PassThrough();
  readLines(a, maxBytes, { line: (t) => out.lines.push(t), violation: (w) => out.violations.push(w) });
  readFrames(b, maxBytes, { frame: (v) => out.frames.push(v), violation: (w) => out.violations.push(w) });
  for (const c of chunks) {
    const buf = typeof c === 'string' ? Buffer.from(c) : c;
    a.emit('data', buf);
    b.emit('data', buf);
  }
  return out;
}

describe('readLines / readFrames', () => {
  it('splits lines however the chunks fall, a multi-byte character split across two included', () => {
    const text = Buffer.from('{"a":"é€😀"}\n\n{"b":1}\n{"c"');
    const cut = text.indexOf(Buffer.from('€')) + 1; // inside the three bytes of €
    const r = feed([text.subarray(0, cut), text.subarray(cut), ':2}\n']);
    expect(r.lines).toStrictEqual(['{"a":"é€😀"}', '{"b":1}', '{"c":2}']);
    expect(r.frames).toStrictEqual([{ a: 'é€😀' }, { b: 1 }, { c: 2 }]);
    expect(r.violations).toStrictEqual([]);
  });

  it('reads a long line fed one byte at a time', () => {
    const line = JSON.stringify({ v: 'x'.repeat(500) });
    const r = feed([...Buffer.from(`${line}\n`)].map((byte) => Buffer.from([byte])));
    expect(r.lines).toStrictEqual([line]);
  });

  it('stops at the cap without waiting for a newline, and after it reads nothing more', () => {
    const r = feed(['x'.repeat(600), 'x'.repeat(600), '\n{"late":1}\n'], 1000);
    expect(r.lines).toStrictEqual([]);
    expect(r.frames).toStrictEqual([]);
    expect(r.violations).toStrictEqual(['a line is larger than 1000 bytes', 'a line is larger than 1000 bytes']);
  });

  it('a line at the cap is read; one byte more is not', () => {
    expect(feed([`"${'x'.repeat(998)}"\n`], 1000).frames).toHaveLength(1);
    expect(feed([`"${'x'.repeat(999)}"\n`], 1000).violations).toHaveLength(2);
  });

  it('a frame that is not JSON is a violation', () => {
    const r = feed(['{"ok":1}\nnot json\n{"after":1}\n']);
    expect(r.frames).toStrictEqual([{ ok: 1 }]);
    expect(r.violations).toStrictEqual(['a frame is not JSON: "not json"']);
    expect(r.lines).toHaveLength(3);
  });
});
