/** A handler's stack as people see it: its own frames first, the tool's and Node's left out and counted. */
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { frameLocation, handlerLocation, isForeignFrame, shownTrace, traceText } from './stack.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const trace = [
  'Error: too big for me',
  `    at handler (${pathToFileURL('/app/src/handler.mjs').href}:4:11)`,
  `    at startLegacy (${join(root, 'runtime/node/runtime.ts')}:160:20)`,
  `    at invoke (${join(root, 'runtime/node/host.ts')}:107:22)`,
  '    at [nodejs.internal.kHybridDispatch] (node:internal/event_target:831:20)',
  '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
];

describe('handler stack traces', () => {
  it("keeps the handler's frames and counts the ones it leaves out", () => {
    const t = shownTrace(trace);
    expect(t.head).toStrictEqual(['Error: too big for me']);
    expect(t.frames).toStrictEqual([trace[1]]);
    expect(t.hidden).toBe(5);
    expect(traceText(trace)).toBe(
      `Error: too big for me\n${trace[1] ?? ''}\n    (5 frames of the tool and of Node internals not shown)`,
    );
  });

  it("names the handler's own file and line, as a path", () => {
    expect(handlerLocation(trace)).toBe('/app/src/handler.mjs:4:11');
    expect(handlerLocation(trace.slice(2))).toBeUndefined();
    expect(frameLocation('    at /srv/h.js:2:3')).toStrictEqual({ file: '/srv/h.js', line: 2, column: 3 });
  });

  it("a fixture handler inside the package is the handler's, the package's code is not", () => {
    expect(isForeignFrame(`    at handler (${join(root, 'fixtures/handlers/h.mjs')}:1:1)`)).toBe(false);
    expect(isForeignFrame(`    at run (${join(root, 'harness/runCheck.ts')}:1:1)`)).toBe(true);
    expect(isForeignFrame(`    at x (${join(root, 'node_modules/tsx/dist/loader.mjs')}:1:1)`)).toBe(true);
  });
});
