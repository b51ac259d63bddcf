/**
 * live/stack.yaml: the resources a live run needs are there, with the properties that make it work, and every
 * reference names a parameter, a resource or a pseudo parameter of the template. (No YAML package: CloudFormation's
 * short tags would need a custom schema anyway; the template's structure is read by indentation.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const text = readFileSync(new URL('../live/stack.yaml', import.meta.url), 'utf8');

/** Keys at two spaces of indentation under a top-level section. */
function sectionKeys(section: string): Map<string, string> {
  const out = new Map<string, string>();
  const start = text.indexOf(`\n${section}:\n`);
  if (start < 0) return out;
  const rest = text.slice(start + section.length + 3);
  const end = rest.search(/\n[A-Za-z]/);
  const body = end < 0 ? rest : rest.slice(0, end);
  let current = '';
  for (const line of body.split('\n')) {
    const m = /^ {2}([A-Za-z0-9]+):\s*$/.exec(line);
    if (m?.[1]) {
      current = m[1];
      out.set(current, '');
    } else if (current) out.set(current, `${out.get(current) ?? ''}${line}\n`);
  }
  return out;
}

describe('live/stack.yaml', () => {
  const resources = sectionKeys('Resources');
  const parameters = sectionKeys('Parameters');

  it('creates the pool with unauthenticated identities and the Sync Trigger, the role, the attachment and the permission', () => {
    const type = (name: string): string => /Type: (\S+)/.exec(resources.get(name) ?? '')?.[1] ?? '';
    expect(type('IdentityPool')).toBe('AWS::Cognito::IdentityPool');
    expect(resources.get('IdentityPool')).toMatch(/AllowUnauthenticatedIdentities: true/);
    expect(resources.get('IdentityPool')).toMatch(/CognitoEvents:\s+SyncTrigger: !Ref TriggerFunctionArn/);
    expect(type('UnauthenticatedRole')).toBe('AWS::IAM::Role');
    expect(resources.get('UnauthenticatedRole')).toMatch(/identity\/\$\{!cognito-identity\.amazonaws\.com:sub\}\/\*/);
    expect(type('RoleAttachment')).toBe('AWS::Cognito::IdentityPoolRoleAttachment');
    expect(type('TriggerPermission')).toBe('AWS::Lambda::Permission');
    expect(resources.get('TriggerPermission')).toMatch(/Principal: cognito-sync\.amazonaws\.com/);
    expect(text).toMatch(/Outputs:\n {2}IdentityPoolId:/);
  });

  it('refers only to what exists', () => {
    const known = new Set([...resources.keys(), ...parameters.keys()]);
    const refs = [
      ...[...text.matchAll(/!Ref ([A-Za-z0-9:]+)/g)].map((m) => m[1] ?? ''),
      ...[...text.matchAll(/!GetAtt ([A-Za-z0-9]+)\./g)].map((m) => m[1] ?? ''),
      ...[...text.matchAll(/\$\{([A-Za-z0-9:]+)\}/g)].map((m) => m[1] ?? ''),
    ];
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) expect(r.startsWith('AWS::') || known.has(r), r).toBe(true);
  });
});
