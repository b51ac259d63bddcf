/**
 * The command line. The only module that reads `process.argv`, and that calls `process.exit` but for a second Ctrl-C
 * (`interrupt.ts`, `emulate`), which quits at once.
 * Exit codes: 0 conformant, 1 not conformant (or incomplete), 2 usage or harness error, 3 internal error.
 */
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { BUG_REPORT } from '../harness/internal.ts';
import { TOOL_VERSION } from '../harness/version.ts';
import { isHarnessError } from '../runtime/errors.ts';
import { registerList } from './commands/list.ts';
import { registerRun } from './commands/run.ts';
import { registerReplay } from './commands/replay.ts';
import { registerInit } from './commands/init.ts';
import { registerReport } from './commands/report.ts';
import { registerEmulate } from './commands/emulate.ts';
import { registerProbe } from './commands/probe.ts';
import { toolSecrets } from '../runtime/environment.ts';
import { guardTool } from '../runtime/guard.ts';
import { knownSecretsRedactor } from '../runtime/secrets.ts';

import { terminalText } from '../reports/visible.ts';

// First: no process this tool starts (a handler, a command) may open its inspector and rewrite its verdict.
guardTool((text) => process.stderr.write(text));

// The AWS SDK warns on every Node 20 process that its releases after January 2027 need Node 22; the versions this
// tool pins run on Node 20, so the warning says nothing about this run. Set the variable to "false" to see it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// `list | head` closes the pipe after ten lines: what is left to print has nowhere to go, which is not an error of
// the command (it still writes its reports and sets its exit code). Any other stream error is.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    throw e;
  });

const program = new Command('cognito-sync-conformance')
  .description('Property-based conformance checks for Amazon Cognito Sync "Sync Trigger" Lambda handlers')
  .version(TOOL_VERSION)
  .showHelpAfterError('(add --help for usage)')
  .exitOverride()
  .configureOutput({
    outputError: (s, write) => {
      write(pc.red(s));
    },
  });
program.addOption(new Option('--no-color', 'plain output'));

registerRun(program);
registerList(program);
registerReplay(program);
registerInit(program);
registerReport(program);
registerEmulate(program);
registerProbe(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exit(e.exitCode === 0 ? 0 : 2);
  } else if (isHarnessError(e)) {
    // A load error quotes what the handler printed: escaped like every handler text, and scrubbed of what it learned
    // of the tool's secrets.
    const redact = knownSecretsRedactor<string>(toolSecrets());
    process.stderr.write(`${pc.red(`error ${e.code}:`)} ${terminalText(redact(e.message))}\n`);
    process.exit(2);
  } else {
    process.stderr.write(
      `${pc.red('internal error:')} ${BUG_REPORT}\n${terminalText(e instanceof Error ? (e.stack ?? e.message) : String(e))}\n`,
    );
    process.exit(3);
  }
}
