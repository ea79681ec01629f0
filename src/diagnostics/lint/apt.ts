/**
 * What a task or a shell command does to the apt cache: refresh it, install from it, or both.
 * Shared by the apt-cache-not-refreshed rule and the project facts (roles that refresh).
 */

import { type ShellCommand, simpleCommand } from './shell';
import type { AnsibleTask, LintFile, ShellBody } from './types';
import { asBool } from './yaml-util';

export interface AptEffect {
  refresh: boolean;
  install: boolean;
}

/** A one-line apt source: `deb [options] URI suite [components]`. */
export const DEB_LINE =
  /(?<![A-Za-z0-9_-])deb[ \t]+(?:\[((?:\{\{[^}\n]*\}\}|[^\]\n])*)\][ \t]+)?((?:https?|ftp|file|cdrom|tor\+https?|mirror\+https?):\/\/(?:\{\{[^}\n]*\}\}|\$\([^)\n]*\)|\$\{[^}\n]*\}|[^\s"'\]\\])+|\{\{[^}\n]*\}\}(?:\{\{[^}\n]*\}\}|\$\([^)\n]*\)|[^\s"'])*)/g;
/**
 * The text at `col` of `line` is the argument of `add-apt-repository -r|--remove` (or apt-add-repository):
 * a source being removed, not added.
 */
export function removedRepository(line: string, col: number): boolean {
  const before = line.slice(0, col);
  const at = Math.max(before.lastIndexOf('add-apt-repository'), before.lastIndexOf('apt-add-repository'));
  if (at < 0) return false;
  const command = before.slice(at);
  if (/;|&&|\|\|/.test(command)) return false;
  return /[ \t](?:--remove|-[A-Za-z]*r[A-Za-z]*)(?=[ \t=])/.test(command);
}

/** Where a shell command ends or a new one starts before a given position on the same line. */
const COMMAND_START = /(?:;|&&|\|\||\||\{|\(|`|\b(?:then|do|else)\b)[ \t]*/g;

/**
 * The text at `col` of `line` only appears in an echo/printf message that goes to the terminal (no redirection,
 * no pipe, not a `deb` line, not inside a command substitution): nothing is fetched or written from it.
 */
export function echoedMessageOnly(line: string, col: number): boolean {
  const before = line.slice(0, col);
  let start = 0;
  for (const m of before.matchAll(COMMAND_START)) start = m.index + m[0].length;
  const command = before.slice(start);
  if (!/^[ \t]*(?:sudo[ \t]+)?(?:echo|printf)\b/.test(command)) return false;
  if (/(?<![A-Za-z0-9_-])deb[ \t]/.test(command) || /(?:\$\(|`)[ \t]*$/.test(before.slice(0, start))) return false;
  const after = line.slice(col).split(/;|&&|\|\|/)[0] ?? '';
  return !/[>|)`]|\\[ \t]*$/.test(after);
}

const APT_OPTIONS_WITH_VALUE = new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release']);

/** The apt-get/apt/aptitude subcommand of a shell command, if it is one. */
export function aptSubcommand(command: ShellCommand): string | undefined {
  const simple = simpleCommand(command);
  if (simple === undefined || !['apt-get', 'apt', 'aptitude'].includes(simple.name)) return undefined;
  for (let i = 0; i < simple.args.length; i++) {
    const arg = (simple.args[i] as { value: string }).value;
    if (APT_OPTIONS_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return undefined;
}

/**
 * Commands that refresh the lists as a side effect: add-apt-repository (updates unless -n/--no-update)
 * and Docker's convenience script (get-docker.sh runs apt-get update).
 */
function refreshesAsSideEffect(command: ShellCommand): boolean {
  const simple = simpleCommand(command);
  if (simple === undefined) return false;
  const args = simple.args.map((a) => a.value);
  if (simple.name === 'add-apt-repository' || simple.name === 'apt-add-repository')
    return !args.some((a) => a === '-n' || a === '--no-update' || /^-[a-z]*n[a-z]*$/.test(a));
  return ['sh', 'bash'].includes(simple.name) && args.some((a) => /(?:^|\/)get-docker\.sh$/.test(a));
}

export function commandAptEffect(command: ShellCommand): AptEffect {
  const sub = aptSubcommand(command);
  return {
    refresh: sub === 'update' || refreshesAsSideEffect(command),
    install:
      sub === 'install' || sub === 'upgrade' || sub === 'dist-upgrade' || sub === 'full-upgrade' || sub === 'build-dep',
  };
}

export function taskAptEffect(task: AnsibleTask): AptEffect {
  const effect: AptEffect = { refresh: false, install: false };
  if (task.module === 'apt') {
    const updateCache = asBool(task.args.get('update_cache')?.value);
    effect.refresh = updateCache === true || task.args.has('cache_valid_time');
    const state = String(task.args.get('state')?.value ?? 'present');
    const names = ['name', 'pkg', 'package', 'deb'].some((key) => task.args.has(key));
    const upgrade = task.args.get('upgrade')?.value;
    effect.install = (names && state !== 'absent') || (upgrade !== undefined && asBool(upgrade) !== false);
    return effect;
  }
  if (task.module === 'apt_repository') {
    const state = String(task.args.get('state')?.value ?? 'present');
    effect.refresh = state !== 'absent' && asBool(task.args.get('update_cache')?.value) !== false;
    return effect;
  }
  return effect;
}

/** Effects of a task including the apt commands in its shell body. */
export function taskEffect(task: AnsibleTask, bodies: readonly ShellBody[]): AptEffect {
  const effect = taskAptEffect(task);
  for (const body of bodies) {
    if (body.task !== task) continue;
    for (const command of body.commands) {
      const c = commandAptEffect(command);
      // Within one body, an install after an update is covered by it; the body as a whole refreshes.
      if (c.install && !effect.refresh) effect.install = true;
      if (c.refresh) effect.refresh = true;
    }
  }
  return effect;
}

/** Whether anything in the file refreshes the apt cache. */
export function fileRefreshes(file: LintFile): boolean {
  if (file.tasks.some((task) => taskEffect(task, file.shell).refresh)) return true;
  return file.shell.some((body) => body.task === undefined && body.commands.some((c) => commandAptEffect(c).refresh));
}
