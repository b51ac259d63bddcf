/** The tool's version and folder, from its package.json (one folder up from the sources, two from the compiled `dist/`). */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function packageJson(): { version: string; root: string | undefined } {
  for (const rel of ['../package.json', '../../package.json']) {
    const url = new URL(rel, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'cognito-sync-conformance' && pkg.version)
      return { version: pkg.version, root: fileURLToPath(new URL('.', url)) };
  }
  return { version: '0.0.0', root: undefined };
}

const found = packageJson();

export const TOOL_VERSION = found.version;

/** The folder of the installed package (where `live/` and `examples/` are), when it can be found. */
export const PACKAGE_ROOT = found.root;
