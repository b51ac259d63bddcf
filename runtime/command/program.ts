/**
 * Finding the program a command line runs, so that a typo fails once at `init()` with a clear message instead of
 * every invocation failing with the shell's exit code 127.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, resolve } from 'node:path';

/** Shell builtins and keywords: not files, so not looked up. */
const SHELL_WORDS = new Set(
  'cd . source exec eval export set unset if for while until case { ( ! [ [[ test true false command builtin time nohup'.split(
    ' ',
  ),
);

/**
 * Splits a command line into words the way a POSIX shell would for simple commands: whitespace separates,
 * single quotes are literal, double quotes and backslashes escape.
 * @param line - the command line
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length && '"\\$`'.includes(line.charAt(i + 1))) {
        word = (word ?? '') + line.charAt(++i);
      } else word = (word ?? '') + ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      word ??= '';
    } else if (ch === '\\' && i + 1 < line.length) {
      word = (word ?? '') + line.charAt(++i);
    } else if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + ch;
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * The program a command line starts with, or undefined when it cannot be told without a shell (a builtin, a
 * variable, a subshell). Leading `NAME=value` assignments are skipped.
 * @param line - the command line
 */
export function programOf(line: string): string | undefined {
  const words = shellWords(line);
  const at = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  // An assignment that runs something (`$(…)`, backquotes) or ends the command (`;`, `&&`) hides what runs next.
  if (words.slice(0, at < 0 ? words.length : at).some((w) => /\$\(|[`;&|()<>]/.test(w))) return undefined;
  const first = words[at];
  if (first === undefined || SHELL_WORDS.has(first) || /[$`(){};|&<>*?]/.test(first)) return undefined;
  return first;
}

const isExecutableFile = (p: string): boolean => {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Why a program cannot be run, or undefined when it can: a path must be an executable file; a bare name must be on
 * the `PATH`.
 * @param program - the first word of the command
 * @param cwd - where a relative path starts
 * @param path - the `PATH` the command gets
 */
function programProblem(program: string, cwd: string, path: string | undefined): string | undefined {
  const exts = process.platform === 'win32' ? ['', ...(process.env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  if (program.includes('/') || (process.platform === 'win32' && program.includes('\\')) || isAbsolute(program)) {
    const abs = resolve(cwd, program);
    return exts.some((e) => isExecutableFile(abs + e)) ? undefined : `${abs} is not an executable file`;
  }
  const dirs = (path ?? '').split(delimiter).filter(Boolean);
  const found = dirs.some((d) => exts.some((e) => isExecutableFile(resolve(cwd, d, program + e))));
  return found ? undefined : `command not found: ${program} (not on the PATH)`;
}

/**
 * Why a command line cannot be run, or undefined when it can (or when only a shell could tell): empty, a missing
 * working directory, or a first program that is not there.
 * @param command - the command line
 * @param shell - whether it runs through the shell (else it is split into words)
 * @param cwd - its working directory
 * @param path - the `PATH` it gets
 */
export function commandProblem(
  command: string,
  shell: boolean,
  cwd: string,
  path: string | undefined,
): string | undefined {
  if (!command.trim()) return 'the command is empty';
  if (!existsSync(cwd) || !statSync(cwd).isDirectory()) return `working directory of the command not found: ${cwd}`;
  const program = shell ? programOf(command) : shellWords(command)[0];
  const problem = program === undefined ? undefined : programProblem(program, cwd, path);
  return problem ? `cannot run "${command}": ${problem}` : undefined;
}
