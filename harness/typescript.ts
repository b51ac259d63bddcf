/**
 * The TypeScript compiler, for reading handler sources (never for running them). Loaded with `require`: an ES
 * `import` of its single 9 MB CommonJS file has Node scan the whole text for its exports and for module syntax
 * before compiling it, about 0.3 s of CPU more in every process that reads a source.
 */
import { createRequire } from 'node:module';
import type TypeScript from 'typescript';

export const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;
