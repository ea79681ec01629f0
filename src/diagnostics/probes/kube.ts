/**
 * Parsers for node-side Kubernetes configuration: the `apiserver-manifest` and `kubelet-flags`
 * probes, and server URLs from kubeconfig lines.
 */
import { type Block, cutShort, splitBlocks } from './blocks';
import type { Parsed } from './iptables';
import { tokenize } from './iptables';

export interface Located {
  value: string;
  /** Where it came from: file path (and line) or `kubelet pid N`. */
  source: string;
  /** The line as quoted, for evidence. */
  line: string;
}

export interface ApiserverFacts {
  manifestPresent: boolean;
  advertiseAddress: Located | undefined;
  bindAddress: Located | undefined;
  /** The kubeadm annotation `kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint`. */
  annotatedEndpoint: Located | undefined;
  image: Located | undefined;
  /** advertiseAddress / controlPlaneEndpoint / kubernetesVersion from kubeadm config files. */
  configValues: Array<Located & { key: string }>;
}

const GREP_LINE = /^(\d+):(.*)$/;

function blocksOrError(lines: readonly string[]): Parsed<Block[]> {
  const { head, blocks, complete } = splitBlocks(lines);
  const firstHead = head.find((line) => line.text.trim() !== '');
  if (firstHead) return { ok: false, what: 'output before the first marker', line: firstHead.text, no: firstHead.no };
  if (!complete) return cutShort(lines);
  return { ok: true, value: blocks };
}

export function parseApiserverProbe(lines: readonly string[]): Parsed<ApiserverFacts> {
  const split = blocksOrError(lines);
  if (!split.ok) return split;
  const facts: ApiserverFacts = {
    manifestPresent: false,
    advertiseAddress: undefined,
    bindAddress: undefined,
    annotatedEndpoint: undefined,
    image: undefined,
    configValues: [],
  };
  for (const block of split.value) {
    if (block.marker === 'missing') continue;
    if (block.marker !== 'file')
      return { ok: false, what: 'unknown marker', line: `### ${block.marker}`, no: block.no };
    const stray = block.raw.find((line) => line.text.trim() !== '');
    if (stray) return { ok: false, what: 'unquoted line inside a file block', line: stray.text, no: stray.no };
    const file = block.args;
    const isManifest = file.endsWith('/manifests/kube-apiserver.yaml');
    if (isManifest) facts.manifestPresent = true;
    for (const quoted of block.quoted) {
      const grep = GREP_LINE.exec(quoted.text);
      if (!grep) return { ok: false, what: 'expected "<line>:<text>" from grep -n', line: quoted.text, no: quoted.no };
      const text = (grep[2] ?? '').trim();
      const source = `${file}:${grep[1]}`;
      if (isManifest) {
        const flag = /^-\s*--(advertise-address|bind-address)=(\S+)/.exec(text);
        if (flag) {
          const located = { value: (flag[2] ?? '').replace(/["']/g, ''), source, line: text };
          if (flag[1] === 'advertise-address') facts.advertiseAddress = located;
          else facts.bindAddress = located;
          continue;
        }
        const annotation = /advertise-address\.endpoint:\s*["']?([^"'\s]+)/.exec(text);
        if (annotation) {
          facts.annotatedEndpoint = { value: annotation[1] ?? '', source, line: text };
          continue;
        }
        const image = /^image:\s*["']?([^"'\s]+)/.exec(text);
        if (image && /kube-apiserver/.test(image[1] ?? '')) facts.image = { value: image[1] ?? '', source, line: text };
        continue;
      }
      const kv = /^(advertiseAddress|controlPlaneEndpoint|kubernetesVersion):\s*["']?([^"'\s#]+)/.exec(text);
      if (kv) facts.configValues.push({ key: kv[1] ?? '', value: kv[2] ?? '', source, line: text });
    }
  }
  return { ok: true, value: facts };
}

export interface KubeletFacts {
  /** Files that exist and their --node-ip, if any. */
  files: Array<{ file: string; nodeIp: Located | undefined; lines: string[] }>;
  /** Running kubelet processes and their --node-ip, if any. */
  processes: Array<{ pid: string; nodeIp: Located | undefined; cmdline: string }>;
}

/** Finds `--node-ip=X` or `--node-ip X` in shell-ish text (env files, command lines). */
export function findNodeIp(text: string): string | undefined {
  const tokens = tokenize(text.replace(/^[A-Z_]+=/, '').replace(/^["']|["']$/g, ''));
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] ?? '').replace(/^[A-Z_]+=["']?/, '');
    if (token.startsWith('--node-ip=')) return token.slice('--node-ip='.length).replace(/["']/g, '');
    if (token === '--node-ip') return (tokens[i + 1] ?? '').replace(/["']/g, '') || undefined;
  }
  return undefined;
}

export function parseKubeletFlagsProbe(lines: readonly string[]): Parsed<KubeletFacts> {
  const split = blocksOrError(lines);
  if (!split.ok) return split;
  const facts: KubeletFacts = { files: [], processes: [] };
  for (const block of split.value) {
    if (block.marker === 'missing') continue;
    const stray = block.raw.find((line) => line.text.trim() !== '');
    if (stray) return { ok: false, what: 'unquoted line inside a block', line: stray.text, no: stray.no };
    if (block.marker === 'file') {
      let nodeIp: Located | undefined;
      for (const quoted of block.quoted) {
        const ip = findNodeIp(quoted.text);
        if (ip !== undefined) nodeIp = { value: ip, source: block.args, line: quoted.text };
      }
      facts.files.push({ file: block.args, nodeIp, lines: block.quoted.map((line) => line.text) });
      continue;
    }
    if (block.marker === 'cmdline') {
      if (!/^\d+$/.test(block.args))
        return { ok: false, what: 'cmdline marker without a pid', line: block.args, no: block.no };
      const cmdline = block.quoted
        .map((line) => line.text)
        .join(' ')
        .trim();
      const ip = findNodeIp(cmdline);
      facts.processes.push({
        pid: block.args,
        cmdline,
        nodeIp: ip === undefined ? undefined : { value: ip, source: `kubelet pid ${block.args}`, line: cmdline },
      });
      continue;
    }
    return { ok: false, what: 'unknown marker', line: `### ${block.marker}`, no: block.no };
  }
  return { ok: true, value: facts };
}

/**
 * The --node-ip in effect: the running kubelet's flag wins (it is what the node registered with).
 * Otherwise the kubeadm drop-in passes $KUBELET_KUBEADM_ARGS (kubeadm-flags.env) before
 * $KUBELET_EXTRA_ARGS (/etc/default/kubelet or /etc/sysconfig/kubelet), and the last flag wins.
 */
export function effectiveNodeIp(facts: KubeletFacts): Located | undefined {
  for (const process of facts.processes) if (process.nodeIp) return process.nodeIp;
  const byFile = (suffix: string) => facts.files.find((file) => file.file.endsWith(suffix))?.nodeIp;
  return byFile('/etc/default/kubelet') ?? byFile('/etc/sysconfig/kubelet') ?? byFile('kubeadm-flags.env');
}
