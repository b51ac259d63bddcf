/**
 * When a value the service holds agrees with the model's. The model's prediction runs the handler locally, the
 * service runs the deployed one a moment later: a value the handler computes from the clock (a timestamp written on
 * every run) differs between the two though both did the same thing. Such values are compared by shape — both a
 * time of the same format, both within the run — and keys the user names are compared by presence only.
 */

/** How record values are compared. */
export interface ValueComparison {
  /** Keys whose values are compared by presence only (the handler computes them: a random id, a counter). */
  readonly presenceOnly: ReadonlySet<string>;
  /** Epoch ms: a time written by the handler during the run lies between these. */
  readonly from: number;
  /** Epoch ms, read when comparing (the run goes on); @defaultValue now */
  readonly to?: () => number;
}

/** Clock skew allowed between this machine and the service's, in ms. */
const CLOCK_SLACK_MS = 15 * 60_000;

/** Formats of a time a handler writes, each with how to read it as epoch ms. */
const CLOCK_FORMATS: readonly {
  readonly name: string;
  readonly pattern: RegExp;
  readonly ms: (v: string) => number;
}[] = [
  {
    name: 'ISO 8601',
    pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/,
    ms: (v) => Date.parse(v),
  },
  { name: 'epoch milliseconds', pattern: /^\d{13}$/, ms: Number },
  { name: 'epoch seconds', pattern: /^\d{10}(\.\d{1,6})?$/, ms: (v) => Number(v) * 1000 },
  {
    name: 'Date string',
    pattern: /^[A-Z][a-z]{2},? (\d{2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{2}) \d{4} \d{2}:\d{2}:\d{2} (GMT|UTC)/,
    ms: (v) => Date.parse(v),
  },
];

/**
 * The format of a value that is a time within the window (`undefined` for any other value).
 * @param value - a record value
 * @param c - the window
 */
export function clockFormat(value: string, c: Pick<ValueComparison, 'from' | 'to'>): string | undefined {
  const to = (c.to ?? Date.now)() + CLOCK_SLACK_MS;
  for (const f of CLOCK_FORMATS) {
    if (!f.pattern.test(value)) continue;
    const ms = f.ms(value);
    if (Number.isFinite(ms) && ms >= c.from - CLOCK_SLACK_MS && ms <= to) return f.name;
  }
  return undefined;
}

/**
 * Whether two values of one key agree: equal, or (for a named key) both present, or both a time of the same format
 * written during the run. `null` is a removed record.
 * @param key - the record key
 * @param model - the model's value
 * @param service - the service's value
 * @param c - how to compare
 */
export function sameValue(key: string, model: string | null, service: string | null, c?: ValueComparison): boolean {
  if (model === service) return true;
  if (!c || model === null || service === null) return false;
  if (c.presenceOnly.has(key)) return true;
  const format = clockFormat(model, c);
  return format !== undefined && clockFormat(service, c) === format;
}

/** What to say under a value that differs: how to compare it otherwise, when the handler computes it. */
export function differentValueHint(key: string): string {
  return `if the handler computes this value on each run (a random id, a counter), compare it by presence only: --presence-only ${JSON.stringify(key)}`;
}
