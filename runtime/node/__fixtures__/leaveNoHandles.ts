/**
 * Run as a script by `isolation.test.ts`: puts worker and process invokers through a timeout, a crash and a close
 * in the middle of an invocation, leaves one invoker open, then ends without `process.exit`. It prints the outcome
 * kinds and the resources keeping the event loop alive before and after; the test checks that the process ends by
 * itself.
 */
import { fileURLToPath } from 'node:url';
import { createLocalInvoker } from '../index.ts';

const modulePath = fileURLToPath(new URL('../../../fixtures/handlers/crashes.cjs', import.meta.url));
// The script's own stdio (pipes to the test) is there before and after; anything else left is the runner's.
const before = process.getActiveResourcesInfo();
const kinds: string[] = [];
for (const isolation of ['worker', 'process'] as const) {
  const invoker = createLocalInvoker({ modulePath, exportName: 'picky', isolation });
  kinds.push((await invoker.invoke({ do: 'loop' }, { deadlineMs: 500 })).kind);
  kinds.push((await invoker.invoke({ do: 'exit' })).kind);
  kinds.push((await invoker.invoke({ n: 1 })).kind);
  const running = invoker.invoke({ do: 'hang' }, { deadlineMs: 60_000 });
  // Only microtasks stand between a call on a live isolate and the event being on its way.
  await new Promise((resolve) => setImmediate(resolve));
  await invoker.close();
  await invoker.close();
  kinds.push((await running).kind);
  // Never closed: a forgotten close() must not keep the tool alive either.
  const forgotten = createLocalInvoker({ modulePath, exportName: 'picky', isolation });
  kinds.push((await forgotten.invoke({ n: 2 })).kind);
}
console.log(JSON.stringify({ kinds, before, after: process.getActiveResourcesInfo() }));
