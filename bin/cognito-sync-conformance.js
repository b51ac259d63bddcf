#!/usr/bin/env node
// In a checkout the TypeScript sources run through tsx (so a stale build never shadows them); an installed package
// has no sources and runs the compiled CLI.
import { existsSync, readFileSync } from 'node:fs';

// `--version` alone needs nothing but package.json: answered before anything else loads (CI scripts call it often).
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  process.stdout.write(`${pkg.version}\n`);
  process.exit(0);
}

const source = new URL('../cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
