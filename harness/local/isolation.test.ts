/**
 * Isolation: a handler that exits, loops for ever, hangs or allocates without bound is reported as that outcome
 * within a bounded time, never takes the tool down, and the same invoker keeps working afterwards (a fresh isolate).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLocalInvoker } from './index.ts';

const crashes = fileURLToPath(new URL('../../fixtures/handlers/crashes.cjs', import.meta.url));

describe.each(['worker', 'process'] as const)('isolation %s', (isolation) => {
  it('reports exit, an endless loop, a hang and a memory bomb, then replies again', async () => {
    const inv = createLocalInvoker({ modulePath: crashes, exportName: 'picky', isolation, memoryLimitMb: 96 });
    await inv.init();
    try {
      const exit = await inv.invoke({ do: 'exit' }, { deadlineMs: 1500 });
      expect(exit.kind).toBe('crashed');
      expect(exit.kind === 'crashed' ? exit.detail : '').toMatch(/3/);
      expect(await inv.invoke({ n: 1 }, { deadlineMs: 5000 })).toMatchObject({ kind: 'replied', json: '{"ok":1}' });

      const loop = await inv.invoke({ do: 'loop' }, { deadlineMs: 1500 });
      expect(loop.kind).toBe('timed-out');
      expect(await inv.invoke({ n: 2 }, { deadlineMs: 5000 })).toMatchObject({ kind: 'replied', json: '{"ok":2}' });

      const hang = await inv.invoke({ do: 'hang' }, { deadlineMs: 1500 });
      expect(hang.kind).toBe('timed-out');
      expect(await inv.invoke({ n: 3 }, { deadlineMs: 5000 })).toMatchObject({ kind: 'replied', json: '{"ok":3}' });

      const bomb = await inv.invoke({ do: 'bomb' }, { deadlineMs: 20_000 });
      expect(['crashed', 'threw', 'timed-out']).toContain(bomb.kind);
      expect(await inv.invoke({ n: 4 }, { deadlineMs: 5000 })).toMatchObject({ kind: 'replied', json: '{"ok":4}' });
    } finally {
      await inv.close();
      await inv.close(); // idempotent
    }
  }, 90_000);
});

describe('load errors', () => {
  it.each([
    ['a missing module', { modulePath: '/nonexistent/handler.js' }, 'E_HANDLER_LOAD'],
    ['a missing export', { modulePath: crashes, exportName: 'nope' }, 'E_HANDLER_EXPORT'],
  ])('%s is a harness error naming it', async (_what, o, code) => {
    const inv = createLocalInvoker({ ...o, isolation: 'worker' });
    await expect(inv.init()).rejects.toMatchObject({ code });
    await inv.close();
  });
});
