/**
 * Ansible structure over parsed YAML: plays, tasks (through blocks), the module each task calls,
 * its arguments, inherited keywords (become, when) and execution order. Pure.
 */
import { isMap, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { normalizePath } from './projects';
import type { AnsiblePlay, AnsibleTask, TaskArg, TaskSection } from './types';
import type { YamlDoc } from './yaml-fast';
import { asBool, nodeRange, plain } from './yaml-util';

/** Task keywords (ansible-core 2.14 playbook keywords for tasks and blocks). Anything else is the module. */
const TASK_KEYWORDS = new Set([
  'action',
  'always',
  'any_errors_fatal',
  'args',
  'async',
  'become',
  'become_exe',
  'become_flags',
  'become_method',
  'become_user',
  'block',
  'changed_when',
  'check_mode',
  'collections',
  'connection',
  'debugger',
  'delay',
  'delegate_facts',
  'delegate_to',
  'diff',
  'environment',
  'failed_when',
  'ignore_errors',
  'ignore_unreachable',
  'listen',
  'local_action',
  'loop',
  'loop_control',
  'module_defaults',
  'name',
  'no_log',
  'notify',
  'poll',
  'port',
  'register',
  'remote_user',
  'rescue',
  'retries',
  'run_once',
  'tags',
  'throttle',
  'timeout',
  'until',
  'vars',
  'when',
]);

/** Keywords a block passes down to the tasks inside it. */
const INHERITED = ['become', 'become_user', 'async', 'timeout', 'environment', 'delegate_to'];

const PLAY_KEYS = new Set(['hosts', 'import_playbook', 'ansible.builtin.import_playbook']);

/** `apt` for apt, ansible.builtin.apt, ansible.legacy.apt; `iptables` for ansible.builtin.iptables. */
export function shortModule(name: string): string {
  const parts = name.split('.');
  if (parts.length === 3 && ['ansible', 'community', 'kubernetes'].includes(parts[0] as string))
    return parts[2] as string;
  return name;
}

/** Ansible's key=value free-form arguments (`name=foo update_cache=yes`). */
export function parseKeyValues(text: string): Array<{ key: string; value: string; offset: number; length: number }> {
  const out: Array<{ key: string; value: string; offset: number; length: number }> = [];
  const pattern = /(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\{\{.*?\}\}\S*|\S+)/g;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const raw = m[2] as string;
    const value = /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
    const offset = m.index + m[0].indexOf(m[1] as string);
    out.push({ key: m[1] as string, value, offset, length: m[0].length - (offset - m.index) });
  }
  return out;
}

function pairValue(map: YAMLMap, key: string): unknown {
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) return pair.value;
  }
  return undefined;
}

export function isPlaybook(doc: YamlDoc): boolean {
  const contents = doc.contents;
  if (!isSeq(contents) || contents.items.length === 0) return false;
  return contents.items.some(
    (item) => isMap(item) && item.items.some((p) => isScalar(p.key) && PLAY_KEYS.has(String(p.key.value))),
  );
}

/** A sequence of maps that look like tasks (a module key or a block). */
export function isTaskList(doc: YamlDoc): boolean {
  const contents = doc.contents;
  if (!isSeq(contents) || contents.items.length === 0) return false;
  return contents.items.every((item) => isMap(item)) && !isPlaybook(doc);
}

interface Inherited {
  become: boolean | undefined;
  becomeUser: string | undefined;
  when: string[];
  keywords: Map<string, Pair>;
}

interface Walk {
  tasks: AnsibleTask[];
  order: number;
}

function whenTexts(value: unknown): string[] {
  const v = plain(value);
  if (Array.isArray(v)) return v.map((item) => String(item));
  if (v === null || v === undefined) return [];
  return [String(v)];
}

function readTask(
  map: YAMLMap,
  play: AnsiblePlay | undefined,
  section: TaskSection,
  inherited: Inherited,
  walk: Walk,
): void {
  const keywords = new Map(inherited.keywords);
  let moduleKey: Scalar | undefined;
  let moduleValue: unknown;
  let block: unknown;
  let rescue: unknown;
  let always: unknown;
  let name: string | undefined;
  let ownWhen: string[] = [];
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === 'block') block = pair.value;
    else if (key === 'rescue') rescue = pair.value;
    else if (key === 'always') always = pair.value;
    else if (key === 'name') name = isScalar(pair.value) ? String(pair.value.value) : undefined;
    if (key === 'when') ownWhen = whenTexts(pair.value);
    if (TASK_KEYWORDS.has(key) || key.startsWith('with_')) {
      keywords.set(key, pair as Pair);
    } else if (moduleKey === undefined) {
      moduleKey = pair.key as Scalar;
      moduleValue = pair.value;
    }
  }
  const becomeRaw = keywords.get('become');
  const become = becomeRaw !== undefined ? asBool(plain(becomeRaw.value)) : inherited.become;
  const becomeUserRaw = keywords.get('become_user');
  const becomeUser = becomeUserRaw !== undefined ? String(plain(becomeUserRaw.value)) : inherited.becomeUser;
  const when = [...inherited.when, ...ownWhen];
  if (block !== undefined || rescue !== undefined || always !== undefined) {
    const passed = new Map<string, Pair>();
    for (const key of INHERITED) {
      const pair = keywords.get(key);
      if (pair !== undefined) passed.set(key, pair);
    }
    const next: Inherited = { become, becomeUser, when, keywords: passed };
    for (const list of [block, rescue, always]) readTaskList(list, play, section, next, walk);
    return;
  }
  const args = new Map<string, TaskArg>();
  const addMap = (value: unknown): void => {
    if (!isMap(value)) return;
    for (const pair of value.items) {
      if (!isScalar(pair.key)) continue;
      const keyRange = nodeRange(pair.key);
      const range = nodeRange(pair.value) ?? keyRange;
      if (range === undefined || keyRange === undefined) continue;
      args.set(String(pair.key.value), {
        value: plain(pair.value),
        start: range[0],
        end: range[1],
        keyStart: keyRange[0],
      });
    }
  };
  addMap(moduleValue);
  addMap(keywords.get('args')?.value);
  const moduleName = moduleKey === undefined ? undefined : shortModule(String(moduleKey.value));
  if (
    isScalar(moduleValue) &&
    typeof moduleValue.value === 'string' &&
    !['shell', 'command', 'raw', 'script'].includes(moduleName ?? '')
  ) {
    const range = nodeRange(moduleValue);
    if (range !== undefined) {
      const quoteShift = moduleValue.type === 'QUOTE_DOUBLE' || moduleValue.type === 'QUOTE_SINGLE' ? 1 : 0;
      for (const kv of parseKeyValues(moduleValue.value)) {
        const start = range[0] + quoteShift + kv.offset;
        args.set(kv.key, { value: kv.value, start, end: start + kv.length, keyStart: start });
      }
    }
  }
  const range = nodeRange(map) ?? [0, 0];
  walk.tasks.push({
    node: map,
    start: range[0],
    end: range[1],
    name,
    module: moduleName,
    moduleKey,
    moduleValue,
    args,
    keywords,
    become,
    becomeUser,
    when,
    play,
    section,
    order: walk.order++,
  });
}

function readTaskList(
  list: unknown,
  play: AnsiblePlay | undefined,
  section: TaskSection,
  inherited: Inherited,
  walk: Walk,
): void {
  if (!isSeq(list)) return;
  for (const item of list.items) {
    if (isMap(item)) readTask(item, play, section, inherited, walk);
  }
}

const emptyInherited = (): Inherited => ({ become: undefined, becomeUser: undefined, when: [], keywords: new Map() });

export function readPlaybook(docs: readonly YamlDoc[]): { plays: AnsiblePlay[]; tasks: AnsibleTask[] } {
  const plays: AnsiblePlay[] = [];
  const walk: Walk = { tasks: [], order: 0 };
  for (const doc of docs) {
    const contents = doc.contents;
    if (!isSeq(contents)) continue;
    for (const item of contents.items) {
      if (!isMap(item)) continue;
      const becomeNode = pairValue(item, 'become');
      const becomeUserNode = pairValue(item, 'become_user');
      const roles: Array<{ name: string; start: number; end: number }> = [];
      const rolesNode = pairValue(item, 'roles');
      if (isSeq(rolesNode)) {
        for (const role of rolesNode.items) {
          const nameNode = isMap(role) ? (pairValue(role, 'role') ?? pairValue(role, 'name')) : role;
          const range = nodeRange(nameNode);
          if (isScalar(nameNode) && range !== undefined) {
            const roleName = String(nameNode.value);
            roles.push({ name: roleName.slice(roleName.lastIndexOf('.') + 1), start: range[0], end: range[1] });
          }
        }
      }
      const play: AnsiblePlay = {
        node: item,
        start: nodeRange(item)?.[0] ?? 0,
        order: plays.length,
        become: becomeNode === undefined ? undefined : asBool(plain(becomeNode)),
        becomeUser: becomeUserNode === undefined ? undefined : String(plain(becomeUserNode)),
        roles,
      };
      plays.push(play);
      const inherited: Inherited = { ...emptyInherited(), become: play.become, becomeUser: play.becomeUser };
      // Execution order, whatever the order of the keys: pre_tasks, (roles), tasks, post_tasks, handlers.
      for (const section of ['pre_tasks', 'tasks', 'post_tasks', 'handlers'] as const) {
        readTaskList(pairValue(item, section), play, section, inherited, walk);
      }
    }
  }
  return { plays, tasks: walk.tasks };
}

export function readTaskFile(docs: readonly YamlDoc[], section: TaskSection): AnsibleTask[] {
  const walk: Walk = { tasks: [], order: 0 };
  for (const doc of docs) readTaskList(doc.contents, undefined, section, emptyInherited(), walk);
  return walk.tasks;
}

/** The string argument of a task, or undefined. */
export function stringArg(task: AnsibleTask, key: string): string | undefined {
  const value = task.args.get(key)?.value;
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Name of a role included by include_role/import_role, if the task is one. */
export function includedRole(task: AnsibleTask): string | undefined {
  if (task.module !== 'include_role' && task.module !== 'import_role') return undefined;
  const name = stringArg(task, 'name');
  return name === undefined ? undefined : name.slice(name.lastIndexOf('.') + 1);
}

/** File included by include_tasks/import_tasks, if the task is one. */
export function includedTaskFile(task: AnsibleTask): string | undefined {
  if (task.module !== 'include_tasks' && task.module !== 'import_tasks' && task.module !== 'include') return undefined;
  if (isScalar(task.moduleValue) && typeof task.moduleValue.value === 'string') return task.moduleValue.value.trim();
  return stringArg(task, 'file');
}

/**
 * The path of a task file an `import_tasks` / `include_tasks` in `from` names: relative to the including file's
 * folder (a playbook's, or a role's tasks/), as Ansible looks it up first.
 */
export function includedPath(from: string, included: string): string {
  return normalizePath(from.slice(0, from.lastIndexOf('/') + 1) + included);
}

/**
 * Whether the task file an include in `from` names is one of `paths`: the path relative to the including file's
 * folder, else (Ansible also searches the playbook's folder) a path of the project that ends with the name as
 * written (`tasks/common.yml`). Names with Jinja or `..` only match the first way.
 */
export function includesOneOf(paths: ReadonlySet<string>, from: string, included: string): boolean {
  if (paths.size === 0) return false;
  if (paths.has(includedPath(from, included))) return true;
  const tail = normalizePath(included);
  if (tail.startsWith('../') || included.trim().startsWith('/') || tail.includes('{{')) return false;
  for (const path of paths) if (path === tail || path.endsWith(`/${tail}`)) return true;
  return false;
}
