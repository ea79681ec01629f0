/**
 * Project facts: what rules need to know about other files (variable values, which roles run
 * after an apt refresh or under become, whether a login user gets a kubeconfig somewhere, which
 * scripts Vagrant runs as root). Computed once from every parsed file, before the rules run. Pure.
 */
import { isMap, isScalar } from 'yaml';
import { includedRole, includedTaskFile } from './ansible';
import { fileRefreshes, taskEffect } from './apt';
import { iniText } from './ini';
import { kubeconfigCopies } from './kubeconfig';
import type { LintFile, ProjectFacts, VarDefinition } from './types';
import { isQuoted, nodeRange } from './yaml-util';

function addVar(vars: Map<string, VarDefinition[]>, name: string, definition: VarDefinition): void {
  const list = vars.get(name);
  if (list === undefined) vars.set(name, [definition]);
  else list.push(definition);
}

function collectYamlVars(file: LintFile, map: unknown, vars: Map<string, VarDefinition[]>): void {
  if (!isMap(map)) return;
  for (const pair of map.items) {
    if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
    const range = nodeRange(pair.value);
    if (range === undefined) continue;
    addVar(vars, String(pair.key.value), {
      value: pair.value.value,
      quoted: isQuoted(pair.value),
      raw: file.text.slice(range[0], range[1]),
      path: file.path,
      line: file.lines.at(range[0]).line,
    });
  }
}

function fileVars(file: LintFile, vars: Map<string, VarDefinition[]>): void {
  if (file.kind === 'vars') {
    for (const doc of file.yaml ?? []) collectYamlVars(file, doc.contents, vars);
  }
  if (file.kind === 'playbook') {
    for (const play of file.plays) {
      for (const pair of play.node.items) {
        if (isScalar(pair.key) && pair.key.value === 'vars') collectYamlVars(file, pair.value, vars);
      }
    }
  }
  if (file.kind === 'inventory') {
    for (const v of file.ini) {
      const { text, quoted } = iniText(v.raw);
      addVar(vars, v.key, { value: text, quoted, raw: v.raw, path: file.path, line: file.lines.at(v.start).line });
    }
    // YAML inventories: vars maps at any depth (all.vars, group.vars, host entries).
    const visit = (node: unknown, depth: number): void => {
      if (!isMap(node) || depth > 8) return;
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (key === 'vars') collectYamlVars(file, pair.value, vars);
        else if (isMap(pair.value)) visit(pair.value, depth + 1);
      }
    };
    for (const doc of file.yaml ?? []) visit(doc.contents, 0);
  }
}

export function computeFacts(files: readonly LintFile[]): ProjectFacts {
  const vars = new Map<string, VarDefinition[]>();
  let vagrant = false;
  let jinjaNative = false;
  const rootScripts = new Set<string>();
  const rolesThatRefresh = new Set<string>();
  const roleFileRefreshes = new Map<string, boolean>();
  for (const file of files) {
    fileVars(file, vars);
    if (file.kind === 'vagrantfile') {
      vagrant = true;
      const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
      for (const script of file.vagrant?.scripts ?? []) {
        if (script.privileged) rootScripts.add(normalizePath(dir + script.path));
      }
    }
    if (file.kind === 'ansible-cfg' && /^\s*jinja2_native\s*=\s*(?:true|yes|on|1)\s*$/im.test(file.text)) jinjaNative = true;
    if (file.role !== undefined && file.kind === 'tasks' && !file.path.includes('/handlers/')) {
      const refreshes = fileRefreshes(file);
      roleFileRefreshes.set(file.path, refreshes);
      if (refreshes) rolesThatRefresh.add(file.role);
    }
  }

  // Roles applied after a refresh, in every play that applies them; roles applied with become.
  const seenRefreshed = new Map<string, boolean>();
  const rolesWithBecome = new Set<string>();
  const mark = (role: string, refreshed: boolean): void => {
    seenRefreshed.set(role, (seenRefreshed.get(role) ?? true) && refreshed);
  };
  for (const file of files) {
    if (file.kind !== 'playbook') continue;
    for (const play of file.plays) {
      const playTasks = file.tasks.filter((t) => t.play === play).sort((a, b) => a.order - b.order);
      let refreshed = false;
      const runTask = (task: (typeof playTasks)[number]): void => {
        const role = includedRole(task);
        if (role !== undefined) {
          mark(role, refreshed);
          if (task.become === true || play.become === true) rolesWithBecome.add(role);
          if (rolesThatRefresh.has(role)) refreshed = true;
        }
        if (taskEffect(task, file.shell).refresh) refreshed = true;
      };
      for (const task of playTasks.filter((t) => t.section === 'pre_tasks')) runTask(task);
      for (const role of play.roles) {
        mark(role.name, refreshed);
        if (play.become === true) rolesWithBecome.add(role.name);
        if (rolesThatRefresh.has(role.name)) refreshed = true;
      }
      for (const task of playTasks.filter((t) => t.section === 'tasks' || t.section === 'post_tasks')) runTask(task);
    }
  }
  const rolesRefreshedBefore = new Set([...seenRefreshed].filter(([, ok]) => ok).map(([role]) => role));

  // Within a role: task files included from main.yml after something refreshed the cache.
  const roleFilesRefreshedBefore = new Map<string, Set<string>>();
  for (const file of files) {
    if (file.role === undefined || file.kind !== 'tasks' || !/\/tasks\/main\.ya?ml$/.test(file.path)) continue;
    const dir = file.path.slice(0, file.path.lastIndexOf('/') + 1);
    const covered = new Set<string>();
    let refreshed = false;
    for (const task of [...file.tasks].sort((a, b) => a.order - b.order)) {
      const included = includedTaskFile(task);
      if (included !== undefined) {
        if (refreshed) covered.add(included);
        if (roleFileRefreshes.get(normalizePath(dir + included)) === true) refreshed = true;
      }
      if (taskEffect(task, file.shell).refresh) refreshed = true;
    }
    roleFilesRefreshedBefore.set(file.role, covered);
  }

  const partial = { rootScripts, rolesWithBecome };
  const kubeconfigForLoginUser = files.some((file) => kubeconfigCopies(file, partial).some((copy) => copy.owner === 'user'));

  return {
    vars,
    vagrant,
    jinjaNative,
    rolesRefreshedBefore,
    roleFilesRefreshedBefore,
    rolesThatRefresh,
    rolesWithBecome,
    kubeconfigForLoginUser,
    rootScripts,
  };
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
