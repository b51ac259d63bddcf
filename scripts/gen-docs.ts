/** Writes every generated document (see scripts/docs.ts). */
import { writeFileSync } from 'node:fs';
import { generatedDocs } from './docs.ts';

for (const [path, content] of Object.entries(generatedDocs())) {
  writeFileSync(new URL(`../${path}`, import.meta.url), content);
  console.log(`wrote ${path}`);
}
