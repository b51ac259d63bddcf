/**
 * The grace a process that exited gets for its pipes to close. A background child of it may hold them open for ever,
 * so the tool concludes after a short wait with what it read. That wait is wall-clock time, and after a long pause of
 * this thread (a busy machine) the timer comes due in the same turn of the event loop as the pipe data the process
 * wrote before it exited: libuv runs timers before it polls for I/O, so concluding in the timer would lose the reply.
 * The callback runs after two more turns of I/O instead.
 */

/**
 * Calls `then` once `ms` have passed and the event loop has polled for I/O twice since.
 * @param ms - the grace, in milliseconds
 * @param then - what to do at its end
 * @returns a function that cancels it
 */
export function afterPipeGrace(ms: number, then: () => void): () => void {
  let cancelled = false;
  const timer = setTimeout(() => {
    setImmediate(() => {
      setImmediate(() => {
        if (!cancelled) then();
      });
    });
  }, ms);
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
