/** Watching the processes a test's handler code started: are they gone once their run ended? */
import { existsSync, readFileSync } from 'node:fs';

/**
 * True while `pid` runs (a zombie waiting for its parent counts as gone).
 * @param pid - a process id
 */
export function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/s.test(stat);
  } catch {
    if (existsSync('/proc/self/stat')) return false;
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The pids a text names as `pid <n>`, once all of them are gone (or the ones still running after 5 s).
 * @param text - logs that name pids
 */
export async function survivors(text: string): Promise<{ pids: number[]; alive: number[] }> {
  const pids = [...text.matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
  const until = performance.now() + 5000;
  let alive = pids.filter(running);
  while (alive.length && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    alive = alive.filter(running);
  }
  return { pids, alive };
}
