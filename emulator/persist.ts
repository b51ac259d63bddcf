/**
 * The state file and its journal. Every change of the state is appended to `<file>.journal` as one JSON line, and
 * a request is answered only once the journal holds it on disk (`fsync`, one for all the changes of the requests
 * answered together): an acknowledged write survives `kill -9`, and a crash of the machine too. The whole state is
 * written to `<file>` (a temporary file, `fsync`, rename) when the journal grows large and on close, and the
 * journal starts again. On start the file is loaded and the journal replayed over it. Pools, identities, logins,
 * issued access key ids (never secrets), devices and datasets are kept; sync session tokens are not: after a restart
 * a device lists again, as after any expired session.
 */
import {
  closeSync,
  existsSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { DatasetState } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import { emptyTables, EmulatorState, type Change, type Pool, type TableName, type Tables } from './state.ts';

const VERSION = 2;
const TABLES = Object.keys(emptyTables()) as TableName[];

/** The journal is folded into the state file once it is this large. */
const COMPACT_BYTES = 16 * 1024 * 1024;

const fsyncAsync = promisify(fsync);
const stateProblem = (message: string, cause?: unknown): HarnessError =>
  new HarnessError('E_STATE_FILE', message, cause === undefined ? undefined : { cause });

/** The journal of a state file. */
export const journalOf = (path: string): string => `${path}.journal`;

function apply(tables: Tables, c: Change): void {
  const table = tables[c.table] as Map<string, unknown>;
  if ('value' in c) table.set(c.key, c.value);
  else table.delete(c.key);
}

/** Version 1 files (before the journal) held lists; their rows are read into the tables. */
function fromVersion1(data: Record<string, unknown>, tables: Tables): void {
  const list = (k: string): unknown[] => (Array.isArray(data[k]) ? (data[k] as unknown[]) : []);
  for (const p of list('pools') as Pool[]) tables.pools.set(p.id, p);
  for (const [i, p] of list('identities') as [string, string][]) tables.identities.set(i, p);
  for (const [k, c] of list('issued') as [string, never][]) tables.issued.set(k, c);
  for (const [k, n] of list('deleted') as [string, number][]) tables.deleted.set(k, n);
  for (const d of list('datasets') as DatasetState[])
    tables.datasets.set(EmulatorState.key(d.identity.identityPoolId, d.identity.identityId, d.datasetName), d);
}

function readSnapshot(path: string, tables: Tables): void {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw stateProblem(`cannot read the emulator state ${path}: ${(e as Error).message}`, e);
  }
  const rows = data.tables as Record<string, unknown> | undefined;
  if (
    data.version === 1 &&
    ['pools', 'identities', 'issued', 'deleted', 'datasets'].every((k) => Array.isArray(data[k]))
  )
    fromVersion1(data, tables);
  else if (data.version === VERSION && rows && TABLES.every((t) => Array.isArray(rows[t])))
    for (const t of TABLES)
      for (const [k, v] of rows[t] as [string, unknown][]) (tables[t] as Map<string, unknown>).set(k, v);
  else throw stateProblem(`${path} is not an emulator state file (version ${String(VERSION)}); move it away`);
}

function replayJournal(path: string, tables: Tables): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    let c: Change;
    try {
      c = JSON.parse(line) as Change;
    } catch (e) {
      // Only the last line can be cut short (the machine stopped while it was written): it was never acknowledged.
      if (i >= lines.length - 2) break;
      throw stateProblem(`the emulator journal ${path} is damaged at line ${String(i + 1)}; move it away`, e);
    }
    if (!TABLES.includes(c.table))
      throw stateProblem(`the emulator journal ${path} has an unknown change at line ${String(i + 1)}`);
    apply(tables, c);
  }
}

/**
 * Loads a state file and replays its journal; a missing file is an empty state.
 * @throws HarnessError `E_STATE_FILE` when a file cannot be read or is not the emulator's, or its folder does not exist
 */
export function loadTables(path: string): Tables {
  if (!existsSync(dirname(path)))
    throw stateProblem(`cannot keep the emulator state in ${path}: the folder does not exist`);
  const tables = emptyTables();
  if (existsSync(path)) readSnapshot(path, tables);
  if (existsSync(journalOf(path))) replayJournal(journalOf(path), tables);
  return tables;
}

/** Writes the whole state durably: a temporary file, `fsync`, rename, `fsync` of the folder. */
function writeSnapshot(tables: Tables, path: string): void {
  const data = { version: VERSION, tables: Object.fromEntries(TABLES.map((t) => [t, [...tables[t]]])) };
  const tmp = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data)}\n`);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** The journal of a running emulator: `record` each change, await `durable()` before answering. */
export class Journal {
  private readonly fd: number;
  private pending: string[] = [];
  private bytes = 0;
  private syncing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly tables: Tables,
    private readonly path: string,
    private readonly log: (line: string) => void,
  ) {
    this.fd = openSync(journalOf(path), 'a');
  }

  /** A change happened: it goes into the next write of the journal. */
  record(c: Change): void {
    if (!this.closed) this.pending.push(`${JSON.stringify(c)}\n`);
  }

  /**
   * Resolves once every change recorded so far is on disk. Changes recorded while a write is under way go into
   * the next one, which every request waiting then shares (group commit).
   */
  durable(): Promise<void> {
    if (!this.pending.length) return this.syncing ?? Promise.resolve();
    this.queued ??= (this.syncing ?? Promise.resolve()).then(() => {
      this.queued = undefined;
      return this.write();
    });
    return this.queued;
  }

  private async write(): Promise<void> {
    if (!this.pending.length || this.closed) return;
    const text = this.pending.join('');
    this.pending = [];
    writeSync(this.fd, text);
    this.bytes += Buffer.byteLength(text);
    this.syncing = fsyncAsync(this.fd);
    try {
      await this.syncing;
    } finally {
      this.syncing = undefined;
    }
    if (this.bytes > COMPACT_BYTES) this.compact();
  }

  /** Folds the journal into the state file: the whole state written durably, then an empty journal. */
  private compact(): void {
    try {
      writeSnapshot(this.tables, this.path);
      ftruncateSync(this.fd, 0);
      this.bytes = 0;
    } catch (e) {
      // The journal still holds everything: nothing acknowledged is lost, the next compaction tries again.
      this.log(`cannot write the state file ${this.path}: ${(e as Error).message}`);
    }
  }

  /** Writes what is pending, folds the journal into the state file and removes it. Idempotent. */
  close(): void {
    if (this.closed) return;
    const text = this.pending.join('');
    this.pending = [];
    if (text) writeSync(this.fd, text);
    fsyncSync(this.fd);
    this.closed = true;
    try {
      writeSnapshot(this.tables, this.path);
      closeSync(this.fd);
      rmSync(journalOf(this.path), { force: true });
    } catch (e) {
      closeSync(this.fd);
      this.log(`cannot write the state file ${this.path}: ${(e as Error).message} (the journal keeps the state)`);
    }
  }
}
