/**
 * Walks over parsed JSON without recursion. A reply is hostile: `JSON.parse` reads 100,000 levels of nesting, but
 * `JSON.stringify`, `structuredClone` and any recursive walk overflow the stack on it. So the model never hands a
 * reply's nested value to them: it writes JSON text iteratively, and keeps only a bounded copy of a reply's value in
 * a violation (which reports serialize and workers clone).
 */

type Frame =
  | { readonly kind: 'array'; readonly items: readonly unknown[]; i: number }
  | { readonly kind: 'object'; readonly keys: readonly string[]; readonly obj: Record<string, unknown>; i: number };

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null;

function scalarText(v: unknown): string {
  // A value parsed from JSON is a string, a finite number, a boolean or null; anything else writes as JSON.stringify
  // writes it inside a container (`null`).
  const s = JSON.stringify(v) as string | undefined;
  return s ?? 'null';
}

/**
 * The JSON text of a parsed JSON value, as `JSON.stringify` writes it, at any depth.
 * @param value - a value `JSON.parse` returned (or any part of one)
 * @param maxChars - stop once the text is this long and end it with `…` (a preview, not JSON) @defaultValue no limit
 * @example jsonText(JSON.parse('[[[1]]]')) // '[[[1]]]'
 */
export function jsonText(value: unknown, maxChars = Number.POSITIVE_INFINITY): string {
  let out = '';
  const stack: Frame[] = [];
  const open = (v: unknown): void => {
    if (!isContainer(v)) {
      out += scalarText(v);
      return;
    }
    if (Array.isArray(v)) {
      out += '[';
      stack.push({ kind: 'array', items: v, i: 0 });
    } else {
      out += '{';
      const obj = v as Record<string, unknown>;
      stack.push({ kind: 'object', keys: Object.keys(obj), obj, i: 0 });
    }
  };
  open(value);
  while (stack.length && out.length <= maxChars) {
    const top = stack[stack.length - 1] as Frame;
    const n = top.kind === 'array' ? top.items.length : top.keys.length;
    if (top.i >= n) {
      out += top.kind === 'array' ? ']' : '}';
      stack.pop();
      continue;
    }
    if (top.i > 0) out += ',';
    if (top.kind === 'array') open(top.items[top.i++]);
    else {
      const key = top.keys[top.i++] as string;
      out += `${JSON.stringify(key)}:`;
      open(top.obj[key]);
    }
  }
  return out.length > maxChars ? `${out.slice(0, Math.max(0, maxChars - 1))}…` : out;
}

/** Limits of {@link boundedCopy}. */
export interface BoundedCopyLimits {
  /** Levels of nesting kept; deeper values become the string `"…"`. @defaultValue 8 */
  readonly depth?: number;
  /** Entries kept per array or object; the rest are left out. @defaultValue 32 */
  readonly entries?: number;
}

/**
 * A copy of a parsed JSON value cut to a few levels and entries, safe to serialize, clone and show: what a violation
 * keeps of a value the reply holds. Scalars are returned as they are; objects are copied with a null prototype.
 * @param value - a value from a parsed reply
 * @param limits - how much to keep
 */
export function boundedCopy(value: unknown, limits: BoundedCopyLimits = {}): unknown {
  if (!isContainer(value)) return value;
  const maxDepth = limits.depth ?? 8;
  const maxEntries = limits.entries ?? 32;
  const copyOf = (v: object): unknown[] | Record<string, unknown> =>
    Array.isArray(v) ? [] : (Object.create(null) as Record<string, unknown>);
  const root = copyOf(value);
  const work: { from: object; to: unknown[] | Record<string, unknown>; depth: number }[] = [
    { from: value, to: root, depth: 1 },
  ];
  while (work.length) {
    const { from, to, depth } = work.pop() as (typeof work)[number];
    const entries: [string, unknown][] = Array.isArray(from)
      ? from.slice(0, maxEntries).map((v, i) => [String(i), v])
      : Object.keys(from)
          .slice(0, maxEntries)
          .map((k) => [k, (from as Record<string, unknown>)[k]]);
    for (const [k, v] of entries) {
      let kept: unknown = v;
      if (isContainer(v)) {
        if (depth >= maxDepth) kept = '…';
        else {
          kept = copyOf(v);
          work.push({ from: v, to: kept as unknown[] | Record<string, unknown>, depth: depth + 1 });
        }
      }
      if (Array.isArray(to)) to.push(kept);
      else to[k] = kept;
    }
  }
  return root;
}
