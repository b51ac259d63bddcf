/**
 * Isolation: a handler that loops for ever, hangs, exits or allocates without bound is reported as that outcome in
 * bounded time, never takes the tool down, and the same invoker then answers from a fresh isolate. Closing settles
 * what runs and leaves nothing behind. In-process runs contain less, and these tests pin down what they do contain
 * (an endless loop is not tried there: nothing in the thread could stop it). Fixtures: `fixtures/handlers/`.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoker } from '../invoker.ts';
import { createLocalInvoker, type LocalInvokerOptions } from './index.ts';
import { scaled } from '../../test/timeScale.test-helpers.ts';

const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/handlers/${name}`, import.meta.url));
const CRASHES = fixture('crashes.cjs');
const ESM = fixture('esm.mjs');
const DEADLINE_MS = 1500;
/** "Bounded": far above the deadline, far below "never" (the machine is shared and noisy). */
const BOUND_MS = scaled(10_000);

const wall = async <T>(p: Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await p;
  return { value, ms: performance.now() - started };
};
/** A property as it is now (the function itself, compared by identity). */
const member = (o: object, key: string): unknown => (o as Record<string, unknown>)[key];
/** Lets queued microtasks run: a call on a live isolate has then posted its event. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The first invocation of a fresh isolate: a cold start, and the module's count of served invocations from 1. */
const freshReply = (n: number): object => ({
  kind: 'replied',
  json: JSON.stringify({ ok: n, served: 1 }),
  coldStart: true,
});

describe.each(['worker', 'process'] as const)('%s isolation', (isolation) => {
  const open = (o: Partial<LocalInvokerOptions> = {}): Invoker =>
    createLocalInvoker({ modulePath: CRASHES, exportName: 'picky', isolation, ...o });

  /** Runs `body` on a warm invoker (one invocation served), then checks it answers again from a fresh isolate. */
  async function survives(body: (inv: Invoker) => Promise<void>, o?: Partial<LocalInvokerOptions>): Promise<void> {
    const inv = open(o);
    try {
      expect(await inv.invoke({ n: 0 })).toMatchObject(freshReply(0));
      await body(inv);
      // Had the isolate survived, this would be its third invocation (served: 3) and warm.
      expect(await inv.invoke({ n: 1 }, { deadlineMs: BOUND_MS })).toMatchObject(freshReply(1));
    } finally {
      await inv.close();
    }
  }

  describe.concurrent('a handler that takes its isolate down', () => {
    it.each([
      ['loops for ever', 'loop'],
      ['hangs on a pending timer', 'hang'],
    ])('%s is timed out at the deadline', async (_what, what) => {
      await survives(async (inv) => {
        const { value, ms } = await wall(inv.invoke({ do: what }, { deadlineMs: DEADLINE_MS }));
        expect(value).toMatchObject({ kind: 'timed-out', deadlineMs: DEADLINE_MS });
        expect(ms).toBeLessThan(BOUND_MS);
      });
    });

    it('calls process.exit(3): crashed, saying so', async () => {
      await survives(async (inv) => {
        const out = await inv.invoke({ do: 'exit', log: 'before the exit' }, { deadlineMs: BOUND_MS });
        expect(out).toMatchObject({ kind: 'crashed', detail: 'the handler called process.exit(3)' });
        expect(out.logs).toContain('before the exit');
      });
    });

    it('allocates without bound: stopped at the heap cap (memoryLimitMb), well before the deadline', async () => {
      await survives(
        async (inv) => {
          const out = await inv.invoke({ do: 'bomb' }, { deadlineMs: scaled(30_000) });
          expect(['crashed', 'threw']).toContain(out.kind);
          if (out.kind === 'crashed') expect(out.detail).toMatch(/^out of memory: .*64 MB heap limit/);
          expect(out.ms).toBeLessThan(scaled(20_000));
        },
        { memoryLimitMb: 64 },
      );
    });

    it('never settles and leaves nothing pending: the event loop drains, as in Lambda (not a timeout)', async () => {
      const inv = open();
      try {
        const out = await inv.invoke({ do: 'stall' }, { deadlineMs: BOUND_MS });
        expect(out).toMatchObject({ kind: 'no-reply', sends: { error: { errorType: 'Runtime.NodeJsExit' } } });
        expect(out.ms).toBeLessThan(BOUND_MS);
        expect(await inv.invoke({ n: 1 })).toMatchObject({ kind: 'replied' });
      } finally {
        await inv.close();
      }
    });
  });

  // Not beside the others: a worker's growth is read from the whole process, which concurrent tests share.
  it('hoards memory outside the heap (Buffers): stopped once the isolate grew past the limit, then replies again', async () => {
    await survives(
      async (inv) => {
        const out = await inv.invoke({ do: 'buffers' }, { deadlineMs: scaled(30_000) });
        expect(out).toMatchObject({ kind: 'crashed' });
        if (out.kind === 'crashed')
          expect(out.detail).toMatch(/^out of memory: .* past 384 MB .*outside the JavaScript heap/);
        expect(out.ms).toBeLessThan(scaled(20_000));
      },
      { memoryLimitMb: 64 },
    );
  });

  it('close() settles a running invocation as crashed, is idempotent, and refuses later calls', async () => {
    const inv = open();
    expect(await inv.invoke({ n: 0 })).toMatchObject(freshReply(0));
    const running = inv.invoke({ do: 'hang' }, { deadlineMs: scaled(60_000) });
    await settle();
    const { ms } = await wall(inv.close());
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await running).toMatchObject({ kind: 'crashed', detail: 'the invoker was closed while the handler ran' });
    await inv.close();
    await expect(inv.invoke({ n: 1 })).rejects.toMatchObject({ code: 'E_CLOSED', message: /closed/ });
    await expect(inv.init()).rejects.toMatchObject({ code: 'E_CLOSED' });
  });

  it('runs two invokers side by side, each serving its own invocations in order on its own isolate', async () => {
    const [a, b] = [open(), open()];
    try {
      const call = (inv: Invoker, n: number) => inv.invoke({ n, do: 'wait', ms: 20 }, { deadlineMs: BOUND_MS });
      const outs = await Promise.all([call(a, 1), call(b, 11), call(a, 2), call(b, 12), call(a, 3), call(b, 13)]);
      expect(outs.map((o) => (o.kind === 'replied' ? (JSON.parse(o.json) as unknown) : o))).toStrictEqual([
        { ok: 1, served: 1 },
        { ok: 11, served: 1 },
        { ok: 2, served: 2 },
        { ok: 12, served: 2 },
        { ok: 3, served: 3 },
        { ok: 13, served: 3 },
      ]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('in-process isolation (no isolate: what it still contains)', () => {
  const open = (): Invoker => createLocalInvoker({ modulePath: CRASHES, exportName: 'picky', isolation: 'in-process' });

  it('times out a handler that never settles, and keeps answering (module state is never reset)', async () => {
    const inv = open();
    try {
      expect(await inv.invoke({ n: 0 })).toMatchObject({ kind: 'replied', coldStart: true });
      const { value, ms } = await wall(inv.invoke({ do: 'stall' }, { deadlineMs: DEADLINE_MS }));
      expect(value).toMatchObject({ kind: 'timed-out', deadlineMs: DEADLINE_MS });
      expect(ms).toBeLessThan(BOUND_MS);
      const next = await inv.invoke({ n: 1 });
      expect(next).toMatchObject({ kind: 'replied', coldStart: false });
      expect(next.kind === 'replied' && (JSON.parse(next.json) as { served: number }).served).toBeGreaterThan(2);
    } finally {
      await inv.close();
    }
  });

  it('intercepts process.exit during an invocation (crashed) and puts the real one back', async () => {
    const exit = member(process, 'exit');
    const inv = open();
    try {
      const out = await inv.invoke({ do: 'exit' });
      expect(out).toMatchObject({ kind: 'crashed', detail: 'the handler called process.exit(3)' });
      expect(member(process, 'exit')).toBe(exit);
      expect(await inv.invoke({ n: 1 })).toMatchObject({ kind: 'replied' });
    } finally {
      await inv.close();
    }
  });

  it('gives two invokers running side by side their own console output, and puts the console back', async () => {
    const log = member(console, 'log');
    const [a, b] = [open(), open()];
    try {
      const [outA, outB] = await Promise.all([
        a.invoke({ n: 1, do: 'wait', ms: 50, log: 'from a' }),
        b.invoke({ n: 2, do: 'wait', ms: 10, log: 'from b' }),
      ]);
      expect([outA.logs, outB.logs]).toStrictEqual(['from a\n', 'from b\n']);
      expect(member(console, 'log')).toBe(log);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('close() settles a running invocation (the handler itself goes on) and refuses later calls', async () => {
    const inv = open();
    await inv.init();
    const running = inv.invoke({ do: 'stall' }, { deadlineMs: scaled(60_000) });
    await settle();
    await inv.close();
    await inv.close();
    expect(await running).toMatchObject({ kind: 'crashed', detail: /the invoker was closed/ });
    await expect(inv.invoke({ n: 1 })).rejects.toMatchObject({ code: 'E_CLOSED' });
  });
});

describe('closing leaves nothing behind', () => {
  it(
    'a script that times out, crashes, closes mid-invocation and forgets one invoker ends by itself',
    async () => {
      const script = fileURLToPath(new URL('./__fixtures__/leaveNoHandles.ts', import.meta.url));
      const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), scaled(45_000));
      const { value: code } = await wall(new Promise<number | null>((resolve) => child.once('close', resolve)));
      clearTimeout(timer);
      expect(code).toBe(0); // null: killed at 45 s, kept alive by a handle (the forgotten one waits 60 s)
      const { kinds, before, after } = JSON.parse(stdout) as { kinds: string[]; before: string[]; after: string[] };
      const each = ['timed-out', 'crashed', 'replied', 'crashed', 'replied'];
      expect(kinds).toStrictEqual([...each, ...each]);
      expect(after.toSorted()).toStrictEqual(before.toSorted());
    },
    scaled(60_000),
  );
});

/** Broken modules are written at run time: as fixtures they would break the repository's own lint and typecheck. */
const dir = join(tmpdir(), `csc-isolation-${randomUUID()}`);
const BROKEN: Record<string, string> = {
  'syntax.cjs': '// syntax.cjs\nexports.handler = async (event) => {\n  return event +;\n};\n',
  'syntax.mjs': '// syntax.mjs\nexport const handler = async (event) => {\n  return event +;\n};\n',
  'syntax.ts':
    '// syntax.ts\nexport const handler = async (event: number): Promise<number> => {\n  return event +;\n};\n',
  'missing-dep.cjs': "require('no-such-dependency-csc');\nexports.handler = async (event) => event;\n",
  'throws.cjs': "throw new Error('config missing');\n",
  'exits.mjs': "console.log('loading');\nprocess.exit(4);\nexport const handler = async (event) => event;\n",
  // A `.ts` file outside any `"type": "module"` package: CommonJS to Node, which cannot strip its types.
  'commonjs.ts': 'export const handler = async (event: { n: number }): Promise<number> => event.n * 2;\n',
};
beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(BROKEN)) writeFileSync(join(dir, name), text);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each(['worker', 'process', 'in-process'] as const)('loading a module, %s isolation', (isolation) => {
  const at = (name: string): string => join(dir, name);
  describe.concurrent('is a harness error naming the file and the problem', () => {
    it.each([
      ['a missing module', () => at('nope.js'), 'handler', 'E_HANDLER_LOAD', [/^handler module not found: .*nope\.js/]],
      [
        'a missing dependency',
        () => at('missing-dep.cjs'),
        'handler',
        'E_HANDLER_LOAD',
        [/missing-dep\.cjs/, /no-such-dependency-csc/],
      ],
      [
        'a module throwing while loading',
        () => at('throws.cjs'),
        'handler',
        'E_HANDLER_LOAD',
        [/throws\.cjs threw while loading: Error: config missing/],
      ],
      [
        'a module exiting while loading',
        () => at('exits.mjs'),
        'handler',
        'E_HANDLER_LOAD',
        [/exits\.mjs/, /process\.exit\(4\)/, /loading$/],
      ],
      [
        'a CommonJS syntax error',
        () => at('syntax.cjs'),
        'handler',
        'E_HANDLER_SYNTAX',
        [/^syntax error in handler module .*syntax\.cjs/, /syntax\.cjs:3/],
      ],
      [
        'an ES module syntax error',
        () => at('syntax.mjs'),
        'handler',
        'E_HANDLER_SYNTAX',
        [/^syntax error in handler module .*syntax\.mjs/, /syntax\.mjs:3/],
      ],
      [
        'a TypeScript syntax error',
        () => at('syntax.ts'),
        'handler',
        'E_HANDLER_SYNTAX',
        [/^syntax error in handler module .*syntax\.ts/, /syntax\.ts:3/],
      ],
      [
        'a missing export',
        () => ESM,
        'nope',
        'E_HANDLER_EXPORT',
        [/esm\.mjs has no export "nope"; its exports are: handler, nested, notAHandler/],
      ],
      [
        'an export that is not a function',
        () => ESM,
        'notAHandler',
        'E_HANDLER_EXPORT',
        [/"notAHandler" of handler module .*esm\.mjs is a number, not a function/],
      ],
    ] as const)('%s', async (_what, path, exportName, code, messages) => {
      const inv = createLocalInvoker({ modulePath: path(), exportName, isolation });
      try {
        const error: unknown = await inv.init().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toMatchObject({ name: 'HarnessError', code });
        for (const m of messages) expect((error as Error).message).toMatch(m);
      } finally {
        await inv.close();
      }
    });

    it('and the same error on every invocation: nothing half-loaded runs', async () => {
      const inv = createLocalInvoker({ modulePath: at('throws.cjs'), isolation });
      try {
        for (let i = 0; i < 2; i++) {
          await expect(inv.invoke({})).rejects.toMatchObject({ code: 'E_HANDLER_LOAD', message: /config missing/ });
        }
      } finally {
        await inv.close();
      }
    });
  });

  describe.concurrent('runs', () => {
    const event = { eventType: 'SyncTrigger', datasetRecords: { name: { newValue: 'ann', op: 'replace' } } };
    it.each([
      ['a TypeScript handler', () => fixture('typed.ts'), 'handler', { n: 0, ...event }, /"newValue":"ANN"/],
      ['a TypeScript handler in a CommonJS package', () => at('commonjs.ts'), 'handler', { n: 21 }, /^42$/],
      ['an ES module', () => ESM, 'handler', event, /"newValue":"ann"/],
      ['a dotted export of an ES module', () => ESM, 'nested.inner', event, /^"nested"$/],
    ] as const)('%s', async (_what, path, exportName, input, reply) => {
      const inv = createLocalInvoker({ modulePath: path(), exportName, isolation });
      try {
        expect(await inv.init()).toStrictEqual({ style: 'async' });
        const out = await inv.invoke(input);
        expect(out.kind).toBe('replied');
        expect(out.kind === 'replied' ? out.json : '').toMatch(reply);
      } finally {
        await inv.close();
      }
    });
  });
});
