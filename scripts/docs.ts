/**
 * Generated reference documents. Each is rendered from the code that defines it, and a test fails when the
 * committed file is stale (`npm run docs` rewrites them).
 */
import { DEFAULT_READINGS, OPEN_POINTS, READING_CONSTRAINTS } from '../model/index.ts';
import { reportJsonSchema } from '../harness/resultSchema.ts';
import { CATALOG } from '../suites/catalog.ts';
import { ERROR_CODES } from '../runtime/errors.ts';
import { FIXTURES, matrixChecks } from '../fixtures/handlers/conformance/manifest.ts';

const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** `docs/semantics.md`: the registry of undocumented points and their readings. */
export function renderSemantics(): string {
  const lines = [
    '# Undocumented points of the Sync Trigger contract',
    '',
    '<!-- Generated from model/registry.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'The AWS documentation leaves these questions open. The reference model computes under any allowed choice of',
    'readings (`--reading point=reading`, or `readings` in the config); the default reading of each is marked, with',
    'why it is the default. The check `semantics/undocumented-reading` reports a handler whose outcome depends on one',
    'of these choices, and a failure names the readings it rests on.',
    '',
    '| point | clause | question | readings (default first, **bold**) | why this default | sources |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const p of OPEN_POINTS) {
    const readings = p.readings
      .map((r) => (r.id === DEFAULT_READINGS[p.id] ? `**\`${r.id}\`**: ${r.summary}` : `\`${r.id}\`: ${r.summary}`))
      .join('<br>');
    lines.push(
      `| \`${p.id}\` | ${p.clause} | ${cell(p.question)} | ${cell(readings)} | ${cell(p.why)} | ${cell(p.sources.join('; '))} |`,
    );
  }
  lines.push(
    '',
    '## Readings that cannot go together',
    '',
    "A combination under which AWS's own echo blueprint or the sample handler of its documentation is rejected is not",
    'a plausible reading of the service. `--reading` refuses these pairs (the defaults included: the message says which',
    'side to change), and the generators draw event shapes only from combinations allowed beside the reply readings.',
    'Under every allowed combination the echo blueprint is accepted, and so is the documented sample, apart from its',
    'own crash on a null entry at `SampleKey1` or `SampleKey2` (it writes to the entry after an `in` test). No reading',
    'could accept a crash: it is a real bug of the sample, and the suite reports it under every reading.',
    '',
    '| when | it cannot go with | why |',
    '| --- | --- | --- |',
  );
  const readingList = (point: string, readings: readonly string[]): string =>
    readings.map((r) => `\`${point}=${r}\``).join(', ');
  for (const c of READING_CONSTRAINTS)
    lines.push(
      `| ${readingList(c.when.point, c.when.readings)} | ${readingList(c.excludes.point, c.excludes.readings)} | ${cell(c.why)} |`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * The section of `docs/checks.md` on what makes a default run meet a handler's bugs: discovery, the handler's own
 * coverage, and root causes. The example output is a real run (`run fixtures/handlers/conformance/bad-two-bugs.cjs
 * --seed 1`, long lines cut); refresh it by hand when the terminal format changes.
 */
const DISCOVERY_COVERAGE_ROOT_CAUSES: readonly string[] = [
  '## Discovery, handler coverage and root causes',
  '',
  'A handler acts on a few record keys and dataset names of its own (`SampleKey1`, `if (event.datasetName ===',
  "'ShoppingList')`); random events almost never carry them. Before the checks start, **discovery** looks for them: it",
  'reads the handler’s source and the project files it imports with a parser (string literals compared with',
  '`datasetName`, keys read or tested on `datasetRecords`), scans the text files a `--command` line names for',
  'key-like literals, and watches which absent keys the handler looks up on a few seeded events, feeding new ones back.',
  'The generators then draw those keys often, with every fate (new, replaced, removed, a null entry, re-added over a',
  'tombstone) and every check’s input class, and those dataset names beside random ones. `keys` and `datasetNames` in',
  'the config add to what is found; `--no-discover` keeps only those; `--dataset-name NAME` gives every event of the',
  'run that one name.',
  '',
  '**Handler coverage**: for a JavaScript or TypeScript module (in `worker` or `process` isolation) the run measures',
  'the handler’s own lines and branches reached, and names what no event reached. `--min-branch-coverage 80` makes a',
  'run below 80% of branches not conformant: a run that never reached the handler’s logic must not look like a pass.',
  '',
  '**Root causes**: a check keeps looking after its first failure and shrinks each distinct failure (the same error',
  'at the same place in the handler, or the same violation) on its own. One bug met by many checks is one root cause,',
  'counted once under its home check (the check whose input class it needs: `robustness/null-entries` for a crash on',
  'a null entry, `robustness/any-event` for one any event meets) and named by the others, with the smallest case any',
  'of them found. A check whose cases never got a reply it could judge fails; a check whose input class never came up',
  'is `incomplete`, never a pass.',
  '',
  'A handler with two bugs (`fixtures/handlers/conformance/bad-two-bugs.cjs`: a `ReferenceError` on its one dataset',
  'name, and no guard for a null entry), run with `npx cognito-sync-conformance run bad-two-bugs.cjs --seed 1`:',
  '',
  '```',
  '✗ R1 (must) ReferenceError: auditTrail is not defined at bad-two-bugs.cjs:6',
  '    seen in robustness/any-event, and also in reply/shape, reply/read-only-fields, … (18 checks)',
  '    smallest case, from reply/read-only-fields:',
  '    on a valid event the handler failed in 3 ms: ReferenceError: auditTrail is not defined',
  '    counterexample after 12 shrinks (seed -747223173, path 0:0:0:0:0:0:0:0:0:0:0:1:1):',
  '    event:  {"version":2,"eventType":"SyncTrigger",…,"datasetName":"ShoppingList","datasetRecords":{}}',
  '',
  "✗ R2 (must) TypeError: Cannot read properties of null (reading 'op') at bad-two-bugs.cjs:8",
  '    seen in robustness/null-entries, and also in reply/shape, reply/read-only-fields, … (12 checks)',
  '    smallest case, from reply/shape:',
  "    on a valid event the handler failed in 0 ms: TypeError: Cannot read properties of null (reading 'op')",
  '    counterexample after 24 shrinks (seed 919739896, path 23:1:0:0:0:0:0:0:0:0:0:0:1:0:0:1:1:2:2:2:2:2:2:2:2):',
  '    event:  {"version":2,"eventType":"SyncTrigger",…,"datasetName":"game_state","datasetRecords":{"a":null}}',
  '',
  'NOT CONFORMANT: 6 passed, 18 failed, 0 errored, 0 skipped, 0 timed out — 3/15 must checks passed',
  '2 root causes (must), seen in 18 checks: R1, R2 above',
  'the handler acts on record key "ShoppingList" and dataset name "ShoppingList": events carried them with every fate',
  'handler coverage: 100% of branches (2/2), 100% of lines (5/5)',
  '```',
  '',
];

/** `docs/checks.md`: the check reference, with the kill matrix of the fixture handlers. */
export function renderChecks(): string {
  const lines = [
    '# Check reference',
    '',
    '<!-- Generated from suites/catalog.ts and fixtures/handlers/conformance/manifest.ts by `npm run docs`. -->',
    '',
    'Each check has a stable id equal to its path under `suites/`. `must` checks enforce the documented contract: a',
    'failure makes the run non-conformant (exit code 1). `should` checks flag what a robust handler avoids; they fail',
    'the run only with `--strict`. The basis says where the rule comes from: the AWS documentation, behaviour users',
    'observed from the real service, or an undocumented point (see [semantics.md](semantics.md)).',
    '',
    '| id | level | basis | CONTRACT | title |',
    '| --- | --- | --- | --- | --- |',
    ...CATALOG.map(
      (c) =>
        `| [\`${c.id}\`](#${c.id.replace(/[^a-z0-9]+/g, '-')}) | ${c.level} | ${c.basis} | ${c.clause} | ${cell(c.title)} |`,
    ),
    '',
  ];
  for (const c of CATALOG) {
    lines.push(
      `## ${c.id.replace(/[^a-z0-9]+/g, '-')}`,
      '',
      `**\`${c.id}\`** — ${c.title} (${c.level}, ${c.basis}, CONTRACT ${c.clause})`,
      '',
      c.description,
      '',
      ...(c.maxRuns || c.noShrink
        ? [
            [
              c.maxRuns ? `Runs at most ${String(c.maxRuns)} cases, whatever \`--runs\` says.` : '',
              c.noShrink ? 'Not shrunk: each case can cost the whole 5 s budget.' : '',
            ]
              .filter(Boolean)
              .join(' '),
            '',
          ]
        : []),
    );
  }
  lines.push(...DISCOVERY_COVERAGE_ROOT_CAUSES);
  lines.push(
    '## Your own properties',
    '',
    'Each property of the config (`properties`) runs as two checks of its level. `user/<name>` asks it of single',
    'events drawn like every check’s, with the config’s `values`. `user/<name>/sessions` asks it of every run of the',
    'trigger in sessions of 2–3 devices (the cases of the `sessions/` checks: edits, deletes, syncs, throttled and',
    'resent syncs, conflicts resolved by a policy), with edits of the `values` keys drawn from them; the property also',
    'gets `session: { step, device }`, and a failure’s timeline marks the step where it broke. The same property',
    'broken in both is one root cause, shown with the smaller example. `--checks user/<name>` selects both.',
    '',
    '## Kill matrix',
    '',
    'Fixture handlers in `fixtures/handlers/conformance/` prove every check fires on its target, with default settings and',
    'no config (discovery finds the keys and dataset names a handler acts on): each known-bad handler (one per bug class',
    'of real handlers) is flagged by exactly the checks marked ✗ — the checks its root causes are counted under; other',
    'checks its bugs make fail too name the same root cause instead of counting it again. Known-good ones are flagged by',
    'nothing. `npm run kill-matrix` runs this whole table (every fixture through every check of its row, 25 cases',
    'each, a fixed seed) and fails on any cell that differs; CI runs it after the tests. The test suite',
    '(`test/killMatrix.*.test.ts`, three shards run in parallel) runs each known-good handler through every check and',
    'each known-bad one through its ✗ checks.',
    'A blank cell means the check was not run for that fixture.',
    '',
    `| fixture | bug class | runtime | ${CATALOG.map((c) => `\`${c.id}\``).join(' | ')} |`,
    `| --- | --- | --- | ${CATALOG.map(() => '---').join(' | ')} |`,
  );
  for (const f of FIXTURES) {
    const table = matrixChecks(f, 'table');
    const ran = (id: string): boolean => !table || table.some((p) => id === p || id.startsWith(`${p}/`));
    const cells = CATALOG.map((c) => (!ran(c.id) ? '' : f.flaggedBy.includes(c.id) ? '✗' : '✓'));
    lines.push(`| \`${f.file}\` | ${cell(f.bugClass)} | ${f.runtime ?? 'nodejs22.x'} | ${cells.join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** `docs/errors.md`: every error code, what it means, what to do, and its exit code. */
export function renderErrors(): string {
  const lines = [
    '# Error codes',
    '',
    '<!-- Generated from runtime/errors.ts by `npm run docs`; do not edit by hand. -->',
    '',
    'The CLI prints an error as `error E_CODE: message`, one line that says what to do. Exit code 2: nothing ran',
    '(a usage or harness error, found before the checks where it can be). Exit code 1: the run went on, and the check',
    'that met the error ends `error` with the code (a partial run is never conformant). Exit code 3: a bug in the tool —',
    'the run still prints and writes what it found. The library throws a `HarnessError` with the same `code`.',
    '',
    '| code | meaning | what to do | exit code |',
    '| --- | --- | --- | --- |',
    ...Object.entries(ERROR_CODES).map(
      ([code, e]) => `| \`${code}\` | ${cell(e.meaning)} | ${cell(e.action)} | ${String(e.exit)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** `reports/schema/report.schema.json`: the JSON Schema of report.json, from its zod schema. */
export function renderReportSchema(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}

/** Every generated document: path relative to the repo root → content. */
export function generatedDocs(): Record<string, string> {
  return {
    'docs/semantics.md': renderSemantics(),
    'docs/checks.md': renderChecks(),
    'docs/errors.md': renderErrors(),
    'reports/schema/report.schema.json': renderReportSchema(),
  };
}
