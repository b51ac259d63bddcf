/**
 * The failure store: failing cases are kept (keyed by check id + event hash + handler) and re-run first next time,
 * like a test database; entries that now pass are cleared. A JSON file, written atomically.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One stored failing case. */
export interface StoredFailure {
  readonly checkId: string;
  readonly eventHash: string;
  readonly handler: string;
  readonly input: unknown;
  readonly seed: number;
  readonly path: string;
  readonly firstSeen: string;
}

interface StoreFile {
  readonly version: 1;
  readonly failures: StoredFailure[];
}

/** The failure store at a path. A missing or unreadable file is an empty store (and is rewritten on save). */
export class FailureStore {
  private failures: StoredFailure[] = [];
  private dirty = false;

  private constructor(private readonly path: string) {}

  /** Opens the store; a corrupt file is set aside as empty rather than stopping the run. */
  static async open(path: string): Promise<FailureStore> {
    const store = new FailureStore(path);
    try {
      const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<StoreFile>;
      if (parsed.version === 1 && Array.isArray(parsed.failures)) store.failures = parsed.failures;
    } catch {
      // No store yet, or unreadable: start empty.
    }
    return store;
  }

  /** Stored failures of a check for a handler. */
  forCheck(checkId: string, handler: string): StoredFailure[] {
    return this.failures.filter((f) => f.checkId === checkId && f.handler === handler);
  }

  /** Adds (or keeps) a failure. */
  add(f: StoredFailure): void {
    if (this.failures.some((x) => x.checkId === f.checkId && x.eventHash === f.eventHash && x.handler === f.handler))
      return;
    this.failures.push(f);
    this.dirty = true;
  }

  /** Removes an entry that now passes. */
  clear(checkId: string, eventHash: string, handler: string): void {
    const before = this.failures.length;
    this.failures = this.failures.filter(
      (x) => !(x.checkId === checkId && x.eventHash === eventHash && x.handler === handler),
    );
    this.dirty ||= before !== this.failures.length;
  }

  /** Writes the store if it changed. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify({ version: 1, failures: this.failures } satisfies StoreFile, null, 2));
    await rename(tmp, this.path);
    this.dirty = false;
  }
}
