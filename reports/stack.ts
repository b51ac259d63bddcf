/**
 * A handler's stack trace as a person wants it: its own file and line first, and the frames of this tool (the
 * runtime that called the handler) and of Node's or Lambda's internals left out of what is shown. `report.json`
 * keeps the trace whole.
 */
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_ROOT } from '../harness/version.ts';

/** Folders of the package whose code may stand in a handler's stack (the runtime calling it, and its packages). */
const toolDirs = (root: string): string[] =>
  [
    'dist',
    'runtime',
    'harness',
    'suites',
    'model',
    'generators',
    'live',
    'emulator',
    'reports',
    'vitest',
    'cli',
    'bin',
    'node_modules',
  ].map((d) => `${join(root, d)}${sep}`);
const TOOL_DIRS = PACKAGE_ROOT === undefined ? [] : toolDirs(PACKAGE_ROOT);

/** One `at …` line of a V8 stack. */
const FRAME = /^\s*at\s/;
// The location of a frame: inside the last parentheses, or the whole rest for an anonymous frame.
const LOCATION = /^\s*at\s+(?:.*?\()?(.+?):(\d+):(\d+)\)?\s*$/;

/** Where a frame points, as a file path (file: URLs turned into paths) with its line and column. */
export interface FrameLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * Where one stack line points, when it is a frame with a file position.
 * @param line - one line of a stack, e.g. `    at handler (file:///app/h.mjs:4:11)`
 */
export function frameLocation(line: string): FrameLocation | undefined {
  const m = LOCATION.exec(line);
  if (!m?.[1]) return undefined;
  let file = m[1];
  if (file.startsWith('file://')) {
    try {
      file = fileURLToPath(file);
    } catch {
      return undefined;
    }
  }
  return { file, line: Number(m[2]), column: Number(m[3]) };
}

/**
 * True when a frame belongs to this tool, to Node's internals or to the Lambda runtime rather than to the handler.
 * @param line - one `at …` line
 */
export function isForeignFrame(line: string): boolean {
  if (/\(?node:|\(internal\/|^\s*at\s+internal\/|\(native\)|^\s*at\s+native/.test(line)) return true;
  const loc = frameLocation(line);
  if (!loc) return false;
  if (loc.file.startsWith('/var/runtime/')) return true;
  return TOOL_DIRS.some((d) => loc.file.startsWith(d));
}

/** A trace as shown: the message lines, the handler's own frames, and how many frames were left out. */
export interface ShownTrace {
  /** The lines before the first frame (`Error: message`, and more lines when the message had line breaks). */
  readonly head: readonly string[];
  /** The frames of the handler (and of its own packages). */
  readonly frames: readonly string[];
  /** Frames of the tool and of runtime internals left out. */
  readonly hidden: number;
}

/**
 * Splits a trace and leaves out the frames that are not the handler's.
 * @param trace - the lines of a Lambda error's `trace`
 */
export function shownTrace(trace: readonly string[]): ShownTrace {
  const first = trace.findIndex((l) => FRAME.test(l));
  const head = first === -1 ? [...trace] : trace.slice(0, first);
  const all = first === -1 ? [] : trace.slice(first);
  const frames = all.filter((l) => !isForeignFrame(l));
  return { head, frames, hidden: all.length - frames.length };
}

/**
 * The trace as text for people: message lines, the handler's frames, and a line saying how many were left out.
 * @param trace - the lines of a Lambda error's `trace`
 */
export function traceText(trace: readonly string[]): string {
  const t = shownTrace(trace);
  const note = t.hidden
    ? [`    (${t.hidden} frame${t.hidden === 1 ? '' : 's'} of the tool and of Node internals not shown)`]
    : [];
  return [...t.head, ...t.frames, ...note].join('\n');
}

/**
 * The handler's own file and line where an error was thrown: the first frame of the trace that is the handler's.
 * @param trace - the lines of a Lambda error's `trace`
 * @returns e.g. `/app/handler.mjs:4:11`, or undefined when no frame is the handler's
 */
export function handlerLocation(trace: readonly string[]): string | undefined {
  const loc = handlerFrameLocation(trace);
  return loc && `${loc.file}:${loc.line}:${loc.column}`;
}

/**
 * The handler's own top frame of a trace as a file, line and column (for annotations and SARIF).
 * @param trace - the lines of a Lambda error's `trace`
 */
export function handlerFrameLocation(trace: readonly string[]): FrameLocation | undefined {
  for (const l of shownTrace(trace).frames) {
    const loc = frameLocation(l);
    if (loc) return loc;
  }
  return undefined;
}
