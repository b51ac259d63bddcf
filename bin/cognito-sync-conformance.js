#!/usr/bin/env node
// In a checkout the TypeScript sources run through tsx (so a stale build never shadows them); an installed package
// has no sources and runs the compiled CLI.
import { existsSync } from 'node:fs';

const source = new URL('../cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import(new URL('../dist/cli/main.js', import.meta.url).href);
}
