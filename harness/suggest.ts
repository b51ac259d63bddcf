/**
 * "Did you mean …?" for names a user types (check ids, topics, reporter names), the way commander suggests flags:
 * the candidates closest by Damerau–Levenshtein distance (at most 3 edits, and more alike than not), plus any whose
 * last segment is the word itself (`shape` for `reply/shape`).
 */

/** Most edits a suggestion may be away from what was typed. */
const MAX_DISTANCE = 3;
/** Least share of characters a suggestion must have in common with what was typed. */
const MIN_SIMILARITY = 0.4;

/** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, ((d[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * The candidates a user most likely meant, best first; empty when none is close.
 * @param word - what the user typed
 * @param candidates - the names that exist
 * @example similarNames('reply/shap', ['reply/shape', 'data/no-dropped-changes']) // ['reply/shape']
 */
export function similarNames(word: string, candidates: Iterable<string>): string[] {
  const unique = [...new Set(candidates)];
  const bySegment = unique.filter((c) => c !== word && c.split('/').pop() === word);
  let best = MAX_DISTANCE + 1;
  let close: string[] = [];
  for (const c of unique) {
    if (c.length <= 1 || c === word) continue;
    const distance = editDistance(word, c);
    const length = Math.max(word.length, c.length);
    if ((length - distance) / length <= MIN_SIMILARITY || distance > MAX_DISTANCE) continue;
    if (distance < best) [best, close] = [distance, [c]];
    else if (distance === best) close.push(c);
  }
  return [...new Set([...bySegment, ...close.sort()])];
}

/**
 * The suggestion as words to append to an error: ` (did you mean reply/shape?)`, or empty.
 * @param word - what the user typed
 * @param candidates - the names that exist
 */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const s = similarNames(word, candidates);
  if (!s.length) return '';
  return s.length === 1 ? ` (did you mean ${s[0] ?? ''}?)` : ` (did you mean one of ${s.join(', ')}?)`;
}
