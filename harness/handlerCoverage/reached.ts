/** Whether V8 saw a place run, from the ranges of one take (`runtime/node/coverage.ts`). */

/**
 * True when the innermost range around `offset` was reached. V8's ranges nest: a function's range holds its
 * blocks', and the smallest range around a place says whether it ran. A place outside every range did not run
 * during the take (V8 reports a function only when it ran, or when it holds one that did).
 * @param ranges - `start, end, reached` triples
 * @param offset - a UTF-16 offset into the script
 */
export function reachedAt(ranges: readonly number[], offset: number): boolean {
  let best = Number.POSITIVE_INFINITY;
  let reached = false;
  for (let i = 0; i + 2 < ranges.length; i += 3) {
    const start = ranges[i] ?? 0;
    const end = ranges[i + 1] ?? 0;
    if (start <= offset && offset < end && end - start <= best) {
      best = end - start;
      reached = ranges[i + 2] === 1;
    }
  }
  return reached;
}

/**
 * Lines never reached, as spans: consecutive unreached lines with no reached line between them make one span.
 * @param lines - every counted line, ascending, with whether it was reached
 */
export function unreachedSpans(
  lines: readonly { readonly line: number; readonly reached: boolean }[],
): [number, number][] {
  const spans: [number, number][] = [];
  let open: [number, number] | undefined;
  for (const { line, reached } of lines) {
    if (reached) open = undefined;
    else if (open) open[1] = line;
    else spans.push((open = [line, line]));
  }
  return spans;
}
