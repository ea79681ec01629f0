#!/usr/bin/env node
/**
 * The edge: the only module that touches process.argv, process.exit and the TTY.
 * Each subcommand lives in src/diagnostics/commands/<name>.ts, exports a citty command whose
 * `run` resolves to an exit code, and is loaded lazily so `k8sdiag explain` does not pay for ssh2.
 */
import { type CommandDef, renderUsage, runCommand } from 'citty';
import { topLevelHelp, wrapHelp } from './commands/help';
import { COMMANDS, type CommandName, VERSION } from './commands/index';
import { describeError, EXIT, K8sdiagError } from './errors';

async function main(argv: string[]): Promise<number> {
  const root = COMMANDS;
  const [name, ...rest] = argv;
  const wantsHelp = (args: string[]): boolean => args.includes('--help') || args.includes('-h');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(topLevelHelp(VERSION));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const loaders = root.subCommands as Record<CommandName, () => Promise<CommandDef>>;
  const load = loaders[name as CommandName];
  if (load === undefined) {
    throw new K8sdiagError('E_USAGE', `unknown command "${name}"; run "k8sdiag --help" for the list`);
  }
  const command = await load();
  if (wantsHelp(rest)) {
    process.stdout.write(`${wrapHelp(await renderUsage(command, root))}\n`);
    return EXIT.ok;
  }
  const { result } = await runCommand(command, { rawArgs: rest });
  return typeof result === 'number' ? result : EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const { line, code } = describeError(error);
    process.stderr.write(`k8sdiag: ${line}\n`);
    if (process.env['K8SDIAG_DEBUG'] === '1' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exitCode = code;
  },
);
