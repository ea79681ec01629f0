/**
 * A small dataflow layer over the shared parse: what one step writes and a later one runs, what a
 * shell variable holds when it is used, which shell functions and scripts refresh the apt cache.
 * Pure; file facts (facts.ts) carry the cross-file parts, rules read them from the project facts.
 */
import { stringArg } from './ansible';
import { commandAptEffect } from './apt';
import { type ShellCommand, simpleCommand } from './shell';
import type { LintFile, ShellBody } from './types';

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** Shells and the builtins that run a file. */
const RUNNERS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'source', '.']);

/**
 * The script file a command runs, if any: `sh /tmp/join.sh`, `bash -x join.sh`, `. ./join.sh`,
 * `source join.sh`, `./join.sh`, `/vagrant/join.sh`.
 */
export function executedScript(command: ShellCommand): string | undefined {
  const simple = simpleCommand(command);
  if (simple === undefined) return undefined;
  const name = simple.nameWord.value;
  if (RUNNERS.has(simple.name) || name === '.') {
    const file = simple.args.find((w) => !w.value.startsWith('-'));
    if (file === undefined || simple.args.some((w) => w.value === '-c')) return undefined;
    return file.value;
  }
  if (name.includes('/') && !name.startsWith('$')) return name;
  // A path under a variable folder: `sudo $KUBEADM_PATH/kubeadm-join.sh` (not a bare `$VAR`).
  if (/^\$\{?[A-Za-z_]\w*\}?\/[^$\s]*[^/$\s]$/.test(name)) return name;
  return undefined;
}

/** Files a shell body writes from `kubeadm token create --print-join-command` (`> f`, `| tee f`). */
export function joinFilesWritten(body: ShellBody): string[] {
  const out: string[] = [];
  const commands = body.commands;
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i] as ShellCommand;
    if (!command.words.some((w) => w.value.includes('--print-join-command'))) continue;
    for (const r of command.redirects) {
      if ((r.op === '>' || r.op === '>>' || r.op === '>|') && r.target !== undefined)
        out.push(basename(r.target.value));
    }
    const next = commands[i + 1];
    const tee = next === undefined ? undefined : simpleCommand(next);
    if (next?.piped === true && tee?.name === 'tee') {
      for (const w of tee.args) if (!w.value.startsWith('-')) out.push(basename(w.value));
    }
  }
  return out;
}

/** Files an Ansible task writes from a registered join command (`copy: content="{{ join.stdout }}" dest=...`). */
export function joinFilesWrittenByTasks(file: LintFile): string[] {
  const out: string[] = [];
  for (const task of file.tasks) {
    if (task.module !== 'copy' && task.module !== 'template' && task.module !== 'local_action') continue;
    const content = stringArg(task, 'content') ?? '';
    const dest = stringArg(task, 'dest');
    if (dest !== undefined && /join/i.test(content)) out.push(basename(dest));
  }
  return out;
}

/** A word that is only a variable reference: `$JOIN`, `${JOIN}`, `$(cat join.sh)`. */
const VAR_REF = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;
const JOIN_VAR = /join/i;

/**
 * A file named for holding variables (`join.env`, `join.vars`, `join.conf`): sourcing it sets the
 * token and hash for a later step, it runs no join. Still a join when a step wrote it from
 * --print-join-command (`joinScripts`).
 */
const VARIABLES_FILE = /\.(?:env|vars|conf|cfg|ini|properties|json|ya?ml)$/i;

/**
 * How a command runs kubeadm join without saying so: a script that a step wrote from
 * --print-join-command (or a script named for joining), a variable holding the join command
 * (`$JOIN_CMD`, `eval "$join"`, `multipass exec w1 -- sudo $join_command`), `$(cat join.sh)`.
 */
export function indirectJoin(command: ShellCommand, joinScripts: ReadonlySet<string>): string | undefined {
  const script = executedScript(command);
  if (script !== undefined) {
    const base = basename(script);
    if (joinScripts.has(base) || (/join/i.test(base) && !VARIABLES_FILE.test(base))) return script;
    return undefined;
  }
  const simple = simpleCommand(command);
  if (simple === undefined) return undefined;
  const first = simple.nameWord.value;
  const ref = VAR_REF.exec(first);
  if (ref !== null && JOIN_VAR.test(ref[1] as string)) return first;
  if (/^\$\(\s*cat\s+\S*join/i.test(first)) return first;
  // Runs a command: eval, `multipass exec`, `lxc exec`, `vagrant ssh` (not `multipass transfer`, a copy).
  const runs =
    simple.name === 'eval' ||
    (['multipass', 'lxc'].includes(simple.name) && simple.args[0]?.value === 'exec') ||
    (simple.name === 'vagrant' && simple.args[0]?.value === 'ssh');
  if (runs) {
    const word = simple.args.find((w) => {
      const m = VAR_REF.exec(w.value);
      return (m !== null && JOIN_VAR.test(m[1] as string)) || /^\$\(\s*cat\s+\S*join/i.test(w.value);
    });
    if (word !== undefined) return `${simple.name} ${word.value}`;
  }
  return undefined;
}

/** Shell functions defined in a text whose bodies refresh the apt cache. */
export function refreshingFunctions(text: string): string[] {
  const out: string[] = [];
  const header = /^[ \t]*(?:function[ \t]+([A-Za-z_][\w-]*)|([A-Za-z_][\w-]*)[ \t]*\(\))/gm;
  for (let m = header.exec(text); m !== null; m = header.exec(text)) {
    const name = (m[1] ?? m[2]) as string;
    const close = /^[ \t]*\}[ \t]*$/m;
    const rest = text.slice(m.index + m[0].length);
    const end = close.exec(rest);
    const body = end === null ? rest : rest.slice(0, end.index);
    if (/\bapt(?:-get)?\s+(?:-\S+\s+)*update\b/.test(body)) out.push(name);
  }
  return out;
}

/** Whether a shell body refreshes the apt cache anywhere at its top level. */
export function bodyRefreshes(body: ShellBody): boolean {
  return body.commands.some((c) => commandAptEffect(c).refresh);
}

/**
 * Shell variable assignments (`NAME=value`, `export NAME=value`, `readonly NAME=value`) in a body,
 * with the value's offset, in order.
 */
export function shellAssignments(body: ShellBody): Array<{ name: string; value: string; start: number; end: number }> {
  const out: Array<{ name: string; value: string; start: number; end: number }> = [];
  for (const command of body.commands) {
    for (const word of command.words) {
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word.value);
      if (m === null) continue;
      out.push({ name: m[1] as string, value: m[2] as string, start: word.start, end: word.end });
    }
  }
  return out;
}
