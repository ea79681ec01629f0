/**
 * One parse per file: text -> LintFile (YAML documents, Ansible plays/tasks, shell bodies with their
 * commands, text regions, netplan gateways, Vagrant model, INI variables). Rules only read this.
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import { isPlaybook, isTaskList, readPlaybook, readTaskFile } from './ansible';
import { classifyPath, hasShellShebang, type PathKind, roleOf } from './classify';
import { isCniManifest, isGoTemplate, isKubernetesManifest } from './foreign';
import { readIniInventory } from './ini';
import { embeddedNetplan, netplanGateways } from './netplan';
import { lineIndex } from './position';
import { lexRuby } from './ruby';
import { lexShell, nestedSources, type ShellCommand, type ShellWord } from './shell';
import type { AnsibleTask, FileKind, LintError, LintFile, NetplanGateway, ShellBody, TextRegion } from './types';
import { readVagrantfile } from './vagrant';
import { type SiblingReader, vagrantInputs } from './vagrant-inputs';
import type { YamlDoc } from './yaml-fast';
import { nodeRange, parseYaml, scalarSourceForShell, walkScalars } from './yaml-util';

const SHELL_MODULES = new Set(['shell', 'command', 'raw']);

function shiftCommand(command: ShellCommand, base: number): ShellCommand {
  const shift = (word: ShellWord): ShellWord => ({ value: word.value, start: word.start + base, end: word.end + base });
  return {
    words: command.words.map(shift),
    redirects: command.redirects.map((r) => ({
      op: r.op,
      target: r.target === undefined ? undefined : shift(r.target),
    })),
    start: command.start + base,
    end: command.end + base,
    piped: command.piped,
    ...(command.nested === undefined ? {} : { nested: command.nested }),
  };
}

/**
 * The commands of a shell text, with the commands that they run nested in place (a heredoc fed to
 * `sudo -u vagrant bash`, `bash -c "..."`, `ssh node "..."`), offsets relative to `text` + `base`.
 */
function commandsWithNested(
  text: string,
  base: number,
  depth: number,
  nested: ShellCommand['nested'],
): { commands: ShellCommand[]; lex: ReturnType<typeof lexShell> } {
  const lex = lexShell(text);
  const commands: ShellCommand[] = [];
  let docIndex = 0;
  for (const command of lex.commands) {
    const own = nested === undefined ? command : { ...command, nested };
    commands.push(shiftCommand(own, base));
    const docs = command.redirects.filter((r) => r.op === '<<').length;
    const heredoc = docs > 0 ? lex.heredocs[docIndex] : undefined;
    docIndex += docs;
    if (depth >= 3) continue;
    for (const source of nestedSources(command, text, heredoc)) {
      const inner = commandsWithNested(text.slice(source.start, source.end), base + source.start, depth + 1, {
        user: source.user ?? nested?.user,
        remote: source.remote || nested?.remote === true,
      });
      commands.push(...inner.commands);
    }
  }
  return { commands, lex };
}

/** Lexes `text` found at `start` in the file into a ShellBody with file offsets. */
export function shellBody(
  text: string,
  start: number,
  origin: ShellBody['origin'],
  runsAsRoot: boolean | undefined,
  task?: AnsibleTask,
): ShellBody {
  const { commands, lex } = commandsWithNested(text, start, 0, undefined);
  const body: ShellBody = {
    start,
    end: start + text.length,
    masked: lex.masked,
    commands,
    heredocs: lex.heredocs.map((h) => ({ start: h.start + start, end: h.end + start })),
    origin,
    runsAsRoot,
  };
  if (task !== undefined) body.task = task;
  return body;
}

function emptyFile(path: string, kind: FileKind, text: string): LintFile {
  return {
    path,
    kind,
    text,
    lines: lineIndex(text),
    role: roleOf(path)?.role,
    yaml: undefined,
    plays: [],
    tasks: [],
    shell: [],
    regions: [],
    netplan: [],
    vagrant: undefined,
    ini: [],
    templateTarget: undefined,
  };
}

function taskRunsAsRoot(task: AnsibleTask): boolean | undefined {
  if (task.become === true) return task.becomeUser === undefined || task.becomeUser === 'root';
  return task.become === false ? false : undefined;
}

/** Shell bodies of shell/command/raw tasks (free form, `cmd:`, or `argv:`). */
function taskShellBodies(text: string, tasks: readonly AnsibleTask[]): { bodies: ShellBody[]; consumed: Set<number> } {
  const bodies: ShellBody[] = [];
  const consumed = new Set<number>();
  for (const task of tasks) {
    if (task.module === undefined || !SHELL_MODULES.has(task.module)) continue;
    const asRoot = taskRunsAsRoot(task);
    let scalar: Scalar | undefined;
    if (isScalar(task.moduleValue)) scalar = task.moduleValue;
    const holders = [task.moduleValue, task.keywords.get('args')?.value];
    for (const holder of holders) {
      if (!isMap(holder)) continue;
      for (const pair of holder.items) {
        if (!isScalar(pair.key)) continue;
        if (pair.key.value === 'cmd' && isScalar(pair.value)) scalar = pair.value;
        if (pair.key.value === 'argv' && isSeq(pair.value)) {
          const words: ShellWord[] = [];
          for (const item of pair.value.items) {
            const range = nodeRange(item);
            if (isScalar(item) && range !== undefined) {
              words.push({ value: String(item.value), start: range[0], end: range[1] });
              consumed.add(range[0]);
            }
          }
          const first = words[0];
          const last = words[words.length - 1];
          if (first !== undefined && last !== undefined) {
            bodies.push({
              start: first.start,
              end: last.end,
              masked: text.slice(first.start, last.end),
              commands: [{ words, redirects: [], start: first.start, end: last.end, piped: false }],
              heredocs: [],
              origin: 'task',
              task,
              runsAsRoot: asRoot,
            });
          }
        }
      }
    }
    if (scalar === undefined || typeof scalar.value !== 'string') continue;
    const source = scalarSourceForShell(text, scalar);
    if (source === undefined) continue;
    consumed.add(nodeRange(scalar)?.[0] ?? -1);
    bodies.push(shellBody(source.text, source.start, 'task', asRoot, task));
  }
  return { bodies, consumed };
}

function taskAt(sorted: readonly AnsibleTask[], offset: number): AnsibleTask | undefined {
  let lo = 0;
  let hi = sorted.length - 1;
  let found: AnsibleTask | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const task = sorted[mid] as AnsibleTask;
    if (task.start <= offset) {
      found = task;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found !== undefined && offset < found.end ? found : undefined;
}

function refineYamlKind(kind: PathKind, docs: readonly YamlDoc[]): FileKind {
  const first = docs[0];
  const hasNetwork = docs.some(
    (d) => isMap(d.contents) && d.contents.items.some((p) => isScalar(p.key) && p.key.value === 'network'),
  );
  if (kind === 'netplan' || (kind === 'yaml-unknown' && hasNetwork)) return 'netplan';
  if (kind !== 'yaml-unknown') return kind as FileKind;
  if (first === undefined) return 'yaml';
  if (docs.some((d) => isPlaybook(d))) return 'playbook';
  if (docs.every((d) => isTaskList(d) || d.contents === null)) return 'tasks';
  const root = first.contents;
  if (isMap(root) && root.items.some((p) => isScalar(p.key) && p.key.value === 'all') && docs.length === 1) {
    const all = root.items.find((p) => isScalar(p.key) && p.key.value === 'all')?.value;
    if (
      isMap(all) &&
      all.items.some((p) => isScalar(p.key) && ['hosts', 'children', 'vars'].includes(String(p.key.value)))
    ) {
      return 'inventory';
    }
  }
  return 'yaml';
}

/** A file that turned out not to be ours (reported with -v, never an error). */
export interface SkippedFile {
  path: string;
  skipped: string;
}

/** Text that looks like an Ansible playbook or task list even when it does not parse. */
const LOOKS_ANSIBLE = /^-[ \t]+(?:hosts|import_playbook|include_tasks|import_tasks|name|become|gather_facts)[ \t]*:/m;

function parseYamlFile(path: string, text: string, pathKind: PathKind): LintFile | LintError | SkippedFile {
  if (pathKind === 'yaml-unknown' || pathKind === 'yaml') {
    if (isGoTemplate(text)) return { path, skipped: 'Go template (Helm or similar), not Ansible YAML' };
    if (isKubernetesManifest(text)) {
      if (isCniManifest(text)) return emptyFile(path, 'cni-manifest', text);
      return { path, skipped: 'Kubernetes manifest, not node configuration' };
    }
  }
  const { docs, error } = parseYaml(text);
  if (error !== undefined && (pathKind === 'yaml-unknown' || pathKind === 'yaml') && !LOOKS_ANSIBLE.test(text)) {
    return { path, skipped: 'not valid YAML and not recognisably Ansible' };
  }
  if (error !== undefined) {
    const at = lineIndex(text).at(error.offset);
    return { path, line: at.line, column: at.column, message: `YAML syntax: ${error.message.split('\n')[0] ?? ''}` };
  }
  const kind = refineYamlKind(pathKind, docs);
  const file = emptyFile(path, kind, text);
  file.yaml = docs;
  if (kind === 'playbook') {
    const read = readPlaybook(docs);
    file.plays = read.plays;
    file.tasks = read.tasks;
  } else if (kind === 'tasks') {
    file.tasks = readTaskFile(docs, path.includes('/handlers/') ? 'handlers' : 'file');
  }
  const { bodies, consumed } = taskShellBodies(text, file.tasks);
  const sortedTasks = [...file.tasks].sort((a, b) => a.start - b.start);
  const regions: TextRegion[] = [];
  for (const body of bodies) {
    const region: TextRegion = { start: body.start, text: body.masked, origin: 'shell' };
    if (body.task !== undefined) region.task = body.task;
    regions.push(region);
  }
  const netplan: NetplanGateway[] = [];
  for (const doc of docs) {
    if (kind === 'netplan') netplan.push(...netplanGateways(doc));
    walkScalars(doc.contents, ({ node, path: keyPath, isKey }) => {
      if (isKey || typeof node.value !== 'string') return;
      const range = nodeRange(node);
      if (range === undefined || consumed.has(range[0])) return;
      const region: TextRegion = {
        start: range[0],
        text: text.slice(range[0], range[1]),
        origin: 'yaml-scalar',
        keyPath,
      };
      const task = sortedTasks.length > 0 ? taskAt(sortedTasks, range[0]) : undefined;
      if (task !== undefined) region.task = task;
      regions.push(region);
      if (kind !== 'netplan' && node.value.includes('network:')) {
        const source = scalarSourceForShell(text, node);
        if (source !== undefined && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
          netplan.push(...embeddedNetplan(text.slice(source.start, range[1]), source.start));
        }
      }
    });
  }
  for (const body of bodies) {
    for (const heredoc of body.heredocs)
      netplan.push(...embeddedNetplan(text.slice(heredoc.start, heredoc.end), heredoc.start));
  }
  file.shell = bodies;
  file.regions = regions;
  file.netplan = netplan;
  return file;
}

function parseVagrantfile(path: string, text: string, readSibling: SiblingReader | undefined): LintFile {
  const file = emptyFile(path, 'vagrantfile', text);
  const tokens = lexRuby(text);
  const { inputs, texts } = vagrantInputs(text, tokens, readSibling);
  const read = readVagrantfile(tokens, inputs);
  file.vagrant = {
    ...read.model,
    hostOnlyRangeDocumented: [text, ...texts].some((t) => /\/etc\/vbox\/networks\.conf|\bnetworks\.conf\b/.test(t)),
  };
  const inlineStarts = new Set(read.inline.map((i) => i.token.start));
  const bodies = read.inline.map(({ token, privileged }) =>
    shellBody(text.slice(token.contentStart, token.contentEnd), token.contentStart, 'vagrant-inline', privileged),
  );
  const regions: TextRegion[] = bodies.map((b) => ({ start: b.start, text: b.masked, origin: 'shell' }));
  for (const token of read.strings) {
    if (inlineStarts.has(token.start)) continue;
    regions.push({
      start: token.contentStart,
      text: text.slice(token.contentStart, token.contentEnd),
      origin: 'ruby-string',
    });
  }
  file.shell = bodies;
  file.regions = regions;
  file.netplan = bodies.flatMap((b) => b.heredocs.flatMap((h) => embeddedNetplan(text.slice(h.start, h.end), h.start)));
  return file;
}

function parseShellFile(path: string, text: string): LintFile {
  const file = emptyFile(path, 'shell', text);
  const body = shellBody(text, 0, 'script', undefined);
  file.shell = [body];
  file.regions = [{ start: 0, text: body.masked, origin: 'shell' }];
  file.netplan = body.heredocs.flatMap((h) => embeddedNetplan(text.slice(h.start, h.end), h.start));
  return file;
}

function parseTemplate(path: string, text: string): LintFile {
  const file = emptyFile(path, 'template', text);
  const base = path.slice(path.lastIndexOf('/') + 1);
  const target = base.replace(/\.(j2|jinja2|jinja)$/, '');
  file.templateTarget = target;
  const withoutComments = text.replace(/\{#[\s\S]*?#\}/g, (c) => c.replace(/[^\n]/g, ' '));
  if (/\.(sh|bash)$/.test(target) || hasShellShebang(text)) {
    const body = shellBody(withoutComments, 0, 'template', undefined);
    file.shell = [body];
    file.regions = [{ start: 0, text: body.masked, origin: 'template' }];
  } else {
    file.regions = [{ start: 0, text: withoutComments, origin: 'template' }];
    if (/\.ya?ml$/.test(target) || /netplan/.test(path)) file.netplan = embeddedNetplan(text, 0);
  }
  return file;
}

function parseIni(path: string, text: string): LintFile {
  const file = emptyFile(path, 'inventory', text);
  file.ini = readIniInventory(text);
  file.regions = file.ini.map((v) => ({
    start: v.start,
    text: text.slice(v.start, v.end),
    origin: 'ini-value',
    keyPath: [v.key],
  }));
  return file;
}

/**
 * Parses one file. `kind` comes from classifyPath; returns a LintError for unparseable input,
 * or undefined when the file turns out not to be something lint reads (an extensionless file
 * without a shell shebang).
 */
export function parseFile(
  path: string,
  text: string,
  kind: PathKind,
  readSibling?: SiblingReader,
): LintFile | LintError | SkippedFile | undefined {
  switch (kind) {
    case 'vagrantfile':
      return parseVagrantfile(path, text, readSibling);
    case 'shell':
      return parseShellFile(path, text);
    case 'maybe-shell':
      return hasShellShebang(text) ? parseShellFile(path, text) : undefined;
    case 'template':
      return parseTemplate(path, text);
    case 'ansible-cfg':
      return emptyFile(path, 'ansible-cfg', text);
    case 'cni-manifest':
      return emptyFile(path, 'cni-manifest', text);
    case 'inventory':
      if (/\.ya?ml$/.test(path) || /^\s*(---|all:)/.test(text)) return parseYamlFile(path, text, 'inventory');
      return parseIni(path, text);
    case 'vars':
    case 'tasks':
    case 'playbook':
    case 'netplan':
    case 'yaml':
    case 'yaml-unknown':
      return parseYamlFile(path, text, kind);
  }
}

export function isLintError(value: LintFile | LintError | SkippedFile): value is LintError {
  return (value as LintFile).kind === undefined && (value as SkippedFile).skipped === undefined;
}

export function isSkipped(value: LintFile | LintError | SkippedFile): value is SkippedFile {
  return (value as SkippedFile).skipped !== undefined;
}

export { classifyPath };
