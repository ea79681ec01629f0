/**
 * Project facts: what rules need to know about other files (variable values, which roles run
 * after an apt refresh or under become, whether a login user gets a kubeconfig somewhere, which
 * scripts Vagrant runs as root). Computed once from every parsed file, before the rules run. Pure.
 */
import { isMap, isScalar } from 'yaml';
import { includedRole, includedTaskFile, includesOneOf } from './ansible';
import { fileRefreshes, taskEffect } from './apt';
import { appliesCni, KUBEADM_POD_CIDR_SOURCES, patchedInterfaceChoice, vagrantAddress } from './cni';
import { configuresContainerd, installsOtherRuntime, kubeadmMinors } from './containerd';
import { bodyRefreshes, joinFilesWritten, joinFilesWrittenByTasks, refreshingFunctions } from './dataflow';
import { iniText } from './ini';
import { kubeconfigCopies } from './kubeconfig';
import { blankCommentLines } from './match';
import { assignProjects, normalizePath } from './projects';
import { HOLE } from './ruby-eval';
import type { AnsibleTask, LintFile, PrivateNetworkAddress, ProjectFacts, VarDefinition } from './types';
import { providersAll, provisionerRuns } from './vagrant';
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

/** A step of a play or of a role's main.yml, in execution order, as far as facts care. */
type Step = { kind: 'refresh' } | { kind: 'role'; name: string; become: boolean } | { kind: 'include'; file: string };

/**
 * What one file contributes to the project facts: plain data (structured-clone safe), so that
 * files parsed in different worker threads can be merged in one place.
 */
export interface FileFacts {
  path: string;
  kind: string;
  /** Vagrantfiles: relative paths they name (project links). */
  refs: string[];
  vars: Array<[string, VarDefinition]>;
  vagrant: boolean;
  /** Script paths (relative to the lint cwd) run by privileged Vagrant provisioners. */
  rootScripts: string[];
  /** Script paths run by Vagrant provisioners with privileged: false (as the login user). */
  userScripts: string[];
  jinjaNative: boolean;
  /** For role task files: the role's name (whether the file refreshes the apt cache is tasksRefresh). */
  roleTasks: { role: string } | undefined;
  /** Task files (in a role or not, handlers left out): the file refreshes the apt cache somewhere. */
  tasksRefresh: boolean;
  /** For playbooks: each play's steps. */
  plays: Step[][];
  /** For a role's tasks/main.yml: its steps. */
  roleMain: { role: string; dir: string; steps: Step[] } | undefined;
  /** Owners of admin.conf copies, depending on whether the file's role/script runs as root. */
  copiesIfRoot: string[];
  copiesOtherwise: string[];
  /** Copies admin.conf to $HOME / ~ (the home of whoever runs it). */
  copiesToHome: boolean;
  joinScripts: string[];
  refreshingFunctions: string[];
  /** Shell scripts: the file refreshes the apt cache at its top level. */
  scriptRefreshes: boolean;
  /** Vagrantfiles: provisioners in order, each a script path (relative to cwd) or an inline body's refresh. */
  provisioners: Array<({ script: string } | { refreshes: boolean }) & { scope: number; branch: number }>;
  secondNic: boolean;
  advertiseAddressSet: boolean;
  nodeIpSet: boolean;
  /** Writes /etc/hosts (so a node's hostname resolves to the address written there). */
  writesHosts: boolean;
  /** A Vagrantfile that uses the libvirt provider and not VirtualBox. */
  libvirt: boolean;
  /** YAML file paths the file names (`kubectl apply -f /vagrant/calico.yaml`, `src: calico/3.15/calico.yaml`), URLs left out. */
  yamlMentions: string[];
  /** Static private_network addresses (Vagrantfiles). */
  privateNetworks: PrivateNetworkAddress[];
  /** Vagrantfiles: machines defined (1 for the default machine alone, 2 for several); 0 for other files. */
  machines: number;
  /** A Vagrantfile that configures only providers other than VirtualBox. */
  notVirtualbox: boolean;
  /** The file applies a CNI (see cni.ts). */
  cniApplied: boolean;
  /** The file gives kubeadm a pod CIDR (--pod-network-cidr, podSubnet:), literal or not. */
  kubeadmPodCidr: boolean;
  /** Literal pod CIDRs the file writes (kubeadm flag, podSubnet, a variable named after the pod network). */
  podCidrs: string[];
  /** The file opens a shell in an LXD/Incus container (`lxc exec NODE -- bash ...`), where the login is root. */
  containerExec: boolean;
  /** The file patches an interface choice into a CNI manifest or DaemonSet (see cni.ts). */
  cniInterfacePatched: { flannel: boolean; calico: boolean };
  /** The file writes or edits containerd's config, or sets the kubelet to cgroupfs (see containerd.ts). */
  containerdConfigured: boolean;
  /** The file installs Docker or CRI-O (the kubelet may not use containerd). */
  otherRuntime: boolean;
  /** The file runs or installs kubeadm. */
  kubeadm: boolean;
  /** Kubernetes minor versions the file pins for kubeadm (1.23.0-00 -> 23). */
  kubeadmMinors: number[];
}

/** Providers other than VirtualBox named in a Vagrantfile (`config.vm.provider :docker`). */
const OTHER_PROVIDER =
  /\bprovider\b[\s(]*[:"']?(?:libvirt|vmware_desktop|vmware_fusion|vmware_workstation|hyperv|parallels|docker|qemu|lxc)\b/;

/**
 * /etc/hosts written on the node (so the hostname can resolve to the private address): a redirection or
 * tee, a copied hosts file (`cp /vagrant/files/hosts /etc/hosts`), an Ansible copy/template/lineinfile/
 * blockinfile (`dest: /etc/hosts`, `dest=/etc/hosts`), `sed -e ... -i /etc/hosts`, a Vagrant file provisioner,
 * vagrant-hostmanager, vagrant-hosts (`provision :hosts`).
 */
const WRITES_HOSTS =
  />>?\s*\/etc\/hosts\b|tee\s+(?:-a\s+)?\/etc\/hosts\b|(?:path|dest|destination)\s*[:=]\s*["']?\/etc\/hosts\b|hostmanager\.enabled|\.provision\s*\(?\s*[:"']hosts\b|\bsed\s[^\n]*-i\b[^\n]*\/etc\/hosts|\b(?:cp|mv|install)\s+(?:-\S+\s+)*(?:\S+\s+\/etc\/hosts\b|\S*\/hosts\s+\/etc\/?(?=\s|$))/m;

/** A shell opened in an LXD/Incus system container: `lxc exec node -- bash script`, `incus shell node`. */
const CONTAINER_EXEC = /\b(?:lxc|incus)\s+(?:exec|shell)\b/;

/** kubeadm's advertise address given explicitly: a flag, a kubeadm config field, a templated init. */
const ADVERTISE_SET =
  /--apiserver-advertise-address|advertiseAddress\s*:|--control-plane-endpoint|controlPlaneEndpoint\s*:/;
/** kubelet's node IP given explicitly. */
const NODE_IP_SET = /--node-ip|node-ip\s*[:=]|nodeIP\s*:|KUBELET_EXTRA_ARGS=.*node-ip/;

function taskSteps(tasks: readonly AnsibleTask[], file: LintFile, becomeDefault: boolean): Step[] {
  const steps: Step[] = [];
  for (const task of [...tasks].sort((a, b) => a.order - b.order)) {
    const role = includedRole(task);
    if (role !== undefined) steps.push({ kind: 'role', name: role, become: task.become === true || becomeDefault });
    const included = includedTaskFile(task);
    if (included !== undefined) steps.push({ kind: 'include', file: included });
    if (taskEffect(task, file.shell).refresh) steps.push({ kind: 'refresh' });
  }
  return steps;
}

/**
 * Private networks of a Vagrantfile. When the `ip:` is computed (`ip: node[:ip]`), the addresses
 * written in the node table (`ip: "192.168.56.10"`, `:ip => "..."`) stand for it.
 */
function vagrantPrivateNetworks(file: LintFile): PrivateNetworkAddress[] {
  const out: PrivateNetworkAddress[] = [];
  let computed = false;
  for (const network of file.vagrant?.networks ?? []) {
    if (network.type !== 'private_network') continue;
    const evaluated = (network.addresses ?? [])
      .map((a) => a.replaceAll(HOLE, '#{}'))
      .filter((a) => vagrantAddress(a) !== undefined);
    if (evaluated.length > 0) {
      // Cite where the address is written (a constant, a machine table) when it is written in full.
      for (const ip of new Set(evaluated)) {
        const written = ip.includes('#{') ? -1 : file.text.search(new RegExp(`["']${ip.replaceAll('.', '\\.')}["']`));
        const line = file.lines.at(written >= 0 ? written : (network.ipStart ?? network.start)).line;
        out.push({ ip, path: file.path, line });
      }
      continue;
    }
    const ip = network.options.get('ip');
    const literal = ip !== undefined && /^\d/.test(ip.value);
    if (!literal && network.options.get('type')?.value !== 'dhcp') computed = true;
    out.push({ ip: literal ? ip.value : '', path: file.path, line: file.lines.at(ip?.start ?? network.start).line });
  }
  if (computed) {
    for (const m of file.text.matchAll(/(?:\bip:|[:'"]ip['"]?\s*=>)\s*["'](\d{1,3}(?:\.\d{1,3}){2}\.[^"'\s]+)["']/g)) {
      out.push({ ip: m[1] as string, path: file.path, line: file.lines.at(m.index).line });
    }
  }
  return out;
}

export function fileFacts(file: LintFile): FileFacts {
  const vars = new Map<string, VarDefinition[]>();
  fileVars(file, vars);
  const rootScripts: string[] = [];
  const userScripts: string[] = [];
  if (file.kind === 'vagrantfile') {
    const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
    for (const script of file.vagrant?.scripts ?? []) {
      if (script.privileged) rootScripts.push(normalizePath(dir + script.path));
      else userScripts.push(normalizePath(dir + script.path));
    }
  }
  const plays: Step[][] = [];
  if (file.kind === 'playbook') {
    for (const play of file.plays) {
      const tasks = file.tasks.filter((t) => t.play === play);
      const become = play.become === true;
      plays.push([
        ...taskSteps(
          tasks.filter((t) => t.section === 'pre_tasks'),
          file,
          become,
        ),
        ...play.roles.map((role): Step => ({ kind: 'role', name: role.name, become })),
        ...taskSteps(
          tasks.filter((t) => t.section === 'tasks' || t.section === 'post_tasks'),
          file,
          become,
        ),
      ]);
    }
  }
  const isTasks = file.kind === 'tasks' && !file.path.includes('/handlers/');
  const isRoleTasks = isTasks && file.role !== undefined;
  const tasksRefresh = isTasks && fileRefreshes(file);
  const owners = (asRoot: boolean): string[] =>
    kubeconfigCopies(file, {
      rolesWithBecome: new Set(asRoot && file.role !== undefined ? [file.role] : []),
      rootScripts: new Set(asRoot ? [file.path] : []),
    }).map((copy) => copy.owner);
  const mentionsAdminConf = file.text.includes('admin.conf');
  const uncommented = blankCommentLines(file.text);
  return {
    path: file.path,
    kind: file.kind,
    refs: [...(file.vagrant?.refs ?? [])],
    vars: [...vars].flatMap(([name, list]) => list.map((d): [string, VarDefinition] => [name, d])),
    vagrant: file.kind === 'vagrantfile',
    rootScripts,
    userScripts,
    jinjaNative: file.kind === 'ansible-cfg' && /^\s*jinja2_native\s*=\s*(?:true|yes|on|1)\s*$/im.test(file.text),
    roleTasks: isRoleTasks && file.role !== undefined ? { role: file.role } : undefined,
    tasksRefresh,
    plays,
    roleMain:
      isRoleTasks && file.role !== undefined && /\/tasks\/main\.ya?ml$/.test(file.path)
        ? {
            role: file.role,
            dir: file.path.slice(0, file.path.lastIndexOf('/') + 1),
            steps: taskSteps(file.tasks, file, false),
          }
        : undefined,
    copiesIfRoot: mentionsAdminConf ? owners(true) : [],
    copiesOtherwise: mentionsAdminConf ? owners(false) : [],
    copiesToHome:
      mentionsAdminConf &&
      kubeconfigCopies(file, { rolesWithBecome: new Set(), rootScripts: new Set() }).some((c) =>
        /^(?:\$\{?HOME\}?|~)(?:\/|$)/.test(c.dest),
      ),
    joinScripts: file.text.includes('join')
      ? [...file.shell.flatMap(joinFilesWritten), ...joinFilesWrittenByTasks(file)]
      : [],
    refreshingFunctions: file.shell.length > 0 && file.text.includes('update') ? refreshingFunctions(file.text) : [],
    scriptRefreshes: file.kind === 'shell' && file.shell.some(bodyRefreshes),
    provisioners: vagrantProvisioners(file),
    secondNic: (file.vagrant?.networks ?? []).some((n) => n.type === 'private_network' || n.type === 'public_network'),
    // A commented-out flag sets nothing (qxmips: `#echo 'Environment="KUBELET_EXTRA_ARGS=--node-ip=...'`).
    advertiseAddressSet: ADVERTISE_SET.test(uncommented),
    nodeIpSet: NODE_IP_SET.test(uncommented),
    writesHosts: WRITES_HOSTS.test(uncommented),
    libvirt:
      file.kind === 'vagrantfile' &&
      (/provider\s*[:"']libvirt/.test(file.text) || providersAll(file.vagrant, (p) => p === 'libvirt')) &&
      !/virtualbox/i.test(file.text),
    yamlMentions: file.kind === 'cni-manifest' ? [] : yamlMentions(file.text),
    privateNetworks: vagrantPrivateNetworks(file),
    machines: file.vagrant === undefined ? 0 : Math.max(1, file.vagrant.machines ?? 1),
    notVirtualbox:
      file.kind === 'vagrantfile' &&
      (OTHER_PROVIDER.test(file.text) || providersAll(file.vagrant, (p) => p !== 'virtualbox')) &&
      !/\bvirtualbox\b/.test(file.text),
    cniApplied: appliesCni(file),
    cniInterfacePatched: patchedInterfaceChoice(file),
    kubeadmPodCidr: /--pod-network-cidr\b|\bpodSubnet:/.test(uncommented),
    podCidrs: literalPodCidrs(file.text),
    containerExec: file.shell.length > 0 && CONTAINER_EXEC.test(file.text),
    containerdConfigured: /containerd|cgroup/i.test(file.text) && configuresContainerd(file.text),
    otherRuntime: installsOtherRuntime(file.text),
    kubeadm: /\bkubeadm\b/.test(file.text),
    kubeadmMinors: kubeadmMinors(file.text),
  };
}

/** The literal pod CIDRs kubeadm is given in this file (cni.ts KUBEADM_POD_CIDR_SOURCES). */
function literalPodCidrs(text: string): string[] {
  if (!/pod|cluster_cidr/i.test(text)) return [];
  const uncommented = blankCommentLines(text);
  return KUBEADM_POD_CIDR_SOURCES.flatMap(({ re }) => [...uncommented.matchAll(re)].map((m) => m[1] as string));
}

const YAML_PATH = /[\w./$-]+\.ya?ml\b/g;

function yamlMentions(text: string): string[] {
  if (!/\.ya?ml\b/.test(text)) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(YAML_PATH)) {
    if (m[0].startsWith('//')) continue; // the tail of a URL
    // A Vagrant file provisioner uploads it (`provision "file", source: "calico.yaml"`): that applies nothing.
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (/\.provision\s*\(?\s*[:"']file\b/.test(text.slice(lineStart, m.index))) continue;
    out.add(m[0].replace(/^\.\//, ''));
  }
  return [...out];
}

function vagrantProvisioners(file: LintFile): FileFacts['provisioners'] {
  if (file.vagrant === undefined) return [];
  const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
  return file.vagrant.provisioners.map((p) => {
    if (p.kind === 'script') return { script: normalizePath(dir + p.path), scope: p.scope, branch: p.branch };
    const body = file.shell.find((b) => b.start === p.start);
    return { refreshes: body !== undefined && bodyRefreshes(body), scope: p.scope, branch: p.branch };
  });
}

export function mergeFacts(parts: readonly FileFacts[]): ProjectFacts {
  const vars = new Map<string, VarDefinition[]>();
  const rootScripts = new Set<string>();
  const userScripts = new Set<string>();
  const rolesThatRefresh = new Set<string>();
  const roleFileRefreshes = new Map<string, boolean>();
  let vagrant = false;
  let jinjaNative = false;
  const joinScripts = new Set<string>();
  const refreshingFunctionNames = new Set<string>();
  const refreshingScripts = new Set<string>();
  const refreshingPaths = new Set<string>();
  const taskFilesThatRefresh = new Set<string>();
  let vagrantSecondNic = false;
  let advertiseAddressSet = false;
  let nodeIpSet = false;
  let writesHosts = false;
  let libvirt = false;
  const mentions = new Set<string>();
  let machines = 0;
  let vagrantfiles = 0;
  let notVirtualbox = 0;
  for (const part of parts) {
    machines = Math.max(machines, part.machines);
    if (part.machines > 0) vagrantfiles++;
    if (part.notVirtualbox) notVirtualbox++;
    writesHosts ||= part.writesHosts;
    libvirt ||= part.libvirt;
    for (const m of part.yamlMentions) mentions.add(m);
    for (const name of part.joinScripts) joinScripts.add(name);
    for (const name of part.refreshingFunctions) refreshingFunctionNames.add(name);
    if (part.scriptRefreshes) {
      refreshingScripts.add(part.path.slice(part.path.lastIndexOf('/') + 1));
      refreshingPaths.add(part.path);
    }
    vagrantSecondNic ||= part.secondNic;
    advertiseAddressSet ||= part.advertiseAddressSet;
    nodeIpSet ||= part.nodeIpSet;
    for (const [name, definition] of part.vars) addVar(vars, name, definition);
    for (const script of part.rootScripts) rootScripts.add(script);
    for (const script of part.userScripts) userScripts.add(script);
    vagrant ||= part.vagrant;
    jinjaNative ||= part.jinjaNative;
    if (part.tasksRefresh) taskFilesThatRefresh.add(part.path);
    if (part.roleTasks !== undefined) {
      roleFileRefreshes.set(part.path, part.tasksRefresh);
      if (part.tasksRefresh) rolesThatRefresh.add(part.roleTasks.role);
    }
  }

  // Roles applied after a refresh, in every play that applies them; roles applied with become.
  const seenRefreshed = new Map<string, boolean>();
  const rolesWithBecome = new Set<string>();
  for (const part of parts) {
    for (const steps of part.plays) {
      let refreshed = false;
      for (const step of steps) {
        if (step.kind === 'refresh') refreshed = true;
        if (step.kind === 'include' && includesOneOf(taskFilesThatRefresh, part.path, step.file)) refreshed = true;
        if (step.kind !== 'role') continue;
        seenRefreshed.set(step.name, (seenRefreshed.get(step.name) ?? true) && refreshed);
        if (step.become) rolesWithBecome.add(step.name);
        if (rolesThatRefresh.has(step.name)) refreshed = true;
      }
    }
  }
  const rolesRefreshedBefore = new Set([...seenRefreshed].filter(([, ok]) => ok).map(([role]) => role));

  // Within a role: task files included from main.yml after something refreshed the cache.
  const roleFilesRefreshedBefore = new Map<string, Set<string>>();
  for (const part of parts) {
    if (part.roleMain === undefined) continue;
    const { role, dir, steps } = part.roleMain;
    const covered = new Set<string>();
    let refreshed = false;
    for (const step of steps) {
      if (step.kind === 'refresh') refreshed = true;
      if (step.kind !== 'include') continue;
      if (refreshed) covered.add(step.file);
      if (roleFileRefreshes.get(normalizePath(dir + step.file)) === true) refreshed = true;
    }
    roleFilesRefreshedBefore.set(role, covered);
  }

  const kubeconfigForLoginUser = parts.some((part) => {
    const role = part.roleTasks?.role;
    const asRoot = rootScripts.has(part.path) || (role !== undefined && rolesWithBecome.has(role));
    // A script a provisioner also runs with privileged: false copies for the login user ($HOME is theirs).
    if (userScripts.has(part.path) && part.copiesToHome) return true;
    return (asRoot ? part.copiesIfRoot : part.copiesOtherwise).includes('user');
  });

  // Vagrant provisioner order per machine: a script run after a provisioner that refreshed the apt cache,
  // on every machine that runs it (outer provisioners first, then the machine's define block). A refresh
  // under an if/case branch counts only for provisioners of that same branch (the branch may not be taken).
  const seenAfterRefresh = new Map<string, boolean>();
  for (const run of parts.flatMap((part) => provisionerRuns(part.provisioners))) {
    let always = false;
    const branches = new Set<number>();
    const refresh = (branch: number): void => {
      if (branch < 0) always = true;
      else branches.add(branch);
    };
    for (const p of run) {
      if ('refreshes' in p) {
        if (p.refreshes) refresh(p.branch);
        continue;
      }
      const refreshed = always || branches.has(p.branch);
      seenAfterRefresh.set(p.script, (seenAfterRefresh.get(p.script) ?? true) && refreshed);
      if (refreshingPaths.has(p.script)) refresh(p.branch);
    }
  }
  const scriptsRefreshedBefore = new Set([...seenAfterRefresh].filter(([, ok]) => ok).map(([path]) => path));

  return {
    joinScripts,
    refreshingFunctions: refreshingFunctionNames,
    refreshingScripts,
    scriptsRefreshedBefore,
    vagrantSecondNic: vagrantSecondNic && !libvirt,
    vagrantLibvirt: libvirt,
    yamlMentions: mentions,
    hostsFileWritten: writesHosts,
    advertiseAddressSet,
    nodeIpSet,
    vars,
    vagrant,
    jinjaNative,
    rolesRefreshedBefore,
    roleFilesRefreshedBefore,
    rolesThatRefresh,
    taskFilesThatRefresh,
    rolesWithBecome,
    kubeconfigForLoginUser,
    rootScripts,
    privateNetworks: parts.flatMap((part) => part.privateNetworks),
    cniApplied: parts.some((part) => part.cniApplied),
    kubeadmPodCidr: parts.some((part) => part.kubeadmPodCidr),
    podCidrs: parts.flatMap((part) => part.podCidrs),
    rootLoginContainers: !vagrant && parts.some((part) => part.containerExec),
    cniInterfacePatched: {
      flannel: parts.some((part) => part.cniInterfacePatched.flannel),
      calico: parts.some((part) => part.cniInterfacePatched.calico),
    },
    vagrantMachines: machines,
    vagrantNotVirtualbox: vagrantfiles > 0 && notVirtualbox === vagrantfiles,
    containerdConfigured: parts.some((part) => part.containerdConfigured),
    otherRuntime: parts.some((part) => part.otherRuntime),
    usesKubeadm: parts.some((part) => part.kubeadm),
    kubeadmMinors: parts.flatMap((part) => part.kubeadmMinors),
  };
}

export function computeFacts(files: readonly LintFile[]): ProjectFacts {
  return mergeFacts(files.map(fileFacts));
}

/** Facts per project root (see projects.ts), and which root each file belongs to. Plain data. */
export interface FactsTable {
  rootOf: Map<string, string>;
  byRoot: Map<string, ProjectFacts>;
}

export function factsTable(parts: readonly FileFacts[]): FactsTable {
  const rootOf = assignProjects(parts);
  const groups = new Map<string, FileFacts[]>();
  for (const part of parts) {
    const root = rootOf.get(part.path) ?? '';
    const list = groups.get(root);
    if (list === undefined) groups.set(root, [part]);
    else list.push(part);
  }
  const byRoot = new Map<string, ProjectFacts>();
  for (const [root, list] of groups) byRoot.set(root, mergeFacts(list));
  inheritVagrantNetwork(byRoot);
  return { rootOf, byRoot };
}

/**
 * A project root without a Vagrantfile (an Ansible folder with its own ansible.cfg or inventory) inside
 * a Vagrant project's folder configures that lab's VMs: it sees the lab's network facts (private
 * networks, second NIC, provider, machine count, and whether /etc/hosts, a node IP or an advertise address
 * is set on them). Nothing else crosses.
 */
function inheritVagrantNetwork(byRoot: Map<string, ProjectFacts>): void {
  const roots = [...byRoot.keys()].filter((root) => root !== '\0top');
  for (const [root, facts] of byRoot) {
    if (facts.vagrant || root === '\0top') continue;
    const enclosing = roots
      .filter((r) => r !== root && (r === '' || root.startsWith(`${r}/`)) && byRoot.get(r)?.vagrant === true)
      .sort((a, b) => b.length - a.length)[0];
    if (enclosing === undefined) continue;
    const lab = byRoot.get(enclosing) as ProjectFacts;
    byRoot.set(root, {
      ...facts,
      privateNetworks: lab.privateNetworks,
      vagrantSecondNic: lab.vagrantSecondNic,
      vagrantLibvirt: lab.vagrantLibvirt,
      vagrantMachines: lab.vagrantMachines,
      vagrantNotVirtualbox: lab.vagrantNotVirtualbox,
      // What the lab's own provisioners set on the same VMs: /etc/hosts entries, node IP, advertise address.
      hostsFileWritten: facts.hostsFileWritten || lab.hostsFileWritten,
      nodeIpSet: facts.nodeIpSet || lab.nodeIpSet,
      advertiseAddressSet: facts.advertiseAddressSet || lab.advertiseAddressSet,
    });
  }
}

export function computeFactsTable(files: readonly LintFile[]): FactsTable {
  return factsTable(files.map(fileFacts));
}

/** The facts of the project a file belongs to. */
export function factsFor(table: FactsTable, path: string): ProjectFacts {
  return table.byRoot.get(table.rootOf.get(path) ?? '') ?? mergeFacts([]);
}
