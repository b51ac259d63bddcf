/** The tool's version, from its package.json (one folder up from the sources, two from the compiled `dist/`). */
import { existsSync, readFileSync } from 'node:fs';

function packageVersion(): string {
  for (const rel of ['../package.json', '../../package.json']) {
    const url = new URL(rel, import.meta.url);
    if (!existsSync(url)) continue;
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'cognito-sync-conformance' && pkg.version) return pkg.version;
  }
  return '0.0.0';
}

export const TOOL_VERSION = packageVersion();
