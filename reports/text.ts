/**
 * Plain-text rendering of one failed check: what the CLI prints and what a Vitest test fails with. A `style`
 * hook lets the terminal add colour; reports and test runners use it plain.
 */
import type { CheckResult } from '../harness/index.ts';
import { describeOutcome } from '../model/invocation.ts';

/** Colour hooks; identity by default. */
export interface TextStyle {
  readonly title: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly command: (s: string) => string;
}

const PLAIN: TextStyle = { title: (s) => s, dim: (s) => s, command: (s) => s };

/** Cuts long text, saying how much was left out. */
export function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}… (${s.length - n} more characters)` : s;
}

/**
 * The story of one failed check: the messages, the shrunk event, each reply, the datasets, the replay line.
 * @param r - a check result with a counterexample
 * @param style - colour hooks @defaultValue plain text
 */
export function failureText(r: CheckResult, style: TextStyle = PLAIN): string {
  const cx = r.counterexample;
  const head = `✗ ${r.id}${style.dim(` (${r.level}, CONTRACT ${r.clause}) — ${r.title}`)}`;
  if (!cx) return style.title(head);
  const out = [style.title(head)];
  for (const m of cx.messages) out.push(`    ${m}`);
  out.push(style.dim(`    counterexample after ${cx.numShrinks} shrinks (seed ${cx.seed}, path ${cx.path || '-'}):`));
  out.push(`    event:  ${clip(JSON.stringify(cx.event), 1200)}`);
  cx.invocations.forEach((inv, i) => {
    const label = cx.invocations.length > 1 ? `reply ${i + 1}:` : 'reply: ';
    out.push(`    ${label} ${inv.kind === 'replied' ? clip(inv.json, 1200) : describeOutcome(inv)}`);
    const logs = inv.logs.trim();
    if (logs) out.push(style.dim(`    logs:   ${clip(logs, 600).replaceAll('\n', '\n            ')}`));
  });
  if (cx.serviceError)
    out.push(`    Cognito Sync would answer ${cx.serviceError.status} ${cx.serviceError.name}; nothing is written`);
  out.push(style.dim(`    stored:    ${clip(JSON.stringify(cx.stored), 400)}`));
  out.push(style.dim(`    expected:  ${clip(JSON.stringify(cx.expected), 400)}`));
  out.push(style.dim(`    resulting: ${clip(JSON.stringify(cx.resulting), 400)}`));
  if (cx.restsOn.length)
    out.push(`    rests on undocumented readings: ${cx.restsOn.map((r) => `${r.point}=${r.reading}`).join(', ')}`);
  out.push(`    replay: ${style.command(cx.replay)}`);
  return out.join('\n');
}
