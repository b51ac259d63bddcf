/**
 * deploy/stack.yaml parsed as YAML with CloudFormation's short tags (a small block-YAML reader: the template uses
 * mappings, sequences, quoted and plain scalars, `|` and `>-` blocks, `[a, b]` lists and `!Tag value`), then checked
 * for what a live run needs: every reference resolves, and the inline probe function is `deploy/probe-trigger.cjs`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Yaml = string | boolean | number | null | Yaml[] | { [k: string]: Yaml } | { tag: string; value: Yaml };
interface Line {
  readonly indent: number;
  readonly text: string;
  readonly n: number;
}

const text = readFileSync(new URL('../deploy/stack.yaml', import.meta.url), 'utf8');
const probeSource = readFileSync(new URL('../deploy/probe-trigger.cjs', import.meta.url), 'utf8');

function scalar(raw: string): Yaml {
  const s = raw.trim();
  const tag = /^!(\w+)\s+(.*)$/.exec(s);
  if (tag) return { tag: tag[1] ?? '', value: scalar(tag[2] ?? '') };
  if (s.startsWith("'")) return s.slice(1, -1).replaceAll("''", "'");
  if (s.startsWith('"')) return JSON.parse(s) as string;
  if (s.startsWith('[')) return s.slice(1, -1).split(',').map(scalar);
  if (s === 'true' || s === 'false') return s === 'true';
  if (/^-?\d+$/.test(s)) return Number(s);
  return s;
}

/** Parses the block at `lines[i]` with indentation `indent`; returns the value and the next line index. */
function block(lines: readonly Line[], i: number, indent: number): [Yaml, number] {
  const first = lines[i];
  if (!first || first.indent < indent) return [null, i];
  if (first.text.startsWith('- ')) {
    const list: Yaml[] = [];
    while (lines[i]?.indent === indent && lines[i]?.text.startsWith('- ')) {
      const line = lines[i] as Line;
      // `- key: value` opens a mapping whose keys sit two columns in.
      const virtual = [{ indent: indent + 2, text: line.text.slice(2), n: line.n }, ...lines.slice(i + 1)];
      const [item, used] = /^[\w:.-]+:( |$)/.test(line.text.slice(2))
        ? block(virtual, 0, indent + 2)
        : [scalar(line.text.slice(2)), 1];
      list.push(item);
      i += used;
    }
    return [list, i];
  }
  const map: Record<string, Yaml> = {};
  while (lines[i]?.indent === indent) {
    const line = lines[i] as Line;
    const m = /^(.+?):(?: (.*))?$/.exec(line.text);
    if (!m) throw new Error(`line ${String(line.n)}: not a mapping entry: ${line.text}`);
    const key = m[1] ?? '';
    const rest = (m[2] ?? '').trim();
    if (rest === '|' || rest === '>-') {
      const body: string[] = [];
      let j = i + 1;
      const inner = lines[j]?.indent ?? indent + 2;
      while (lines[j] && (lines[j] as Line).indent >= inner) {
        const l = lines[j] as Line;
        body.push(' '.repeat(l.indent - inner) + l.text);
        j++;
      }
      map[key] = rest === '|' ? `${body.join('\n')}\n` : body.join(' ');
      i = j;
    } else if (rest === '') {
      const [value, next] = block(lines, i + 1, lines[i + 1]?.indent ?? indent);
      map[key] = (lines[i + 1]?.indent ?? 0) > indent || lines[i + 1]?.text.startsWith('- ') ? value : null;
      i = next;
    } else {
      map[key] = scalar(rest);
      i++;
    }
  }
  return [map, i];
}

/** Lines with their indentation; comment lines dropped, except inside `|` blocks (the JS code keeps its `//`). */
function linesOf(source: string): Line[] {
  const out: Line[] = [];
  let blockIndent = -1;
  source.split('\n').forEach((raw, n) => {
    const indent = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (blockIndent >= 0 && (t === '' || indent > blockIndent)) {
      if (t !== '') out.push({ indent, text: t, n: n + 1 });
      return;
    }
    blockIndent = -1;
    if (t === '' || t.startsWith('#')) return;
    out.push({ indent, text: t, n: n + 1 });
    if (/: [|>]-?$/.test(t)) blockIndent = indent;
  });
  return out;
}

const [parsed] = block(linesOf(text), 0, 0);
const template = parsed as Record<string, Record<string, Yaml>>;
const resources = template.Resources as Record<string, { Type: string; Properties: Record<string, Yaml> }>;
const props = (name: string): Record<string, Yaml> => resources[name]?.Properties ?? {};

/** Every `!Ref`, `!GetAtt` and `${…}` of `!Sub` in a value. */
function references(v: Yaml, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) references(x, out);
  else if (v !== null && typeof v === 'object' && 'tag' in v) {
    const t = v as { tag: string; value: Yaml };
    const value = typeof t.value === 'string' ? t.value : '';
    if (t.tag === 'Ref') out.push(value);
    else if (t.tag === 'GetAtt') out.push(value.split('.')[0] ?? '');
    else if (t.tag === 'Sub') for (const m of value.matchAll(/\$\{([^!}][^}]*)\}/g)) out.push(m[1] ?? '');
    else throw new Error(`unexpected tag !${t.tag}`);
  } else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) references(x, out);
  return out;
}

describe('deploy/stack.yaml', () => {
  it('parses, with the sections and resource types a live run needs', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    const types = Object.fromEntries(Object.entries(resources).map(([k, r]) => [k, r.Type]));
    expect(types).toStrictEqual({
      IdentityPool: 'AWS::Cognito::IdentityPool',
      ProbePool: 'AWS::Cognito::IdentityPool',
      UnauthenticatedRole: 'AWS::IAM::Role',
      RoleAttachment: 'AWS::Cognito::IdentityPoolRoleAttachment',
      ProbeRoleAttachment: 'AWS::Cognito::IdentityPoolRoleAttachment',
      TriggerPermission: 'AWS::Lambda::Permission',
      ProbeFunctionRole: 'AWS::IAM::Role',
      ProbeFunction: 'AWS::Lambda::Function',
      ProbePermission: 'AWS::Lambda::Permission',
    });
    expect(Object.keys(template.Outputs ?? {})).toEqual(
      expect.arrayContaining(['IdentityPoolId', 'ProbeIdentityPoolId']),
    );
    expect(template.Outputs?.IdentityPoolId).toMatchObject({ Value: { tag: 'Ref', value: 'IdentityPool' } });
  });

  it('gives both pools unauthenticated identities and their Sync Triggers, each allowed to invoke its function', () => {
    expect(props('IdentityPool')).toMatchObject({
      AllowUnauthenticatedIdentities: true,
      CognitoEvents: { SyncTrigger: { tag: 'Ref', value: 'TriggerFunctionArn' } },
    });
    expect(props('ProbePool')).toMatchObject({
      AllowUnauthenticatedIdentities: true,
      CognitoEvents: { SyncTrigger: { tag: 'GetAtt', value: 'ProbeFunction.Arn' } },
    });
    for (const [permission, fn, pool] of [
      ['TriggerPermission', 'TriggerFunctionArn', 'IdentityPool'],
      ['ProbePermission', 'ProbeFunction', 'ProbePool'],
    ] as const) {
      const p = props(permission);
      expect(p).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'cognito-sync.amazonaws.com' });
      expect(references(p.FunctionName ?? null)).toStrictEqual([fn]);
      expect(references(p.SourceArn ?? null)).toContain(pool);
      expect(JSON.stringify(p.SourceArn)).toMatch(/^\{"tag":"Sub","value":"arn:.*:cognito-identity:.*:identitypool\//);
      expect(p.SourceAccount).toStrictEqual({ tag: 'Ref', value: 'AWS::AccountId' });
    }
  });

  it('lets unauthenticated identities use Cognito Sync on their own identity only', () => {
    const role = props('UnauthenticatedRole');
    const statements = JSON.stringify(role.Policies);
    const resourcesAllowed = [...statements.matchAll(/"value":"(arn:[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(resourcesAllowed.length).toBeGreaterThan(0);
    for (const arn of resourcesAllowed)
      expect(arn).toMatch(
        /^arn:\$\{AWS::Partition\}:cognito-sync:\$\{AWS::Region\}:\$\{AWS::AccountId\}:identitypool\/\$\{(IdentityPool|ProbePool)\}\/identity\/\$\{!cognito-identity\.amazonaws\.com:sub\}(\/\*)?$/,
      );
    expect(statements).toContain('"Action":"cognito-sync:*"');
    expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain(
      '"cognito-identity.amazonaws.com:amr":"unauthenticated"',
    );
    for (const attachment of ['RoleAttachment', 'ProbeRoleAttachment'])
      expect(props(attachment).Roles).toStrictEqual({
        unauthenticated: { tag: 'GetAtt', value: 'UnauthenticatedRole.Arn' },
      });
  });

  it('refers only to parameters, resources and pseudo parameters that exist', () => {
    const known = new Set([...Object.keys(template.Parameters ?? {}), ...Object.keys(resources)]);
    const refs = references(template.Resources ?? null).concat(references(template.Outputs ?? null));
    expect(refs.length).toBeGreaterThan(15);
    for (const r of refs) expect(r.startsWith('AWS::') || known.has(r), r).toBe(true);
  });

  it('deploys deploy/probe-trigger.cjs itself as the probe function', () => {
    const fn = props('ProbeFunction');
    expect(fn).toMatchObject({ Handler: 'index.handler', Runtime: { tag: 'Ref', value: 'ProbeRuntime' } });
    expect((fn.Code as Record<string, Yaml>).ZipFile).toBe(probeSource);
  });
});
