import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readFrames, readTexts, writeText } from './frames.ts';

/** The bytes `writeText` puts on a stream for each text. */
function encoded(...texts: string[]): Buffer {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (d: Buffer) => parts.push(d));
  for (const t of texts) writeText(out, t);
  return Buffer.concat(parts);
}

/** A frame with any length prefix and body. */
const raw = (length: number, body: Buffer = Buffer.alloc(0)): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(length, 0);
  return Buffer.concat([head, body]);
};

/** Feeds `chunks` to a reader of texts and one of JSON frames, and collects what they report. */
function feed(
  chunks: readonly Buffer[],
  maxBytes = 1024,
): { texts: string[]; frames: unknown[]; violations: string[] } {
  const out = { texts: [] as string[], frames: [] as unknown[], violations: [] as string[] };
  const a = new PassThrough();
  const b = new PassThrough();
  readTexts(a, maxBytes, { text: (t) => out.texts.push(t), violation: (w) => out.violations.push(w) });
  readFrames(b, maxBytes, { frame: (v) => out.frames.push(v), violation: (w) => out.violations.push(w) });
  for (const c of chunks) {
    a.emit('data', c);
    b.emit('data', c);
  }
  return out;
}

describe('readTexts / readFrames', () => {
  it('reads what writeText wrote however the chunks fall: a prefix, a code unit and a surrogate pair cut', () => {
    const texts = ['{"a":"é€😀\\n"}', '{"b":1}', '', '{"c":2}'];
    const bytes = encoded(...texts);
    // Cut everywhere: inside a length prefix, inside a code unit, between the halves of a surrogate pair.
    for (const cut of [1, 3, 5, 9, 13, 17, bytes.length - 1]) {
      const r = feed([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(r.texts, String(cut)).toStrictEqual(['{"a":"é€😀\\n"}', '{"b":1}', '{"c":2}']);
      expect(r.frames).toStrictEqual([{ a: 'é€😀\n' }, { b: 1 }, { c: 2 }]);
      expect(r.violations).toStrictEqual([]);
    }
  });

  it('reads a long frame fed one byte at a time, and a text with a raw newline whole', () => {
    const text = JSON.stringify({ v: 'x'.repeat(500) }) + '\n' + 'after';
    const r = feed(
      [...encoded(text)].map((byte) => Buffer.from([byte])),
      4096,
    );
    expect(r.texts).toStrictEqual([text]);
  });

  it('refuses a frame over the cap from its length alone, and after it reads nothing more', () => {
    const r = feed([raw(2000), encoded('{"late":1}')], 1000);
    expect(r.texts).toStrictEqual([]);
    expect(r.frames).toStrictEqual([]);
    expect(r.violations).toStrictEqual([
      'a frame is larger than 1000 bytes (2000)',
      'a frame is larger than 1000 bytes (2000)',
    ]);
  });

  it('a frame at the cap is read; two bytes more is not', () => {
    expect(feed([encoded(`"${'x'.repeat(498)}"`)], 1000).frames).toHaveLength(1);
    expect(feed([encoded(`"${'x'.repeat(499)}"`)], 1000).violations).toHaveLength(2);
  });

  it('a frame of an odd number of bytes is not UTF-16 text, a violation', () => {
    const r = feed([raw(3, Buffer.from('abc'))]);
    expect(r.violations).toStrictEqual([
      'a frame of 3 bytes is not UTF-16 text',
      'a frame of 3 bytes is not UTF-16 text',
    ]);
  });

  it('a frame that is not JSON is a violation of JSON frames only', () => {
    const r = feed([encoded('{"ok":1}', 'not json', '{"after":1}')]);
    expect(r.frames).toStrictEqual([{ ok: 1 }]);
    expect(r.violations).toStrictEqual(['a frame is not JSON: "not json"']);
    expect(r.texts).toHaveLength(3);
  });
});
