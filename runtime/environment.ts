/**
 * The environment handler code runs with: what Lambda sets for a function, placeholder credentials (as `sam local`
 * gives a function no real ones), the `PATH` to find programs, and what the user passes explicitly — never the
 * tool's own variables, which may hold the credentials of a live run (`AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`)
 * or a CI token.
 */
import { readFileSync } from 'node:fs';
import { HarnessError } from './errors.ts';
import { MARKER_VARIABLE } from './reaper.ts';

/** The documentation's example credentials: well known, valid in shape, useless. */
const PLACEHOLDER_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'placeholder-session-token',
} as const;

/** What the handler's environment is made of. */
export interface HandlerEnvironmentOptions {
  /** `AWS_REGION` and `AWS_DEFAULT_REGION`. */
  readonly region: string;
  readonly functionName: string;
  readonly memoryLimitMb: number;
  /** `AWS_EXECUTION_ENV` is `AWS_Lambda_<runtime>` when set (Node runtime profiles). */
  readonly runtime?: string;
  /** `_HANDLER` (`file.export`), when known. */
  readonly handler?: string;
  /** `LAMBDA_TASK_ROOT`: where the function's code is. */
  readonly taskRoot: string;
  /** Variables the user gives the handler (`--env`, `--env-file`, `env` in the config); they win. */
  readonly user?: Readonly<Record<string, string>>;
  /** Names of the tool's own variables the user passes through on purpose (`--pass-env`). */
  readonly passThrough?: readonly string[];
  /** The marker of the process tree this environment starts (see `reaper.ts`). */
  readonly marker?: string;
}

/**
 * The environment of a process that runs handler code.
 * @param o - the function's settings and what the user gives it
 * @param toolEnv - the tool's own environment (only `PATH` and the names passed through are read)
 */
export function handlerEnvironment(
  o: HandlerEnvironmentOptions,
  toolEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {
    // Programs a handler starts (a shell command, python3) are found as on the tool's machine.
    PATH: toolEnv.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: o.taskRoot,
    LAMBDA_RUNTIME_DIR: '/var/runtime',
    AWS_REGION: o.region,
    AWS_DEFAULT_REGION: o.region,
    AWS_LAMBDA_FUNCTION_NAME: o.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(o.memoryLimitMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${o.functionName}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    ...(o.runtime ? { AWS_EXECUTION_ENV: `AWS_Lambda_${o.runtime}` } : {}),
    ...(o.handler ? { _HANDLER: o.handler } : {}),
    ...PLACEHOLDER_CREDENTIALS,
  };
  for (const name of o.passThrough ?? []) {
    const value = toolEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, o.user ?? {});
  if (o.marker) env[MARKER_VARIABLE] = o.marker;
  return env;
}

/**
 * Reads a dotenv-style file: `KEY=VALUE` lines, `#` comments, optional `export `, values optionally in single or
 * double quotes (double quotes understand `\n`).
 * @param path - the file
 * @throws HarnessError `E_ENV_FILE` naming the file and the line
 */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new HarnessError('E_ENV_FILE', `cannot read --env-file ${path}: ${(e as Error).message}`);
  }
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) throw new HarnessError('E_ENV_FILE', `${path}:${String(i + 1)}: expected KEY=VALUE, got ${raw}`);
    const [, key = '', rest = ''] = m;
    out[key] = unquote(rest);
  });
  return out;
}

function unquote(v: string): string {
  if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) return v.slice(1, -1).replaceAll('\\n', '\n');
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1);
  const hash = v.indexOf(' #');
  return (hash >= 0 ? v.slice(0, hash) : v).trim();
}

/** Names whose values are secrets: the tool redacts their values from every output. */
const SECRET_NAME = /SECRET|TOKEN|PASSW|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_KEY|SESSION|_KEY$|^AWS_ACCESS_KEY_ID$/i;

/**
 * The values of the tool's own secret-looking variables (8 characters or more), for redaction.
 * @param toolEnv - the tool's environment
 */
export function toolSecrets(toolEnv: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(toolEnv)
    .filter(([k, v]) => SECRET_NAME.test(k) && typeof v === 'string' && v.length >= 8)
    .map(([, v]) => v as string)
    .filter((v) => !Object.values(PLACEHOLDER_CREDENTIALS).includes(v as never));
}
