import { isScalar } from 'yaml';
import { includedRole, includedTaskFile, includesOneOf } from '../ansible';
import { aptSubcommand, commandAptEffect, taskAptEffect } from '../apt';
import { executedScript } from '../dataflow';
import { type ShellCommand, simpleCommand } from '../shell';
import {
  type AnsiblePlay,
  type AnsibleTask,
  defineRule,
  type LintFile,
  type RuleContext,
  type RuleReport,
  type ShellBody,
} from '../types';
import { provisionerRuns } from '../vagrant';
import { asBool } from '../yaml-util';

const FIX = 'add update_cache: true with cache_valid_time: 3600, or an apt update_cache task earlier in the play';

/** A command that refreshes through what it calls: a refreshing shell function, a sourced refreshing script. */
function refreshesIndirectly(command: ShellCommand, ctx: RuleContext): boolean {
  const simple = simpleCommand(command);
  if (simple !== undefined && ctx.facts.refreshingFunctions.has(simple.name)) return true;
  const script = executedScript(command);
  return script !== undefined && ctx.facts.refreshingScripts.has(script.slice(script.lastIndexOf('/') + 1));
}

/** Install commands in a body that nothing before them (in the body, or earlier) refreshed. */
function bodyReports(body: ShellBody, refreshedBefore: boolean, reports: RuleReport[], ctx: RuleContext): boolean {
  let refreshed = refreshedBefore;
  for (const command of body.commands) {
    if (!refreshed && refreshesIndirectly(command, ctx)) refreshed = true;
    const effect = commandAptEffect(command);
    if (effect.install && !refreshed) {
      const simple = simpleCommand(command);
      const word = simple?.nameWord ?? command.words[0];
      reports.push({
        start: word?.start ?? command.start,
        end: command.end,
        message: `"${simple?.name ?? 'apt-get'} ${aptSubcommand(command) ?? 'install'}" runs with no "apt-get update" before it: stale package lists give 404 Not Found; run apt-get update first (same script or an earlier step)`,
      });
    }
    if (effect.refresh) refreshed = true;
  }
  return refreshed;
}

function initialRefreshed(file: LintFile, ctx: RuleContext): boolean {
  if (file.role === undefined) return false;
  if (ctx.facts.rolesRefreshedBefore.has(file.role)) return true;
  const inRole = file.path.slice(file.path.indexOf(`roles/${file.role}/tasks/`) + `roles/${file.role}/tasks/`.length);
  return ctx.facts.roleFilesRefreshedBefore.get(file.role)?.has(inRole) === true;
}

function taskReports(file: LintFile, ctx: RuleContext, reports: RuleReport[]): void {
  const groups = new Map<number, AnsibleTask[]>();
  for (const task of file.tasks) {
    if (task.section === 'handlers') continue;
    const key = task.play?.order ?? -1;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [task]);
    else list.push(task);
  }
  // Plays run in order: a refresh in an earlier play counts for a later play on the same hosts (or all).
  const refreshedHosts = new Set<string>();
  for (const [, tasks] of [...groups].sort((a, b) => a[0] - b[0])) {
    tasks.sort((a, b) => a.order - b.order);
    const hosts = playHosts(tasks[0]?.play);
    let refreshed =
      initialRefreshed(file, ctx) || (hosts !== undefined && (refreshedHosts.has('all') || refreshedHosts.has(hosts)));
    let rolesDone = false;
    for (const task of tasks) {
      const play = task.play;
      if (!rolesDone && play !== undefined && task.section !== 'pre_tasks') {
        rolesDone = true;
        if (play.roles.some((role) => ctx.facts.rolesThatRefresh.has(role.name))) refreshed = true;
      }
      const effect = taskAptEffect(task);
      if (task.module === 'apt' && effect.install && !effect.refresh && !refreshed) {
        const explicitOff = asBool(task.args.get('update_cache')?.value) === false;
        reports.push({
          start: task.moduleKey?.range?.[0] ?? task.start,
          end: task.moduleKey?.range?.[1] ?? task.end,
          message: `apt installs packages${task.name === undefined ? '' : ` ("${task.name}")`} with ${
            explicitOff ? 'update_cache: false and ' : ''
          }no cache refresh earlier in the play: stale package lists give 404 Not Found; ${FIX}`,
        });
      }
      if (effect.refresh) refreshed = true;
      for (const body of file.shell) {
        if (body.task === task) refreshed = bodyReports(body, refreshed, reports, ctx) || refreshed;
      }
      const role = includedRole(task);
      if (role !== undefined && ctx.facts.rolesThatRefresh.has(role)) refreshed = true;
      const included = includedTaskFile(task);
      if (included !== undefined && includesOneOf(ctx.facts.taskFilesThatRefresh ?? new Set(), file.path, included))
        refreshed = true;
    }
    if (refreshed && hosts !== undefined) refreshedHosts.add(hosts);
  }
}

/** The play's `hosts:` pattern as written. */
function playHosts(play: AnsiblePlay | undefined): string | undefined {
  if (play === undefined) return undefined;
  const pair = play.node.items.find((p) => isScalar(p.key) && p.key.value === 'hosts');
  return pair !== undefined && isScalar(pair.value) ? String(pair.value.value).trim() : undefined;
}

export default defineRule({
  meta: {
    id: 'apt-cache-not-refreshed',
    title: 'apt install with no cache refresh before it',
    severity: 'warning',
    runbook: 'apt-stale-cache',
    kinds: ['playbook', 'tasks', 'shell', 'vagrantfile', 'template'],
    description:
      'An `apt` task that installs packages with `update_cache` off (or unset) and no refresh earlier in the play, ' +
      'and `apt-get install` in a script with no `apt-get update` before it. Old package lists point at files the ' +
      'mirror has replaced, so the download fails with 404 Not Found. A refresh counts when it comes earlier in the ' +
      'same play: `update_cache: true` or `cache_valid_time` on any apt task, an apt_repository task (it refreshes by ' +
      'default), `apt-get update` in a shell task, a role applied before that refreshes, a task file imported or ' +
      'included before that refreshes (`import_tasks: common-tasks.yml`), or an earlier file in the ' +
      "same role's main.yml. `apt install` and `aptitude install` count like `apt-get install`. Vagrant provisioners " +
      "run per machine: the outer `config.vm.provision` ones first, then those of the machine's `config.vm.define` " +
      'block, so a script that refreshes on one machine does not count for a script another machine runs. A provisioner ' +
      'under an if/case branch of the Vagrantfile may not run: its refresh counts only for provisioners of the same branch.',
  },
  check(file, ctx) {
    const reports: RuleReport[] = [];
    if (file.kind === 'playbook' || file.kind === 'tasks') {
      taskReports(file, ctx, reports);
      return reports;
    }
    // Scripts (after the Vagrant provisioners that run before them), Vagrant provisioners in the order
    // Vagrant runs them (inline bodies and scripts), and shell templates.
    let refreshed = ctx.facts.scriptsRefreshedBefore.has(file.path);
    const bodies = [...file.shell].sort((a, b) => a.start - b.start);
    const runs = provisionerRuns(file.vagrant?.provisioners ?? []);
    // On a machine that runs the inline body, a provisioner script that refreshes runs before it.
    const scriptBefore = (body: ShellBody): boolean =>
      runs.some((order) =>
        order.some(
          (p, i) =>
            p.kind === 'script' &&
            ctx.facts.refreshingScripts.has(p.path.slice(p.path.lastIndexOf('/') + 1)) &&
            order.findIndex(
              (q) => q.kind === 'inline' && q.start === body.start && (p.branch < 0 || q.branch === p.branch),
            ) > i,
        ),
      );
    // A Vagrantfile's inline body that machines run: what runs before it on every such machine, in Vagrant's
    // order (outer provisioners first, wherever they are written), not what is written above it.
    const refreshes = (body: ShellBody | undefined): boolean => body !== undefined && bodyReports(body, false, [], ctx);
    const runOrderRefreshed = (body: ShellBody): boolean | undefined => {
      const isMine = (q: (typeof runs)[number][number]): boolean => q.kind === 'inline' && q.start === body.start;
      const mine = runs.filter((order) => order.some(isMine));
      if (mine.length === 0) return undefined;
      return mine.every((order) =>
        order
          .slice(0, order.findIndex(isMine))
          .some((p) =>
            p.kind === 'inline'
              ? refreshes(bodies.find((b) => b.start === p.start))
              : ctx.facts.refreshingScripts.has(p.path.slice(p.path.lastIndexOf('/') + 1)),
          ),
      );
    };
    for (const body of bodies) {
      const ordered = file.kind === 'vagrantfile' ? runOrderRefreshed(body) : undefined;
      if (ordered !== undefined) {
        bodyReports(body, ordered, reports, ctx);
        continue;
      }
      if (!refreshed && scriptBefore(body)) refreshed = true;
      refreshed = bodyReports(body, refreshed, reports, ctx);
    }
    return reports;
  },
});
