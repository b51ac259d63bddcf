import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedDocs } from './docs.ts';

describe('generated documents', () => {
  it.each(Object.entries(generatedDocs()))('%s is current (run `npm run docs`)', (path, content) => {
    expect(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')).toBe(content);
  });
});
