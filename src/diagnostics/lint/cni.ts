/**
 * Shared vocabulary of the CNI and runtime rules: which text applies a CNI, which text is a
 * Flannel or Calico manifest, and IPv4 prefixes (parse, overlap). Pure; no file access.
 */
import type { LintFile } from './types';

/** Names of CNI projects as they appear in manifest URLs, file names, chart names and variables. */
export const CNI_WORD = /flannel|calico|tigera|canal|cilium|weave|antrea|kube-router|kuberouter/i;

/** A line that runs kubectl apply/create/replace and names a CNI anywhere (`... kube-flannel.yml | kubectl apply -f -`). */
const APPLY_LINE =
  /^(?=[^\n]*\bkubectl\b[^\n]*\b(?:apply|create|replace)\b)(?=[^\n]*(?:flannel|calico|tigera|canal|cilium|weave|antrea|kube-router|kuberouter|\bcni\b|cni[_-]|[_-]cni|pod[_-]network|network[_-]plugin))/im;
const HELM_LINE = /\bhelm\b[^\n]*\b(?:install|upgrade|template)\b[^\n]*(?:flannel|calico|tigera|cilium|weave|antrea)/i;
const CILIUM_CLI = /\bcilium(?:-cli)?\s+install\b/;
const CNI_NAMED = new RegExp(
  `^(?:[\\w.-]*[_-])?(?:cni|network|pod[_-]?network|${CNI_WORD.source})(?:[_.-][\\w.-]*)?$`,
  'i',
);
const KUBECTL_APPLY = /\bkubectl\b[^\n]*\b(?:apply|create)\b[^\n]*\s-f\b/;

/** The text of a file's code regions with shell line continuations joined (offsets not kept). */
function codeText(file: LintFile): string {
  return file.regions.map((r) => r.text.replace(/\\\r?\n/g, '  ')).join('\n');
}

/** Whether this file applies a CNI: kubectl apply/create of a CNI manifest, helm install of one, the cilium CLI, or an Ansible k8s task with a CNI manifest. */
export function appliesCni(file: LintFile): boolean {
  const text = codeText(file);
  if (APPLY_LINE.test(text) || HELM_LINE.test(text) || CILIUM_CLI.test(text)) return true;
  // A role or script named for the pod network (roles/cni, roles/calico, network.sh) that applies manifests:
  // what it applies is the CNI even when the line names only a directory (`kubectl apply -f {{ network_dir }}/`).
  if (CNI_NAMED.test(file.role ?? file.path.slice(file.path.lastIndexOf('/') + 1)) && KUBECTL_APPLY.test(text))
    return true;
  return file.tasks.some((task) => {
    if (task.module !== 'k8s' && task.module !== 'helm') return false;
    const args = [...task.args.values()].map((a) => JSON.stringify(a.value)).join(' ');
    return CNI_WORD.test(args);
  });
}

/** A command that edits a manifest or a running object: sed/perl in place, yq, kubectl set env / patch, helm --set. */
const PATCH_LINE = /\b(?:sed|perl|yq|kubectl[^\n]*\b(?:set\s+env|patch)\b|helm\b[^\n]*--set)\b/;
const FLANNEL_PATCHED = /--iface(?:-regex|-can-reach)?\b|FLANNELD_IFACE|\biface\s*[=:]/;
const CALICO_PATCHED =
  /IP_AUTODETECTION_METHOD|nodeAddressAutodetectionV4|(?:interface|can-reach|cidrs?)=[^\s'"]|kubernetes-internal-ip/;

/**
 * Which CNI's interface choice this file makes by patching a manifest or a running DaemonSet: a `sed` that
 * adds `--iface=enp0s8` after `--kube-subnet-mgr`, `kubectl set env daemonset/calico-node
 * IP_AUTODETECTION_METHOD=interface=eth1`, `yq` on the Installation, `helm --set` with an interface value.
 */
export function patchedInterfaceChoice(file: LintFile): { flannel: boolean; calico: boolean } {
  const result = { flannel: false, calico: false };
  if (!/iface|IP_AUTODETECTION_METHOD|nodeAddressAutodetection/i.test(file.text)) return result;
  const lines = [
    ...codeText(file).split('\n'),
    ...file.tasks.flatMap((task) => [...task.args.values()].map((a) => JSON.stringify(a.value))),
  ];
  for (const line of lines) {
    if (!PATCH_LINE.test(line)) continue;
    result.flannel ||= FLANNEL_PATCHED.test(line);
    result.calico ||=
      CALICO_PATCHED.test(line) && /calico|IP_AUTODETECTION_METHOD|nodeAddressAutodetection/i.test(line);
  }
  return result;
}

const CIDR = String.raw`(\d{1,3}(?:\.\d{1,3}){3}\/\d{1,2})`;

/** Where a literal CIDR is written; the CIDR is group 1 of `re` (global). */
export interface CidrSource {
  what: string;
  re: RegExp;
}

/** Where kubeadm's pod CIDR is written: its flag, its config, a variable named after the pod network. */
export const KUBEADM_POD_CIDR_SOURCES: readonly CidrSource[] = [
  { what: '--pod-network-cidr', re: new RegExp(String.raw`--pod-network-cidr[= ]+["']?${CIDR}`, 'g') },
  { what: 'podSubnet', re: new RegExp(String.raw`\bpodSubnet:[ \t]*["']?${CIDR}`, 'g') },
  {
    what: 'a pod network variable',
    re: new RegExp(
      String.raw`^[ \t]*(?:export[ \t]+)?[A-Za-z0-9_]*(?:pod|POD|cluster_cidr|CLUSTER_CIDR)[A-Za-z0-9_]*[ \t]*[:=][ \t]*["']?${CIDR}`,
      'gm',
    ),
  },
];

/** Where a CNI's own pool is written: kube-proxy's flag, Calico's env variable, a Tigera/Calico IP pool. */
export const CNI_POOL_SOURCES: readonly CidrSource[] = [
  { what: '--cluster-cidr', re: new RegExp(String.raw`--cluster-cidr[= ]+["']?${CIDR}`, 'g') },
  {
    what: 'CALICO_IPV4POOL_CIDR',
    re: new RegExp(
      String.raw`CALICO_IPV4POOL_CIDR["']?(?:[ \t]*[=:,][ \t]*|[ \t]*\n[ \t]*value:[ \t]*)["']?${CIDR}`,
      'g',
    ),
  },
  { what: 'the Calico IP pool', re: new RegExp(String.raw`^[ \t]*-?[ \t]*cidr:[ \t]*["']?${CIDR}`, 'gm') },
];

/** An IPv4 prefix as a 32-bit network number and a length. */
export interface Ipv4Prefix {
  base: number;
  bits: number;
  text: string;
}

function octets(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const nums = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : Number.NaN));
  return nums.every((n) => n >= 0 && n <= 255) ? nums : undefined;
}

/** "10.244.0.0/16" -> prefix; a bare address is a /32. Undefined for anything else (Jinja, variables). */
export function parsePrefix(text: string): Ipv4Prefix | undefined {
  const m = /^\s*["']?(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?["']?\s*$/.exec(text);
  if (m === null) return undefined;
  const o = octets(m[1] as string);
  const bits = m[2] === undefined ? 32 : Number(m[2]);
  if (o === undefined || bits > 32) return undefined;
  const addr = (((o[0] as number) << 24) | ((o[1] as number) << 16) | ((o[2] as number) << 8) | (o[3] as number)) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (addr & mask) >>> 0, bits, text: m[2] === undefined ? (m[1] as string) : `${m[1]}/${bits}` };
}

/**
 * A Vagrant `ip:` value as written: a literal address, or a Ruby interpolation after three
 * octets ("192.168.56.#{i + 10}"), which stands for that /24.
 */
export function vagrantAddress(value: string): Ipv4Prefix | undefined {
  const literal = parsePrefix(value);
  if (literal !== undefined) return literal;
  const m = /^(\d{1,3}\.\d{1,3}\.\d{1,3})\.(?:#\{|\d*#\{)/.exec(value);
  return m === null ? undefined : parsePrefix(`${m[1]}.0/24`);
}

export function contains(outer: Ipv4Prefix, inner: Ipv4Prefix): boolean {
  if (inner.bits < outer.bits) return false;
  const mask = outer.bits === 0 ? 0 : (0xffffffff << (32 - outer.bits)) >>> 0;
  return (inner.base & mask) >>> 0 === outer.base;
}

export function overlaps(a: Ipv4Prefix, b: Ipv4Prefix): boolean {
  return contains(a, b) || contains(b, a);
}
