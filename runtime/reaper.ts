/**
 * Nothing a handler starts outlives its run. Every process that runs handler code (a sandbox, a command) is
 * started in a session and process group of its own, with a marker variable in its environment that its children
 * inherit. Ending it kills the group, and on Linux also every process whose initial environment carries the marker
 * (read from `/proc/<pid>/environ`): that finds the children that left the group (`setsid`, double-forked daemons),
 * which the group alone would miss. A process that clears its environment and leaves the group escapes both; the
 * README's threat model says so, and recommends a container or a separate user for code that hostile.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';

/** The environment variable that marks a process as started for handler code. */
export const MARKER_VARIABLE = '_CSC_SANDBOX';

/** Process groups started and not yet ended, killed when the tool exits. */
const groups = new Set<number>();
/** Marker values handed out and not yet reaped, reaped when the tool exits. */
const markers = new Set<string>();
let hooked = false;

function hook(): void {
  if (hooked) return;
  hooked = true;
  // Synchronous: the last thing the tool does, even after an uncaught error.
  process.once('exit', () => {
    for (const pid of groups) killGroup(pid);
    for (const m of markers) reapMarked(m);
  });
}

/** A fresh marker value, reaped at the tool's exit if not before. */
export function newMarker(): string {
  hook();
  const m = randomUUID();
  markers.add(m);
  return m;
}

/**
 * Registers a process group to kill if the tool exits first.
 * @param pid - the group leader (a process spawned `detached`)
 */
export function trackGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  hook();
  groups.add(pid);
}

/**
 * Kills a whole process group (SIGKILL); the leader alone where there are no groups (Windows).
 * @param pid - the group leader
 */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  groups.delete(pid);
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Kills every process whose initial environment carries the marker (Linux `/proc`; elsewhere nothing to read).
 * @param marker - the marker value
 * @param keep - pids to spare (a sandbox that stays up while its handler's children go)
 * @returns how many processes were killed
 */
export function reapMarked(marker: string, keep: readonly number[] = []): number {
  const needle = `\0${MARKER_VARIABLE}=${marker}\0`;
  let killed = 0;
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const d of pids) {
    const pid = Number(d);
    if (pid === process.pid || keep.includes(pid)) continue;
    let environ: string;
    try {
      environ = readFileSync(`/proc/${d}/environ`, 'latin1');
    } catch {
      continue; // gone, or not ours to read (then not ours to kill either)
    }
    if (!`\0${environ}`.includes(needle)) continue;
    try {
      process.kill(pid, 'SIGKILL');
      killed++;
    } catch {
      // gone meanwhile
    }
  }
  return killed;
}

/**
 * Ends a marked run for good: the group, then every straggler carrying the marker.
 * @param pid - the group leader
 * @param marker - its marker value
 */
export function endMarked(pid: number | undefined, marker: string): void {
  killGroup(pid);
  reapMarked(marker);
  markers.delete(marker);
}
