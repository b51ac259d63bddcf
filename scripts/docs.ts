/**
 * Generated reference documents. Each is rendered from the code that defines it, and a test fails when the
 * committed file is stale (`npm run docs` rewrites them).
 */
import { DEFAULT_READINGS, OPEN_POINTS } from '../model/index.ts';

const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** `docs/semantics.md`: the registry of undocumented points and their readings. */
export function renderSemantics(): string {
  const lines = [
    '# Undocumented points of the Sync Trigger contract',
    '',
    '<!-- Generated from model/registry.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'The AWS documentation leaves these questions open. The reference model computes under any choice of readings',
    '(`--reading point=reading`, or `readings` in the config); the default reading of each is marked. The check',
    '`should/undocumented-reading` reports a handler whose outcome depends on one of these choices.',
    '',
    '| point | clause | question | readings (default first, **bold**) | sources |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const p of OPEN_POINTS) {
    const readings = p.readings
      .map((r) => (r.id === DEFAULT_READINGS[p.id] ? `**\`${r.id}\`**: ${r.summary}` : `\`${r.id}\`: ${r.summary}`))
      .join('<br>');
    lines.push(
      `| \`${p.id}\` | ${p.clause} | ${cell(p.question)} | ${cell(readings)} | ${cell(p.sources.join('; '))} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Every generated document: path relative to the repo root → content. */
export function generatedDocs(): Record<string, string> {
  return { 'docs/semantics.md': renderSemantics() };
}
