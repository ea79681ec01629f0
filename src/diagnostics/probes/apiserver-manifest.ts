/**
 * The `apiserver-manifest` probe and its parser: the API server's static Pod manifest (flags, image)
 * and the kubeadm config files that Ansible roles leave.
 */

import type { Probe } from '../types';
import { blocksOrError, type Located } from './blocks';
import type { Parsed } from './parsed';

/** The API server's static Pod manifest (flags, image) and kubeadm config files that Ansible roles leave. */
export const apiserverManifestProbe: Probe = {
  name: 'apiserver-manifest',
  needsRoot: true,
  command: [
    'f=/etc/kubernetes/manifests/kube-apiserver.yaml',
    'if [ -f "$f" ]; then echo "### file $f";',
    // One awk per file instead of `grep -n | sed` (issue 16).
    '  awk \'/--advertise-address=|--bind-address=|advertise-address\\.endpoint|image:/ { print "| " FNR ":" $0 }\' "$f";',
    'else echo "### missing $f"; fi',
    'for f in /etc/kubernetes/kubeadm-config.yaml /etc/kubernetes/kubeadm.yaml /etc/kubeadm/kubeadm-config.yaml /root/kubeadm-config.yaml; do',
    '  [ -f "$f" ] || continue',
    '  echo "### file $f"',
    '  awk \'/advertiseAddress|controlPlaneEndpoint|kubernetesVersion|node-ip/ { print "| " FNR ":" $0 }\' "$f"',
    'done',
    'echo "### end"',
  ].join('\n'),
};

const GREP_LINE = /^(\d+):(.*)$/;

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
