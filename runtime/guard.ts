/**
 * Keeps the process that decides the verdict out of reach of the code it judges. On Node 20 any process of the
 * same user can open a Node process's inspector by sending it SIGUSR1 (`kill -USR1`, `process._debugProcess`), and
 * whoever then connects to 127.0.0.1:9229 can run code in it: set the exit code, rewrite what it prints. Node 22
 * has `--disable-sigusr1`; on Node 20 a JavaScript listener for SIGUSR1 replaces the handler that starts the
 * inspector (measured: with the listener, the signal opens nothing). So the tool listens, and says so once.
 */

let installed = false;

/**
 * Makes this process immune to SIGUSR1 (its inspector cannot be opened from outside). Idempotent.
 * @param notice - told once when a SIGUSR1 arrives (something tried to open the inspector)
 */
export function guardTool(notice?: (text: string) => void): void {
  if (installed) return;
  installed = true;
  let told = false;
  process.on('SIGUSR1', () => {
    if (told) return;
    told = true;
    notice?.('ignored SIGUSR1: the inspector of cognito-sync-conformance cannot be opened from outside\n');
  });
}
