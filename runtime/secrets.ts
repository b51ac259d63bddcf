/**
 * Keeps credentials out of everything the tool writes: reports, logs, traces and error messages. Live runs see
 * access keys, secret keys, session tokens, sync session tokens and SigV4 signatures; none of them may reach a file
 * or a terminal. Two layers: secret-looking names and patterns are always redacted, and a run that knows the exact
 * secrets it holds (the credentials it was issued or resolved) also replaces those strings wherever they appear.
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
  'credentials',
  'x-amz-date',
]);

/** The text that replaces a secret. */
const REDACTED = '[redacted]';

const PATTERNS: readonly [RegExp, string][] = [
  // SigV4 Authorization header values and presigned query strings
  [/(Credential=)[^,\s&"]+/g, `$1${REDACTED}`],
  [/(Signature=)[0-9a-f]+/g, `$1${REDACTED}`],
  [/(X-Amz-Security-Token=)[^&\s"]+/gi, `$1${REDACTED}`],
  // the canonical request an InvalidSignatureException quotes lists signed headers as `name:value`
  [/(x-amz-security-token:\s*)[^\s"\\]+/gi, `$1${REDACTED}`],
  [/(authorization:\s*)[^\n"\\]+/gi, `$1${REDACTED}`],
  // access key ids (long-term AKIA…, temporary ASIA…)
  [/\b(AKIA|ASIA)[0-9A-Z]{12,}\b/g, `$1${REDACTED}`],
  // "SecretKey": "…", "SessionToken": "…" and friends in JSON text
  [
    /("(?:SecretKey|SecretAccessKey|SessionToken|SyncSessionToken|AccessKeyId|secretAccessKey|sessionToken|accessKeyId)"\s*:\s*")[^"]*"/g,
    `$1${REDACTED}"`,
  ],
];

/** Replaces every secret-looking substring of `text`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const [re, by] of PATTERNS) out = out.replace(re, by);
  return out;
}

/**
 * A deep copy of a JSON-like value with secret fields replaced and secret-looking strings redacted. Keys are
 * defined, not assigned, so a `__proto__` key stays a key.
 */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `[${String(value.byteLength)} bytes]`;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, k, {
        value: SECRET_NAMES.has(k.toLowerCase()) ? REDACTED : redactValue(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/**
 * A redactor that also replaces the exact secrets given, wherever they appear (inside messages, quoted, split
 * over fields of a larger string). Strings shorter than 8 characters are ignored: replacing them would mangle
 * ordinary text, and no real credential is that short.
 * @param known - secrets the caller holds (access key ids, secret keys, session tokens)
 * @example
 * const redact = redactorFor([creds.secretAccessKey, creds.sessionToken]);
 * trace.push(redact({ op, input, output }));
 */
export function redactorFor(known: Iterable<string | undefined>): (value: unknown) => unknown {
  const scrub = knownSecretsRedactor(known);
  return (value) => scrub(redactValue(value));
}

/**
 * A redactor of the exact secrets given and nothing else: for data whose other strings must stay as they are (a
 * run result, whose events and replies replay). Strings shorter than 8 characters are ignored.
 * @param known - secrets the tool holds (its own environment's, see `toolSecrets`)
 */
export function knownSecretsRedactor<T = unknown>(known: Iterable<string | undefined>): (value: T) => T {
  const secrets = [...new Set([...known].filter((s): s is string => typeof s === 'string' && s.length >= 8))].sort(
    (a, b) => b.length - a.length,
  );
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') return secrets.reduce((s, secret) => s.split(secret).join(REDACTED), v);
    if (Array.isArray(v)) return v.map(scrub);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v))
        Object.defineProperty(out, scrub(k) as string, {
          value: scrub(x),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    return v;
  };
  return (value) => (secrets.length ? (scrub(value) as T) : value);
}
