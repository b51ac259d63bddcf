/**
 * CommonJS names in an ES module: Lambda loads a `.js` file of a `"type": "module"` package as an ES module, where
 * `exports`, `module` and `require` do not exist. Every isolation must fail such a handler as Lambda does, with
 * Node's own ReferenceError and the fix, never load it as a module that "exports nothing".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isHarnessError } from '../errors.ts';
import { createLocalInvoker } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'csc-load-'));
writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
const file = (name: string, text: string): string => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const EXPORTS = file('exports.js', 'exports.handler = async (event) => event;\n');
const MODULE_EXPORTS = file('module-exports.mjs', 'module.exports = { handler: async (event) => event };\n');
const REQUIRES = file(
  'requires.js',
  "export const handler = async (event) => { require('node:fs'); return event; };\n",
);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each(['worker', 'process', 'in-process'] as const)('%s isolation', (isolation) => {
  it.each([
    [EXPORTS, 'exports', /nearest package\.json says "type": "module"/],
    [MODULE_EXPORTS, 'module', /a \.mjs file is an ES module/],
  ])('fails %s with the ReferenceError and the fix', async (path, name, why) => {
    const inv = createLocalInvoker({ modulePath: path, exportName: 'handler', isolation });
    try {
      const e: unknown = await inv.init().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(isHarnessError(e) && e.code).toBe('E_HANDLER_LOAD');
      const message = (e as Error).message;
      expect(message).toContain(`ReferenceError: ${name} is not defined in ES module scope`);
      expect(message).toMatch(why);
      expect(message).toContain('write `export const handler = async (event) => …`');
      expect(message).toContain('renaming the file to .cjs');
      // Node's message (two lines for a .js file) stands once, above the frames.
      expect(message.split(`${name} is not defined in ES module scope`).length).toBe(2);
      expect(message).not.toContain('exports nothing');
    } finally {
      await inv.close();
    }
  });

  it('gives an ES module handler no require, as Lambda does', async () => {
    const inv = createLocalInvoker({ modulePath: REQUIRES, exportName: 'handler', isolation });
    try {
      const out = await inv.invoke({ n: 1 });
      expect(out.kind).toBe('threw');
      if (out.kind === 'threw') {
        expect(out.error.errorType).toBe('ReferenceError');
        expect(out.error.errorMessage).toMatch(/^require is not defined/);
      }
    } finally {
      await inv.close();
    }
  });
});
