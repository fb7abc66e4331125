#!/usr/bin/env node
// Entry point of the `epm` CLI: `npm run epm -- <command>` or the installed `epm` bin.
import { runCli } from './framework';
import { commands } from './commands/index';

const code = await runCli(commands, process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
});
process.exitCode = code;
