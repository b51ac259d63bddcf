/**
 * What a handler's source says it looks at, the way a fuzzer builds its dictionary: string literals and property
 * names a JavaScript or TypeScript handler uses on its records (`'Lives' in records`, `records.updateTime`,
 * `records['score']`, `hasOwnProperty('k')`), and the dataset names it compares `datasetName` with. Parsed with the
 * TypeScript compiler (JS and TS alike), never executed. Each candidate carries a score: how sure the source is
 * that it is a record key (an `in` test on the records is sure; a literal anywhere is a guess).
 */
import type * as TS from 'typescript';
import { ts } from '../typescript.ts';

/** One candidate and where the source shows it. */
export interface Candidate {
  readonly value: string;
  /** Higher is surer: 5 on the records, 3 compared, 1 a literal that looks like a key. */
  readonly score: number;
  /** `file:line` of its first sighting. */
  readonly at: string;
}

/** What one file yields. */
export interface Harvest {
  readonly keys: readonly Candidate[];
  readonly datasetNames: readonly Candidate[];
}

/** Names of the event and record fields, the ops, and what the runtime itself uses: never taken for record keys. */
const NOT_KEYS = new Set([
  'version',
  'eventType',
  'region',
  'identityPoolId',
  'identityId',
  'datasetName',
  'datasetRecords',
  'oldValue',
  'newValue',
  'op',
  'replace',
  'remove',
  'SyncTrigger',
  'handler',
  'length',
  'prototype',
  'constructor',
  'toString',
  'toJSON',
  'valueOf',
  'then',
  'use strict',
]);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A key a client could store: 1–1,024 code units, no lone surrogate, no line break (prose is not a key). */
const keyLike = (s: string): boolean =>
  s.length >= 1 && s.length <= 1024 && !LONE_SURROGATE.test(s) && !/[\r\n]/.test(s) && !NOT_KEYS.has(s);
/** A plausible key from a bare literal: short, no spaces (a message is not a key). */
const guessLike = (s: string): boolean => keyLike(s) && /^[\w.:$@/-]{1,64}$/.test(s) && !/^\d+$/.test(s);
/** The dataset name pattern (CONTRACT §3). */
const DATASET_NAME = /^[a-zA-Z0-9_.:-]{1,128}$/;

const textOf = (n: TS.Node): string | undefined =>
  ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : undefined;

/** The last property name of an access chain (`event.datasetRecords` → `datasetRecords`), or an identifier's name. */
function tailName(n: TS.Node): string | undefined {
  let e = n;
  while (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAsExpression(e)) e = e.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  if (ts.isElementAccessExpression(e)) return textOf(e.argumentExpression);
  return undefined;
}

/**
 * Harvests one JavaScript or TypeScript source.
 * @param file - the file name (for `at`, and to pick the parser's script kind)
 * @param text - the source
 */
export function harvestSource(file: string, text: string): Harvest {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kindOf(file));
  const keys = new Map<string, Candidate>();
  const names = new Map<string, Candidate>();
  /** Identifiers that hold the records (`const records = event.datasetRecords`, a `{ datasetRecords }` binding). */
  const recordAliases = new Set(['datasetRecords']);
  /** Identifiers that hold the dataset name. */
  const nameAliases = new Set(['datasetName']);
  const at = (n: TS.Node): string => `${file}:${String(source.getLineAndCharacterOfPosition(n.getStart()).line + 1)}`;
  const add = (into: Map<string, Candidate>, value: string, score: number, n: TS.Node): void => {
    const had = into.get(value);
    if (!had || had.score < score) into.set(value, { value, score, at: had?.at ?? at(n) });
  };
  const key = (value: string | undefined, score: number, n: TS.Node): void => {
    if (value !== undefined && (score > 1 ? keyLike(value) : guessLike(value))) add(keys, value, score, n);
  };
  const datasetName = (value: string | undefined, n: TS.Node): void => {
    if (value !== undefined && DATASET_NAME.test(value)) add(names, value, 5, n);
  };
  const isRecords = (n: TS.Node): boolean => {
    const t = tailName(n);
    return t !== undefined && recordAliases.has(t);
  };
  const isName = (n: TS.Node): boolean => {
    const t = tailName(n);
    return t !== undefined && nameAliases.has(t);
  };

  // Aliases first, so that a use before the declaration in source order is still seen.
  const aliases = (n: TS.Node): void => {
    if (ts.isVariableDeclaration(n) && n.initializer) {
      if (ts.isIdentifier(n.name) && isRecords(n.initializer)) recordAliases.add(n.name.text);
      if (ts.isIdentifier(n.name) && isName(n.initializer)) nameAliases.add(n.name.text);
    }
    if (ts.isBindingElement(n) && ts.isIdentifier(n.name)) {
      const prop = n.propertyName && ts.isIdentifier(n.propertyName) ? n.propertyName.text : n.name.text;
      if (prop === 'datasetRecords') recordAliases.add(n.name.text);
      if (prop === 'datasetName') nameAliases.add(n.name.text);
    }
    if (ts.isParameter(n) && ts.isIdentifier(n.name) && /^(records|datasetRecords)$/i.test(n.name.text))
      recordAliases.add(n.name.text);
    ts.forEachChild(n, aliases);
  };
  aliases(source);

  const visit = (n: TS.Node): void => {
    if (ts.isBinaryExpression(n)) {
      const op = n.operatorToken.kind;
      if (op === ts.SyntaxKind.InKeyword) key(textOf(n.left), isRecords(n.right) ? 5 : 3, n);
      const equality =
        op === ts.SyntaxKind.EqualsEqualsEqualsToken ||
        op === ts.SyntaxKind.EqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === ts.SyntaxKind.ExclamationEqualsToken;
      if (equality) {
        for (const [lit, other] of [
          [n.left, n.right],
          [n.right, n.left],
        ] as const) {
          const v = textOf(lit);
          // `typeof x === 'string'` names a type, not a key.
          if (v === undefined || ts.isTypeOfExpression(other)) continue;
          if (isName(other)) datasetName(v, n);
          else key(v, 3, n);
        }
      }
    }
    if (ts.isCaseClause(n) && ts.isSwitchStatement(n.parent.parent) && isName(n.parent.parent.expression))
      datasetName(textOf(n.expression), n);
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const method = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      const [first, second] = n.arguments;
      // records.hasOwnProperty('k'), Object.hasOwn(records, 'k'), Object.prototype.hasOwnProperty.call(records, 'k')
      if (method === 'hasOwnProperty' && first) key(textOf(first), 5, n);
      if ((method === 'hasOwn' || method === 'call') && second)
        key(textOf(second), first && isRecords(first) ? 5 : 3, n);
      // ['a', 'b'].includes(event.datasetName), name.startsWith('shop')
      if (method === 'includes' && first && isName(first) && ts.isPropertyAccessExpression(callee)) {
        const list = callee.expression;
        if (ts.isArrayLiteralExpression(list)) for (const e of list.elements) datasetName(textOf(e), e);
      }
      if ((method === 'startsWith' || method === 'endsWith') && first && ts.isPropertyAccessExpression(callee)) {
        if (isName(callee.expression)) datasetName(textOf(first), n);
      }
    }
    if (ts.isElementAccessExpression(n)) key(textOf(n.argumentExpression), isRecords(n.expression) ? 5 : 2, n);
    if (ts.isPropertyAccessExpression(n) && isRecords(n.expression)) key(n.name.text, 5, n);
    // An object literal assigned into the records: `records.x = …` is above; `records = { k: … }` names keys too.
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && isRecords(n.left)) {
      if (ts.isObjectLiteralExpression(n.right))
        for (const p of n.right.properties)
          if (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) key(p.name.text, 4, p);
    }
    const literal = textOf(n);
    if (literal !== undefined && !isModuleSpecifier(n) && !isTypeofComparison(n)) key(literal, 1, n);
    ts.forEachChild(n, visit);
  };
  visit(source);
  return { keys: [...keys.values()], datasetNames: [...names.values()] };
}

/** `require('x')`, `import('x')`, `import … from 'x'`: a module, not a key. */
function isModuleSpecifier(n: TS.Node): boolean {
  const p = n.parent;
  if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p)) return true;
  if (!ts.isCallExpression(p)) return false;
  return (
    p.expression.kind === ts.SyntaxKind.ImportKeyword ||
    (ts.isIdentifier(p.expression) && p.expression.text === 'require')
  );
}

/** The literal side of `typeof x === 'string'`. */
function isTypeofComparison(n: TS.Node): boolean {
  const p = n.parent;
  return ts.isBinaryExpression(p) && (ts.isTypeOfExpression(p.left) || ts.isTypeOfExpression(p.right));
}

function kindOf(file: string): TS.ScriptKind {
  if (/\.[cm]?tsx?$/.test(file)) return file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return file.endsWith('x') ? ts.ScriptKind.JSX : ts.ScriptKind.JS;
}

/**
 * A conservative scan of a program in any language: quoted strings that look like record keys (short, no spaces),
 * and quoted strings compared with something named like the dataset name on the same line.
 * @param file - the file name, for `at`
 * @param text - the source
 */
export function scanLiterals(file: string, text: string): Harvest {
  const keys = new Map<string, Candidate>();
  const names = new Map<string, Candidate>();
  text.split('\n').forEach((line, i) => {
    const at = `${file}:${String(i + 1)}`;
    const datasetLine = /dataset_?name/i.test(line);
    for (const m of line.matchAll(/"((?:[^"\\\n]|\\.){1,64})"|'((?:[^'\\\n]|\\.){1,64})'|`([^`\n]{1,64})`/g)) {
      const value = m[1] ?? m[2] ?? m[3] ?? '';
      if (datasetLine && DATASET_NAME.test(value)) {
        if (!names.has(value)) names.set(value, { value, score: 3, at });
      } else if (guessLike(value) && !keys.has(value)) keys.set(value, { value, score: 1, at });
    }
  });
  return { keys: [...keys.values()], datasetNames: [...names.values()] };
}
