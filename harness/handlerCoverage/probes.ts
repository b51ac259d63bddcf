/**
 * Where a handler file's lines and branches are, found in its source with the TypeScript parser (the same for
 * `.js` and `.ts`), so that totals do not depend on what V8 reported: V8 folds a block reached as often as the
 * block around it into that block, so its ranges alone undercount the branches that were taken.
 *
 * A line counts when a statement starts on it; a branch is one arm of an `if`/`else`, a `?:`, a `&&`/`||`/`??`
 * right operand (and `&&=`, `||=`, `??=`), a `case`/`default` body, or a `catch` block. Each is probed at the
 * offset where it starts: V8 gives every such arm a block of its own.
 */
import type ts from 'typescript';

/** One place probed: its UTF-16 offset in the source and its line (1-based). */
interface Probe {
  readonly offset: number;
  readonly line: number;
}

/** The probes of one file. */
export interface Probes {
  /** One per line that starts a statement: the first such statement's start. */
  readonly lines: readonly Probe[];
  /** One per branch arm. */
  readonly branches: readonly Probe[];
}

/**
 * The lines and branches of a source file.
 * @param t - the TypeScript module (loaded by the caller, once)
 * @param fileName - its name (the extension picks JS, JSX or TS parsing)
 * @param text - its source
 */
export function probesOf(t: typeof ts, fileName: string, text: string): Probes {
  const K = t.SyntaxKind;
  const statements = new Set<ts.SyntaxKind>([
    K.VariableStatement,
    K.ExpressionStatement,
    K.ReturnStatement,
    K.IfStatement,
    K.ThrowStatement,
    K.ForStatement,
    K.ForInStatement,
    K.ForOfStatement,
    K.WhileStatement,
    K.DoStatement,
    K.SwitchStatement,
    K.TryStatement,
    K.BreakStatement,
    K.ContinueStatement,
  ]);
  const logical = new Set<ts.SyntaxKind>([
    K.AmpersandAmpersandToken,
    K.BarBarToken,
    K.QuestionQuestionToken,
    K.AmpersandAmpersandEqualsToken,
    K.BarBarEqualsToken,
    K.QuestionQuestionEqualsToken,
  ]);
  const sf = t.createSourceFile(fileName, text, t.ScriptTarget.Latest, true);
  const lines = new Map<number, Probe>();
  const branches: Probe[] = [];
  const probe = (node: ts.Node): Probe => {
    const offset = node.getStart(sf);
    return { offset, line: sf.getLineAndCharacterOfPosition(offset).line + 1 };
  };
  const visit = (node: ts.Node): void => {
    if (statements.has(node.kind)) {
      const p = probe(node);
      if (!lines.has(p.line)) lines.set(p.line, p);
    }
    if (t.isIfStatement(node)) {
      branches.push(probe(node.thenStatement));
      if (node.elseStatement) branches.push(probe(node.elseStatement));
    } else if (t.isConditionalExpression(node)) {
      branches.push(probe(node.whenTrue), probe(node.whenFalse));
    } else if (t.isBinaryExpression(node) && logical.has(node.operatorToken.kind)) {
      branches.push(probe(node.right));
    } else if (t.isCaseClause(node) || t.isDefaultClause(node)) {
      const first = node.statements[0];
      if (first) branches.push(probe(first));
    } else if (t.isCatchClause(node)) {
      branches.push(probe(node.block));
    }
    t.forEachChild(node, visit);
  };
  visit(sf);
  return { lines: [...lines.values()].sort((a, b) => a.line - b.line), branches };
}
