/**
 * From the positions of the JavaScript V8 ran back to the file's own, for files a loader rewrote (tsx compiles
 * TypeScript with esbuild, and leaves an inline source map): the script's text comes from the isolate's own
 * debugger, its map is read with Node's `SourceMap`, and each offset goes to the original line and column, then to
 * an offset in the file on disk. A script without an inline map is the file as it is.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';

/** Maps an offset of the script V8 ran to one in the file; undefined where the map says nothing. */
export type OffsetMap = (offset: number) => number | undefined;

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/;

/** The offset of each line's start. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The line (0-based) holding `offset`, by binary search. */
function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The offset map of a script, or undefined when the script is the file as it is (no inline source map).
 * @param script - the text V8 ran
 * @param path - the file on disk it came from
 */
export function offsetMap(script: string, path: string): OffsetMap | undefined {
  const m = INLINE_MAP.exec(script);
  if (!m?.[1]) return undefined;
  let map: SourceMap;
  let original: string;
  try {
    const payload = JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as { sourcesContent?: unknown[] };
    map = new SourceMap(payload as ConstructorParameters<typeof SourceMap>[0]);
    const content = payload.sourcesContent?.[0];
    original = typeof content === 'string' ? content : readFileSync(path, 'utf8');
  } catch {
    return () => undefined;
  }
  const generated = lineStarts(script);
  const starts = lineStarts(original);
  return (offset) => {
    const line = lineOf(generated, offset);
    const entry = map.findEntry(line, offset - (generated[line] ?? 0)) as Partial<{
      generatedLine: number;
      generatedColumn: number;
      originalLine: number;
      originalColumn: number;
    }>;
    if (entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
    const start = starts[entry.originalLine];
    const at = (generated[entry.generatedLine ?? line] ?? 0) + (entry.generatedColumn ?? 0);
    if (start === undefined) return undefined;
    // The nearest mapping at or before may be an earlier token (esbuild maps few of them: in `a?b:null`, `null`
    // has none and `b` would answer). The distance from it is added as it is: the generated text is the denser
    // (no types, no spaces), so the place lands after that token and at or before the one sought.
    return start + entry.originalColumn + Math.max(0, offset - at);
  };
}
