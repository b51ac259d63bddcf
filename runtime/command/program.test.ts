/** Finding the program a command line runs, as far as that can be told without a shell. */
import { describe, expect, it } from 'vitest';
import { programOf } from './program.ts';

describe('programOf', () => {
  it.each([
    ['python3 handler.py', 'python3'],
    ["'/opt/my runtime/bootstrap' --flag", '/opt/my runtime/bootstrap'],
    ['LANG=C TZ=UTC ./bootstrap', './bootstrap'],
    ['cd fn && ./bootstrap', undefined],
    ['$RUNTIME app.handler', undefined],
    ['H=$(mktemp); curl -sS -D "$H" http://x', undefined],
    ['A=`date`; run', undefined],
    ['A=1; run', undefined],
  ])('%s → %s', (line, program) => {
    expect(programOf(line)).toBe(program);
  });
});
