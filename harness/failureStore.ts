/**
 * The failure store: failing cases are kept (keyed by check id + event hash + handler) and re-run first next time,
 * like a test database; entries that now pass are cleared. One JSON file, written atomically, one entry a line.
 *
 * It stays small: a case is kept as its abstract scenario (`caseInput.ts`), and the file holds at most
 * `FAILURE_STORE_LIMITS` entries and bytes, the longest unseen dropped first. It never destroys what it cannot
 * read: a corrupt file, or one a newer version wrote, is renamed aside with a warning; an entry that is not a valid
 * case is dropped with a warning instead of erroring its check on every run.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isJsonObject } from '../model/index.ts';
import { isHarnessError } from '../runtime/errors.ts';
import type { Check } from '../suites/check.ts';
import { decodeInput, encodeInput } from './caseInput.ts';
import { FAILURE_STORE_LIMITS } from './runDefaults.ts';
import { scenarioFromJson } from './scenarioJson.ts';

/** One stored failing case. In the file `input` is compact (a case's scenario); `forCheck` rebuilds it. */
export interface StoredFailure {
  readonly checkId: string;
  readonly eventHash: string;
  readonly handler: string;
  readonly input: unknown;
  readonly seed: number;
  readonly path: string;
  readonly firstSeen: string;
  /** When it last failed; the store drops the longest unseen entries first. @defaultValue `firstSeen` */
  readonly lastSeen?: string;
}

/** The store file's format version; version 1 (whole inputs, indented) is still read. */
export const FAILURE_STORE_VERSION = 2;

/** Receives the store's warnings (a file set aside, entries dropped). */
export type StoreWarning = (message: string) => void;

const sameCase = (a: StoredFailure, b: Pick<StoredFailure, 'checkId' | 'eventHash' | 'handler'>): boolean =>
  a.checkId === b.checkId && a.eventHash === b.eventHash && a.handler === b.handler;

/** The entry from parsed JSON with a compact input, or the reason it is not one. */
function entryOf(v: unknown): StoredFailure | string {
  if (!isJsonObject(v)) return 'an entry is not an object';
  const { checkId, eventHash, handler, input, seed, path, firstSeen, lastSeen } = v;
  if (typeof checkId !== 'string' || !checkId) return 'an entry has no check id';
  if (typeof eventHash !== 'string' || !/^[0-9a-f]{12}$/.test(eventHash))
    return `an entry of ${checkId} has no event hash`;
  if (typeof handler !== 'string') return `an entry of ${checkId} has no handler`;
  if (typeof seed !== 'number' || !Number.isInteger(seed)) return `an entry of ${checkId} has no seed`;
  if (typeof path !== 'string' || !/^\d+(:\d+)*$/.test(path)) return `an entry of ${checkId} has no fast-check path`;
  if (typeof firstSeen !== 'string' || (lastSeen !== undefined && typeof lastSeen !== 'string'))
    return `an entry of ${checkId} has no dates`;
  const compact = encodeInput(input);
  if (compact !== null) {
    const read = isJsonObject(compact) ? scenarioFromJson(compact.scenario) : undefined;
    if (!read?.ok) return `the input of an entry of ${checkId} is not a case${read ? `: ${read.problem}` : ''}`;
  }
  return { checkId, eventHash, handler, input: compact, seed, path, firstSeen, lastSeen: lastSeen ?? firstSeen };
}

/** The failure store at a path. A missing file is an empty store. */
export class FailureStore {
  private failures: StoredFailure[] = [];
  /** Entries that failed in this run: kept first when the store is over its limits. */
  private readonly seen = new Set<StoredFailure>();
  private dirty = false;
  /** Set when a file that could not be read could not be renamed aside either: it must not be overwritten. */
  private readOnly = false;

  private constructor(
    private readonly path: string,
    private readonly warn: StoreWarning,
  ) {}

  /**
   * Opens the store. A file it cannot use is renamed aside (never overwritten) and the run starts with an empty
   * store; invalid entries are dropped. Both with a warning.
   * @param path - the store file
   * @param warn - where warnings go @defaultValue `process.emitWarning`
   */
  static async open(
    path: string,
    warn: StoreWarning = (m) => {
      process.emitWarning(m);
    },
  ): Promise<FailureStore> {
    const store = new FailureStore(path, warn);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warn(`cannot read the failure store ${path}: ${String(e)}`);
      return store;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      await store.setAside('corrupt', 'is not valid JSON');
      return store;
    }
    const version = isJsonObject(parsed) ? parsed.version : undefined;
    if (typeof version === 'number' && version > FAILURE_STORE_VERSION) {
      await store.setAside(`v${version}`, `was written by a newer version of the tool (store version ${version})`);
      return store;
    }
    if (!isJsonObject(parsed) || (version !== 1 && version !== 2) || !Array.isArray(parsed.failures)) {
      await store.setAside('unknown', 'is not a failure store');
      return store;
    }
    const problems: string[] = [];
    for (const raw of parsed.failures) {
      const entry = entryOf(raw);
      if (typeof entry === 'string') problems.push(entry);
      else if (!store.failures.some((f) => sameCase(f, entry))) store.failures.push(entry);
    }
    if (problems.length)
      warn(`dropped ${problems.length} invalid entr${problems.length === 1 ? 'y' : 'ies'} of ${path}: ${problems[0]}`);
    store.dirty = problems.length > 0 || version !== FAILURE_STORE_VERSION;
    return store;
  }

  /** Renames the file aside so that the next save cannot overwrite it. */
  private async setAside(tag: string, why: string): Promise<void> {
    const aside = `${this.path}.${tag}-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.path, aside);
      this.warn(`the failure store ${this.path} ${why}; kept it as ${aside} and started an empty one`);
    } catch (e) {
      this.warn(`the failure store ${this.path} ${why}, and cannot be renamed aside (${String(e)}); it is left alone`);
      this.readOnly = true;
    }
  }

  /**
   * Stored failures of a check for a handler, with their inputs rebuilt. An entry that is not an input of this
   * check, or no longer builds the event it failed with (its key), is dropped with a warning.
   * @param check - the check
   * @param handler - the handler label of the run
   */
  forCheck(check: Check, handler: string): StoredFailure[] {
    const out: StoredFailure[] = [];
    for (const f of this.failures.filter((x) => x.checkId === check.id && x.handler === handler)) {
      try {
        out.push({ ...f, input: decodeInput(check, f.input, this.path, { eventHash: f.eventHash }) });
      } catch (e) {
        if (!isHarnessError(e)) throw e;
        this.failures = this.failures.filter((x) => x !== f);
        this.dirty = true;
        this.warn(`dropped an entry of ${this.path}: ${e.message}`);
      }
    }
    return out;
  }

  /**
   * Adds a failure, or marks a stored one as seen again.
   * @param f - the failure, its input as drawn
   */
  add(f: StoredFailure): void {
    const now = new Date().toISOString();
    const i = this.failures.findIndex((x) => sameCase(x, f));
    const entry: StoredFailure =
      i < 0
        ? { ...f, input: encodeInput(f.input), lastSeen: now }
        : { ...(this.failures[i] as StoredFailure), lastSeen: now };
    if (i < 0) this.failures.push(entry);
    else this.failures[i] = entry;
    this.seen.add(entry);
    this.dirty = true;
  }

  /**
   * Removes an entry that now passes.
   * @param checkId - the check
   * @param eventHash - the case's event hash
   * @param handler - the handler label
   */
  clear(checkId: string, eventHash: string, handler: string): void {
    const before = this.failures.length;
    this.failures = this.failures.filter((x) => !sameCase(x, { checkId, eventHash, handler }));
    this.dirty ||= before !== this.failures.length;
  }

  /** The entries the file keeps: those seen in this run first, then the most recently seen, within the limits. */
  private kept(): string[] {
    const order = [...this.failures].sort(
      (a, b) =>
        Number(this.seen.has(b)) - Number(this.seen.has(a)) || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? ''),
    );
    const lines: string[] = [];
    let bytes = 0;
    for (const f of order) {
      const line = JSON.stringify(f);
      const size = Buffer.byteLength(line) + 2;
      if (lines.length >= FAILURE_STORE_LIMITS.maxEntries || bytes + size > FAILURE_STORE_LIMITS.maxBytes) continue;
      lines.push(line);
      bytes += size;
    }
    return lines;
  }

  /** Writes the store if it changed; a store that cannot be written is a warning, not a failed run. */
  async save(): Promise<void> {
    if (!this.dirty || this.readOnly) return;
    const lines = this.kept();
    const text = `{"version":${FAILURE_STORE_VERSION},"failures":[${lines.length ? `\n${lines.join(',\n')}\n` : ''}]}\n`;
    try {
      await mkdir(dirname(this.path), { recursive: true });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, text);
      await rename(tmp, this.path);
      this.dirty = false;
    } catch (e) {
      this.warn(`cannot write the failure store ${this.path}: ${String(e)}`);
    }
  }
}
