/**
 * Lint contracts. A rule is one declarative module: `meta` (id, title, severity, runbook, description,
 * messages) plus a pure `check(file, ctx)` over the shared parse of one file that returns reports as
 * offset ranges. The engine turns offsets into path:line:column, applies suppressions and the config,
 * and links each finding to its runbook. Modelled on ESLint rules and ansible-lint's rule classes.
 */
import type { Pair, Scalar, YAMLMap } from 'yaml';
import type { RunbookId } from '../../content/runbook-schema';
import type { HostArch } from '../facts/arch';
import type { Severity } from '../types';
import type { LineIndex } from './position';
import type { ShellCommand } from './shell';
import type { YamlDoc } from './yaml-fast';

export type { Severity } from '../types';

/** What a discovered file is, decided from its path and (for YAML) its top-level shape. */
export type FileKind =
  | 'vagrantfile'
  | 'shell'
  | 'playbook'
  | 'tasks'
  | 'vars'
  | 'inventory'
  | 'netplan'
  | 'template'
  | 'ansible-cfg'
  /** A CNI's own Kubernetes manifest (Calico, Flannel, a Tigera Installation): read for the interface choice only. */
  | 'cni-manifest'
  | 'yaml';

export type { HostArch } from '../facts/arch';

/**
 * A stretch of code text in a file: a YAML scalar's source, a shell body with comments blanked,
 * a Ruby string's content, a template with Jinja comments blanked, an INI value.
 * `text` has exactly the length of the source range, so offsets map 1:1 (`start + index`).
 */
export interface TextRegion {
  start: number;
  text: string;
  origin: 'yaml-scalar' | 'shell' | 'ruby-string' | 'template' | 'ini-value';
  /** YAML key path of the scalar (keys and sequence indexes), or the INI variable name. */
  keyPath?: readonly (string | number)[];
  /** The Ansible task this region belongs to, if any. */
  task?: AnsibleTask;
}

/** A shell program found in a file: a script, a shell/command/raw task body, a Vagrant inline provisioner. */
export interface ShellBody {
  /** Offset of the body in the file; command/word offsets below are already file offsets. */
  start: number;
  end: number;
  /** The body text with comments blanked (same length as the source range). */
  masked: string;
  commands: readonly ShellCommand[];
  heredocs: ReadonlyArray<{ start: number; end: number }>;
  origin: 'script' | 'task' | 'vagrant-inline' | 'template';
  task?: AnsibleTask;
  /** Known to run as root (Vagrant privileged provisioner, become task, script run by one). */
  runsAsRoot: boolean | undefined;
}

export interface AnsiblePlay {
  node: YAMLMap;
  start: number;
  order: number;
  become: boolean | undefined;
  becomeUser: string | undefined;
  roles: ReadonlyArray<{ name: string; start: number; end: number }>;
}

export type TaskSection = 'pre_tasks' | 'tasks' | 'post_tasks' | 'handlers' | 'file';

export interface AnsibleTask {
  node: YAMLMap;
  start: number;
  end: number;
  name: string | undefined;
  /** Short module name: `apt` for apt, ansible.builtin.apt and ansible.legacy.apt. */
  module: string | undefined;
  /** The module key as written. */
  moduleKey: Scalar | undefined;
  /** The module's value node (a map, a free-form scalar, or null). */
  moduleValue: unknown;
  /** Module arguments: the map form, `args:`, and key=value pairs of a free-form string. */
  args: ReadonlyMap<string, TaskArg>;
  /** Task keywords (become, async, timeout, when, loop, ...) including inherited block keywords. */
  keywords: ReadonlyMap<string, Pair>;
  /** Effective become: task, then enclosing blocks, then play. */
  become: boolean | undefined;
  becomeUser: string | undefined;
  /** Source text of every `when` condition on the task and its enclosing blocks. */
  when: readonly string[];
  play: AnsiblePlay | undefined;
  section: TaskSection;
  /** Execution order within the file. */
  order: number;
}

export interface TaskArg {
  /** Plain JS value (string, number, boolean, null, arrays/objects for nested nodes). */
  value: unknown;
  start: number;
  end: number;
  /** Key position (for reporting on the key). */
  keyStart: number;
}

export interface NetplanGateway {
  iface: string;
  family: 4 | 6;
  /** `static`: gateway4/gateway6 or a default route; `dhcp`: dhcp4/dhcp6 true with routes used. */
  source: 'static' | 'dhcp';
  start: number;
  end: number;
}

export interface VagrantNetwork {
  type: string;
  start: number;
  end: number;
  options: ReadonlyMap<string, { value: string; start: number; end: number }>;
  /**
   * What the `ip:` expression evaluates to (ruby-eval.ts): candidates, HOLE (\u0000) for unknown parts;
   * empty when nothing is known. `ipStart`/`ipEnd`: the expression in this statement.
   */
  addresses?: readonly string[];
  ipStart?: number;
  ipEnd?: number;
}

/** `branch`: the token index of the `if`/`elsif`/`else`/`when` branch the call sits in, -1 when unconditional. */
export type VagrantProvisioner =
  | { kind: 'inline'; start: number; scope: number; branch: number }
  | { kind: 'script'; path: string; scope: number; branch: number };

export interface VagrantModel {
  boxes: ReadonlyArray<{ name: string; start: number; end: number; receiver: string | undefined }>;
  architectures: ReadonlyArray<{ value: string; start: number; end: number; receiver: string | undefined }>;
  networks: readonly VagrantNetwork[];
  /** Script paths run by shell provisioners, with whether they run privileged (Vagrant's default). */
  scripts: ReadonlyArray<{ path: string; privileged: boolean; start: number; end: number }>;
  /** String literals that look like relative paths (provisioner files, playbooks, loads): project links. */
  refs: readonly string[];
  /**
   * Shell provisioners in the order they are written (inline bodies by offset, scripts by path), each with its
   * scope: -1 for the outer `config.vm.provision` (run first on every machine), else the index of the
   * `config.vm.define` block it belongs to. See `provisionerRuns` for the order per machine.
   */
  provisioners: ReadonlyArray<VagrantProvisioner>;
  /** Ruby files the Vagrantfile runs (`load`, `require_relative`, `eval(File.read(...))`), as written. */
  loads: readonly string[];
  /** Machines defined: 0 (only the default machine), 1, or 2 for two or more / defined in a loop. */
  machines?: number;
  /**
   * Providers the Vagrantfile configures (`vm.provider :libvirt`, `vm.provider settings['provider']` evaluated
   * through a settings file, `ENV['VAGRANT_DEFAULT_PROVIDER'] = ...`), each once; values that cannot be known left out.
   */
  providers?: readonly string[];
  /** The Vagrantfile or a settings file it loads mentions /etc/vbox/networks.conf (the range is taken care of). */
  hostOnlyRangeDocumented?: boolean;
}

export interface IniVar {
  key: string;
  /** Raw value text as written (quotes included). */
  raw: string;
  start: number;
  end: number;
  /** `host`: on a host line (Ansible reads it as a Python literal); `group`: in a [group:vars] section. */
  scope: 'host' | 'group';
}

export interface LintFile {
  /** Path relative to the lint root's working directory, with forward slashes. */
  path: string;
  kind: FileKind;
  text: string;
  lines: LineIndex;
  /** Role name when the file is inside roles/<name>/. */
  role: string | undefined;
  /** Parsed YAML documents (YAML kinds). */
  yaml: readonly YamlDoc[] | undefined;
  plays: readonly AnsiblePlay[];
  tasks: readonly AnsibleTask[];
  shell: readonly ShellBody[];
  regions: readonly TextRegion[];
  netplan: readonly NetplanGateway[];
  vagrant: VagrantModel | undefined;
  ini: readonly IniVar[];
  /** For templates: the file name without `.j2` (e.g. `kubeadm-config.yaml`). */
  templateTarget: string | undefined;
}

/** Where a variable gets its value, for rules that reason across files. */
export interface VarDefinition {
  value: unknown;
  /** The scalar was quoted in YAML (or the INI text had quotes). */
  quoted: boolean;
  raw: string;
  path: string;
  line: number;
}

/** Project-wide facts computed once from every parsed file before the rules run. */
export interface ProjectFacts {
  vars: ReadonlyMap<string, readonly VarDefinition[]>;
  /** A Vagrantfile is part of the project (so eth0 is Vagrant's NAT interface with its own default route). */
  vagrant: boolean;
  /** ansible.cfg sets jinja2_native = True. */
  jinjaNative: boolean;
  /** Roles whose tasks run after an apt cache refresh in every play that applies them. */
  rolesRefreshedBefore: ReadonlySet<string>;
  /** role -> task file names (relative to roles/<role>/tasks/) preceded by a refresh within the role. */
  roleFilesRefreshedBefore: ReadonlyMap<string, ReadonlySet<string>>;
  /** Roles whose own tasks refresh the apt cache somewhere. */
  rolesThatRefresh: ReadonlySet<string>;
  /** Task files (paths) that refresh the apt cache somewhere: an import_tasks/include_tasks of one refreshes. */
  taskFilesThatRefresh?: ReadonlySet<string> | undefined;
  /** Roles applied by a play with become: true. */
  rolesWithBecome: ReadonlySet<string>;
  /** Somewhere the admin kubeconfig is also put in a non-root user's home. */
  kubeconfigForLoginUser: boolean;
  /** Script paths run as root by a Vagrant shell provisioner. */
  rootScripts: ReadonlySet<string>;
  /** Base names of files written from `kubeadm token create --print-join-command` (then run elsewhere). */
  joinScripts: ReadonlySet<string>;
  /** Shell functions (defined in any script of the project) that refresh the apt cache. */
  refreshingFunctions: ReadonlySet<string>;
  /** Base names of scripts that refresh the apt cache at their top level (sourced or run before). */
  refreshingScripts: ReadonlySet<string>;
  /** Script paths that every Vagrant provisioner list runs after a provisioner that refreshed the apt cache. */
  scriptsRefreshedBefore: ReadonlySet<string>;
  /** A Vagrant VM has a second NIC (private_network / public_network next to VirtualBox's shared NAT one). */
  vagrantSecondNic: boolean;
  /** The project's Vagrantfile uses libvirt (its management network gives every VM its own address). */
  vagrantLibvirt: boolean;
  /** YAML paths the project's files name (not URLs): which vendored manifests something applies. */
  yamlMentions: ReadonlySet<string>;
  /** Something writes /etc/hosts, so kubelet finds the node's address from its hostname. */
  hostsFileWritten: boolean;
  /** Somewhere the API server advertise address / kubelet node IP is set explicitly. */
  advertiseAddressSet: boolean;
  nodeIpSet: boolean;
  /** Every Vagrantfile `private_network`, with its `ip:` as written ('' for DHCP or a computed address). */
  privateNetworks: readonly PrivateNetworkAddress[];
  /** Somewhere in the project a CNI manifest or chart is applied (kubectl/helm/cilium CLI/k8s module). */
  cniApplied: boolean;
  /** Somewhere kubeadm is given a pod CIDR (--pod-network-cidr, podSubnet): calico.yaml's pool then follows it. */
  kubeadmPodCidr?: boolean | undefined;
  /** Literal pod CIDRs written anywhere in the project (kubeadm flag, podSubnet, pod network variables). */
  podCidrs?: readonly string[] | undefined;
  /** No Vagrantfile, and the nodes are LXD/Incus containers entered with `lxc exec` (a root shell): root is the login user. */
  rootLoginContainers?: boolean | undefined;
  /** Somewhere in the project a patch (sed, yq, kubectl set env/patch, helm --set) chooses Flannel's / Calico's interface. */
  cniInterfacePatched?: { flannel: boolean; calico: boolean } | undefined;
  /** Machines the project's Vagrantfiles define: 0 without a Vagrantfile, 1, or 2 for several. */
  vagrantMachines?: number | undefined;
  /** Every Vagrantfile of the project configures only providers other than VirtualBox (docker, libvirt, ...). */
  vagrantNotVirtualbox?: boolean | undefined;
  /** Somewhere containerd's config is written or edited, or the kubelet is set to cgroupfs. */
  containerdConfigured?: boolean | undefined;
  /** Somewhere Docker or CRI-O is installed. */
  otherRuntime?: boolean | undefined;
  /** Somewhere kubeadm is run or installed. */
  usesKubeadm?: boolean | undefined;
  /** Kubernetes minor versions pinned for kubeadm anywhere in the project. */
  kubeadmMinors?: readonly number[] | undefined;
}

export interface PrivateNetworkAddress {
  /** As written; may end in a Ruby interpolation ("192.168.56.#{i}"); '' when not a literal. */
  ip: string;
  path: string;
  line: number;
}

export interface RuleContext {
  hostArch: HostArch;
  facts: ProjectFacts;
}

export interface RuleReport {
  message: string;
  start: number;
  end?: number;
  /** A report may be milder than the rule's default (never stronger). */
  severity?: Severity;
  /**
   * Other places the one report stands for (a block of commands reported once): when a suppression
   * silences `start`, the report moves to the first of these that is not suppressed.
   */
  also?: readonly number[];
}

export interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  runbook: RunbookId;
  /** One paragraph: what the rule flags, why, and what passes. */
  description: string;
  /** File kinds the rule looks at; the engine only calls it for these. */
  kinds: readonly FileKind[];
}

export interface Rule {
  meta: RuleMeta;
  check(file: LintFile, ctx: RuleContext): RuleReport[];
}

export const defineRule = (rule: Rule): Rule => rule;

export interface LintFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  path: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  runbook: RunbookId;
  /** Runbook URL (the rule's documentation link). */
  url: string;
}

/** A file that could not be read or parsed: bad input, reported as file:line and exit code 2. */
export interface LintError {
  path: string;
  line: number;
  column: number;
  message: string;
}
