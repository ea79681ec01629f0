import {
  CNI_POOL_SOURCES,
  type Ipv4Prefix,
  KUBEADM_POD_CIDR_SOURCES,
  overlaps,
  parsePrefix,
  vagrantAddress,
} from '../cni';
import { blankCommentLines } from '../match';
import { defineRule, type PrivateNetworkAddress, type ProjectFacts, type RuleReport } from '../types';

/** Where a pod CIDR is written: kubeadm's flag, config and variables, then the CNI's own pool settings. */
const SOURCES = [...KUBEADM_POD_CIDR_SOURCES, ...CNI_POOL_SOURCES];
const CALICO_DEFAULT_URL = /https?:\/\/[^\s'"]*?\/(?:custom-resources|calico)\.yaml/g;
const CALICO_DEFAULT = parsePrefix('192.168.0.0/16') as Ipv4Prefix;

/**
 * calico.yaml from v3.13 on (and the unversioned latest) leaves CALICO_IPV4POOL_CIDR commented, and calico-node
 * then takes kubeadm's podSubnet; older manifests (`/v3.8/manifests/calico.yaml`) set 192.168.0.0/16 themselves.
 */
function followsKubeadm(url: string): boolean {
  if (url.endsWith('custom-resources.yaml')) return false;
  const version = /\/v3\.(\d+)(?:\.\d+)?\//.exec(url);
  return version === null || Number(version[1]) >= 13;
}

/** 192.168.0.0 as text or as a regular expression (`192\\.168\\.0\\.0`), with an optional /16. */
const DEFAULT_POOL = String.raw`192\\?\.168\\?\.0\\?\.0(?:\\?\/16)?`;
/** A sed substitution or an Ansible replace/lineinfile regexp that matches the default pool. */
const POOL_REWRITE = new RegExp(
  String.raw`^[^\n]*(?:\bsed\b[^\n]*\bs(.)[^\n]*?|\bregexp[ \t]*[:=][ \t]*["']?[^\n]*?)${DEFAULT_POOL}([^\n]*)`,
  'gm',
);
const REWRITTEN_TO = /(\d{1,3}(?:\\?\.\d{1,3}){3}\\?\/\d{1,2})/;

interface PoolRewrite {
  /** The new pool and its offset, when the rewrite names it. */
  cidr?: string;
  at: number;
}

/**
 * Where the file rewrites Calico's default pool before applying the manifest: `sed -i
 * 's/192.168.0.0\/16/10.240.0.0\/16/' custom-resources.yaml`, or an Ansible replace/lineinfile task
 * whose regexp is 192.168.0.0/16 (the new pool in `replace:` / `line:` a few lines on).
 */
function poolRewrites(text: string): PoolRewrite[] {
  const out: PoolRewrite[] = [];
  for (const m of text.matchAll(POOL_REWRITE)) {
    const sed = m[1] !== undefined;
    // sed: the replacement follows on the same line; a task: its replace:/line: key within a few lines.
    const restAt = m.index + m[0].length - (m[2] as string).length;
    const rest = sed
      ? (m[2] as string)
      : text
          .slice(restAt, restAt + 400)
          .split('\n')
          .slice(0, 6)
          .join('\n');
    const key = sed ? null : /^[ \t]*(?:replace|line)[ \t]*[:=]|\b(?:replace|line)=/m.exec(rest);
    const scope = sed ? rest : key === null ? '' : rest.slice(key.index);
    const target = REWRITTEN_TO.exec(scope);
    if (target === null) out.push({ at: m.index });
    else {
      const offset = restAt + (sed ? 0 : (key?.index ?? 0)) + target.index;
      out.push({ cidr: (target[1] as string).replace(/\\/g, ''), at: offset });
    }
  }
  return out;
}

/** The URL is applied straight from the network (`kubectl apply -f https://...`): no local file to rewrite. */
function appliedDirectly(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  return /\bkubectl\b[^\n]*\b(?:apply|create)\b[^\n]*$/.test(text.slice(lineStart, at));
}

/** kubeadm is given a pod CIDR, the project writes it literally somewhere, and no such literal overlaps a node network. */
function kubeadmCidrClear(facts: ProjectFacts, nets: ReadonlyArray<{ net: Ipv4Prefix }>): boolean {
  const kubeadm = kubeadmCidrs(facts, nets);
  return kubeadm !== undefined && kubeadm.all.length > 0 && kubeadm.overlapping.length === 0;
}

/** kubeadm's literal pod CIDRs and those of them that overlap a node network; undefined when kubeadm gets none. */
function kubeadmCidrs(
  facts: ProjectFacts,
  nets: ReadonlyArray<{ net: Ipv4Prefix }>,
): { all: Ipv4Prefix[]; overlapping: Ipv4Prefix[] } | undefined {
  if (facts.kubeadmPodCidr !== true) return undefined;
  const all = (facts.podCidrs ?? []).flatMap((c) => parsePrefix(c) ?? []);
  return { all, overlapping: all.filter((pod) => nets.some((n) => overlaps(pod, n.net))) };
}

/**
 * kubeadm's pod CIDR (flag, podSubnet, pod network variable) already overlaps a node network, and is reported
 * where it is written: a stock Calico manifest whose pool is that same range is the same mistake, not a second one.
 */
function kubeadmCidrOverlap(facts: ProjectFacts, nets: ReadonlyArray<{ net: Ipv4Prefix }>, url: string): boolean {
  const overlapping = kubeadmCidrs(facts, nets)?.overlapping ?? [];
  if (overlapping.length === 0) return false;
  // calico.yaml takes kubeadm's podSubnet; custom-resources.yaml writes 192.168.0.0/16 whatever kubeadm says.
  return followsKubeadm(url) || overlapping.some((pod) => overlaps(pod, CALICO_DEFAULT));
}

const KUBEADM_WHATS = new Set(KUBEADM_POD_CIDR_SOURCES.map((s) => s.what));
/** The kubeadm finding also covers the CNI pool that follows it (one mistake, one finding). */
const CNI_POOL_NOTE =
  "; the CNI's pool must move with it (calico.yaml with CALICO_IPV4POOL_CIDR unset takes this range, custom-resources.yaml writes 192.168.0.0/16: set its ipPools cidr)";

function privateNets(list: readonly PrivateNetworkAddress[]): Array<{ net: Ipv4Prefix; at: PrivateNetworkAddress }> {
  return list.flatMap((at) => {
    const net = vagrantAddress(at.ip);
    return net === undefined ? [] : [{ net, at }];
  });
}

export default defineRule({
  meta: {
    id: 'pod-cidr-overlap',
    title: 'Pod CIDR overlapping a Vagrant private network',
    severity: 'error',
    runbook: 'pod-cidr-overlap',
    kinds: ['playbook', 'tasks', 'vars', 'inventory', 'shell', 'vagrantfile', 'template', 'yaml', 'cni-manifest'],
    description:
      "A pod network CIDR (kubeadm --pod-network-cidr, podSubnet, CALICO_IPV4POOL_CIDR, a Tigera IP pool's cidr, or a " +
      'variable named after the pod network) that overlaps a private_network address of the Vagrantfile, and the upstream ' +
      'Calico custom-resources.yaml (pool 192.168.0.0/16) or calico.yaml applied with no CIDR given, in a project whose ' +
      'VMs are on 192.168.x (calico.yaml only when kubeadm is given no pod CIDR anywhere in the project: otherwise ' +
      "its pool follows kubeadm's podSubnet). Nodes then route traffic for their own neighbours into the pod network. Passes: a pod CIDR " +
      'disjoint from every node network, such as 10.244.0.0/16 next to 192.168.56.0/24.',
  },
  check(file, ctx) {
    const nets = privateNets(ctx.facts.privateNetworks);
    if (nets.length === 0) return [];
    const reports: RuleReport[] = [];
    const text = blankCommentLines(file.text);
    let cidrGiven = false;
    for (const { what, re } of SOURCES) {
      if (what === 'the Calico IP pool' && !/kind:[ \t]*(?:Installation|IPPool)\b/.test(text)) continue;
      for (const m of text.matchAll(re)) {
        cidrGiven = true;
        const cidr = m[1] as string;
        const pod = parsePrefix(cidr);
        if (pod === undefined) continue;
        const hit = nets.find((n) => overlaps(pod, n.net));
        if (hit === undefined) continue;
        const at = m.index + m[0].lastIndexOf(cidr);
        reports.push({
          start: at,
          end: at + cidr.length,
          message: `${what} ${cidr} overlaps the Vagrant private network ${hit.net.text} (${hit.at.path}:${hit.at.line}): nodes route each other's traffic into the pod network; pick a pod CIDR outside every node network (e.g. 10.244.0.0/16)${KUBEADM_WHATS.has(what) ? CNI_POOL_NOTE : ''}`,
        });
      }
    }
    // A CNI manifest (a Tigera Installation's ipPools cidr): only the pools it writes itself.
    if (file.kind === 'cni-manifest') return reports;
    const rewrites = poolRewrites(text);
    for (const rewrite of rewrites) {
      const pod = rewrite.cidr === undefined ? undefined : parsePrefix(rewrite.cidr);
      const hit = pod === undefined ? undefined : nets.find((n) => overlaps(pod, n.net));
      if (hit === undefined || rewrite.cidr === undefined) continue;
      reports.push({
        start: rewrite.at,
        end: rewrite.at + rewrite.cidr.length,
        message: `Calico's pool is rewritten to ${rewrite.cidr}, which overlaps the Vagrant private network ${hit.net.text} (${hit.at.path}:${hit.at.line}): nodes route each other's traffic into the pod network; pick a pod CIDR outside every node network (e.g. 10.244.0.0/16)`,
      });
    }
    if (!cidrGiven) {
      const hit = nets.find((n) => overlaps(CALICO_DEFAULT, n.net));
      if (hit !== undefined) {
        for (const m of text.matchAll(CALICO_DEFAULT_URL)) {
          // A downloaded manifest whose 192.168.0.0/16 this file rewrites (sed, replace, lineinfile).
          if (rewrites.length > 0 && !appliedDirectly(text, m.index)) continue;
          // calico.yaml with CALICO_IPV4POOL_CIDR left commented takes kubeadm's podSubnet when one is given;
          // the operator's custom-resources.yaml always writes 192.168.0.0/16.
          if (followsKubeadm(m[0]) && kubeadmCidrClear(ctx.facts, nets)) continue;
          // kubeadm's pod CIDR overlaps too and is reported where it is written, with the Calico pool named.
          if (kubeadmCidrOverlap(ctx.facts, nets, m[0])) continue;
          reports.push({
            start: m.index,
            end: m.index + m[0].length,
            message: `Calico applied without a pool CIDR: its default pool 192.168.0.0/16 contains the Vagrant private network ${hit.net.text} (${hit.at.path}:${hit.at.line}); set CALICO_IPV4POOL_CIDR / the Installation's ipPools cidr and kubeadm's --pod-network-cidr to a range outside it`,
          });
        }
      }
    }
    return reports;
  },
});
