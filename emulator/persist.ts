/**
 * The state file: pools, identities, issued access key ids (never secrets), datasets and deletion marks, written
 * atomically (temporary file, then rename) shortly after each change and on close, and loaded on start. Sync
 * session tokens are not kept: after a restart a device lists again, as after any expired session.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DatasetState } from '../model/index.ts';
import { HarnessError } from '../runtime/errors.ts';
import { EmulatorState, type Issued, type Pool } from './state.ts';

const VERSION = 1;

interface StateFile {
  readonly version: number;
  readonly pools: readonly Pool[];
  readonly identities: readonly (readonly [string, string])[];
  readonly issued: readonly (readonly [string, Issued])[];
  readonly deleted: readonly (readonly [string, number])[];
  readonly datasets: readonly DatasetState[];
}

/** How long after a change the file is written (changes in between are written together). */
export const SAVE_DELAY_MS = 50;

/**
 * Loads a state file into a fresh state; a missing file is an empty state.
 * @throws HarnessError `E_USAGE` when the file cannot be read or is not a state file, or its folder does not exist
 */
export function loadState(state: EmulatorState, path: string): void {
  if (!existsSync(dirname(path)))
    throw new HarnessError('E_USAGE', `cannot keep the emulator state in ${path}: the folder does not exist`);
  if (!existsSync(path)) return;
  let data: Partial<StateFile>;
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as Partial<StateFile>;
  } catch (e) {
    throw new HarnessError('E_USAGE', `cannot read the emulator state ${path}: ${(e as Error).message}`, { cause: e });
  }
  const lists = [data.pools, data.identities, data.issued, data.deleted, data.datasets];
  if (data.version !== VERSION || !lists.every(Array.isArray))
    throw new HarnessError('E_USAGE', `${path} is not an emulator state file (version ${VERSION}); move it away`);
  for (const p of data.pools ?? []) state.pools.set(p.id, { ...p, events: { ...p.events } });
  for (const [i, p] of data.identities ?? []) state.identities.set(i, p);
  for (const [k, c] of data.issued ?? []) state.issued.set(k, c);
  for (const [k, n] of data.deleted ?? []) state.deleted.set(k, n);
  for (const d of data.datasets ?? [])
    state.datasets.set(EmulatorState.key(d.identity.identityPoolId, d.identity.identityId, d.datasetName), d);
}

function write(state: EmulatorState, path: string): void {
  const data: StateFile = {
    version: VERSION,
    pools: [...state.pools.values()],
    identities: [...state.identities],
    issued: [...state.issued],
    deleted: [...state.deleted],
    datasets: [...state.datasets.values()],
  };
  const tmp = `${path}.${String(process.pid)}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(data)}\n`);
  renameSync(tmp, path);
}

/** Writes the state file a little after changes, and at once on `flush`. */
export class StateWriter {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly state: () => EmulatorState,
    private readonly path: string,
    private readonly log: (line: string) => void,
  ) {}

  /** A change happened: write soon. */
  changed(): void {
    // Unref'd: a forgotten close() must not keep a process alive; close() flushes.
    this.timer ??= setTimeout(() => {
      this.flush();
    }, SAVE_DELAY_MS).unref();
  }

  /** Writes now if anything changed. A failed write is reported, not thrown: the emulator keeps serving. */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      write(this.state(), this.path);
    } catch (e) {
      this.log(`cannot write the state file ${this.path}: ${(e as Error).message}`);
    }
  }
}
