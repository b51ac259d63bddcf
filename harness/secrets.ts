/**
 * Keeps credentials out of everything the tool writes: reports, logs, traces and error messages. Live runs see
 * access keys, secret keys, session tokens and SigV4 signatures; none of them may reach a file or a terminal.
 */

/** Header and field names whose values are secrets (compared lower-case). */
const SECRET_NAMES = new Set([
  'authorization',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-credential',
  'secretkey',
  'secretaccesskey',
  'sessiontoken',
  'syncsessiontoken',
  'accesskeyid',
  'x-amz-date',
]);

const PATTERNS: readonly [RegExp, string][] = [
  // SigV4 Authorization header values and query strings
  [/(Credential=)[^,\s&]+/g, '$1[redacted]'],
  [/(Signature=)[0-9a-f]+/g, '$1[redacted]'],
  [/(X-Amz-Security-Token=)[^&\s]+/gi, '$1[redacted]'],
  // access key ids (long-term AKIA…, temporary ASIA…)
  [/\b(AKIA|ASIA)[0-9A-Z]{12,}\b/g, '$1[redacted]'],
  // "SecretKey": "…", "SessionToken": "…" and friends in JSON text
  [
    /("(?:SecretKey|SecretAccessKey|SessionToken|AccessKeyId|secretAccessKey|sessionToken|accessKeyId)"\s*:\s*")[^"]*"/g,
    '$1[redacted]"',
  ],
];

/** Replaces every secret-looking substring of `text`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [re, by] of PATTERNS) out = out.replace(re, by);
  return out;
}

/** A deep copy of a JSON-like value with secret fields replaced and secret-looking strings redacted. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_NAMES.has(k.toLowerCase()) ? '[redacted]' : redactValue(v);
    }
    return out;
  }
  return value;
}
