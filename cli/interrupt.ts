/** Ctrl-C for long live runs: the first asks the run to stop cleanly, a second quits at once. */

/**
 * Runs `task` with a stop signal that the first Ctrl-C aborts (printing `notice`); a second Ctrl-C exits with 130.
 * @param notice - what stopping will still do (delete the datasets, finish the experiment)
 * @param task - the run, given the signal
 */
export async function interruptible<T>(notice: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const onInterrupt = (): void => {
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
    process.stderr.write(`\n${notice} (Ctrl-C again quits at once)\n`);
  };
  process.on('SIGINT', onInterrupt);
  try {
    return await task(stop.signal);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
