/**
 * A TypeScript config is compiled into one module beside it and imported: it shares this package's modules with the
 * command, each of its files sees its own paths, nothing is left behind, and what that cannot serve goes through tsx.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defineConfig } from './config.ts';
import { importTypeScriptConfig } from './configModule.ts';

const tmp = mkdtempSync(join(tmpdir(), 'csc-config-module-'));
const configUrl = pathToFileURL(fileURLToPath(new URL('./config.ts', import.meta.url))).href;

afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** A folder of its own with files; returns its path. */
function folder(name: string, files: Record<string, string>): string {
  const dir = join(tmp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

describe('a TypeScript config', () => {
  it("imports this package's own modules, not a copy, and leaves no file behind", async () => {
    const dir = folder('shared', {
      'c.config.ts': `import { defineConfig } from ${JSON.stringify(configUrl)};
const n: number = 1;
export default { define: defineConfig, n };
`,
    });
    const before = readdirSync(dir);
    const mod = (await importTypeScriptConfig(join(dir, 'c.config.ts'))) as { default: { define: unknown; n: number } };
    expect(mod.default.n).toBe(1);
    expect(mod.default.define).toBe(defineConfig);
    expect(readdirSync(dir)).toStrictEqual(before);
  });

  it('gives each of its files its own __dirname, __filename and import.meta.url', async () => {
    const dir = folder('paths', {
      'c.config.ts': `import { where as lib } from './lib/where.ts';
export default { config: [__dirname, __filename, import.meta.url], lib };
`,
      'lib/where.ts': `export const where: string[] = [__dirname, __filename, import.meta.url];
`,
    });
    const mod = (await importTypeScriptConfig(join(dir, 'c.config.ts'))) as {
      default: { config: string[]; lib: string[] };
    };
    const file = join(dir, 'c.config.ts');
    const lib = join(dir, 'lib', 'where.ts');
    expect(mod.default.config).toStrictEqual([dir, file, pathToFileURL(file).href]);
    expect(mod.default.lib).toStrictEqual([join(dir, 'lib'), lib, pathToFileURL(lib).href]);
  });

  it('that requires a package loads through tsx', async () => {
    const dir = folder('requires', {
      'c.config.ts': `const { isAbsolute } = require('node:path') as typeof import('node:path');
export default { absolute: isAbsolute('/x'), file: __filename };
`,
    });
    const mod = (await importTypeScriptConfig(join(dir, 'c.config.ts'))) as {
      default: { absolute?: boolean; default?: { absolute: boolean } };
    };
    // tsx compiles it to CommonJS (no "type": "module" here): its ES exports sit one level down.
    expect(mod.default.default?.absolute ?? mod.default.absolute).toBe(true);
    expect(readdirSync(dir)).toStrictEqual(['c.config.ts']);
  });

  it('with a syntax error is refused with its file, line and column', async () => {
    const dir = folder('broken', { 'c.config.ts': 'export default defineConfig({\n' });
    await expect(importTypeScriptConfig(join(dir, 'c.config.ts'))).rejects.toThrow(/c\.config\.ts:2:0: ERROR/);
    expect(readdirSync(dir)).toStrictEqual(['c.config.ts']);
  });
});
