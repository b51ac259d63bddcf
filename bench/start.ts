/**
 * Start-up: wall time of `--version`, `--help` and `list` against bare `node -e 0`, each the median of several
 * runs taken in turns, as a ratio (target: `--version` ≤ 1.5× bare node). From the checkout's bin (TypeScript
 * through tsx) and, when built, from `dist/` as an installed package runs them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/cognito-sync-conformance.js', import.meta.url));
// What an installed package runs (a checkout's bin runs the TypeScript sources through tsx).
const COMPILED = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

function wall(args: readonly string[]): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${String(r.status)}`);
  return performance.now() - started;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Runs the start-up benchmark and returns printable rows. */
export function benchStart(rounds = 7): string[] {
  const cases: [string, string[]][] = [
    ['bare node -e 0', ['-e', '0']],
    ['--version', [BIN, '--version']],
    ['--help', [BIN, '--help']],
    ['list', [BIN, 'list']],
    ...(existsSync(COMPILED)
      ? ([
          ['--help, compiled', [COMPILED, '--help']],
          ['list, compiled', [COMPILED, 'list']],
        ] as [string, string[]][])
      : []),
  ];
  const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
  for (let i = 0; i < rounds; i++) for (const [name, args] of cases) times.get(name)?.push(wall(args));
  const bare = median(times.get('bare node -e 0') ?? []);
  return [
    `start-up: median of ${String(rounds)} runs each, taken in turns`,
    ...cases.map(([name]) => {
      const ms = median(times.get(name) ?? []);
      const ratio = name.startsWith('bare') ? '' : `   ${(ms / bare).toFixed(2)}× bare node`;
      const target = name === '--version' ? ' (target ≤ 1.5)' : '';
      return `  ${name.padEnd(18)} ${ms.toFixed(0).padStart(5)} ms${ratio}${target}`;
    }),
  ];
}
