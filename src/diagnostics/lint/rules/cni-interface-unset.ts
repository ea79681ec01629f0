import { blankCommentLines } from '../match';
import { defineRule, type RuleReport, type TextRegion } from '../types';

/** Upstream manifests applied by URL: Flannel, Calico (manifest and operator custom resources), Canal. */
const MANIFEST_URL =
  /https?:\/\/(?:\{\{[^}\n]*\}\}|[^\s'"])*?(?:kube-flannel[^\s'"/]*\.ya?ml|\/calico(?:-typha|-vxlan)?\.yaml|\/custom-resources\.yaml|\/canal\.yaml)/g;
const HELM_INSTALL =
  /\bhelm\b[^\n]*\b(?:install|upgrade)\b[^\n]*?\b(flannel\/flannel|projectcalico\/tigera-operator)\b/g;

/** An interface choice anywhere in the file: Flannel flags/env, Calico method other than first-found, operator field. */
const FLANNEL_CHOICE = /--iface(?:-regex|-can-reach)?\b|FLANNELD_IFACE|\biface\b/;
const CALICO_CHOICE =
  /IP_AUTODETECTION_METHOD["']?\s*(?:[=:,]|\n\s*value:)\s*["']?(?:interface=|can-reach=|kubernetes-internal-ip|cidrs?=|skip-interface=)|nodeAddressAutodetectionV4:\s*\n?\s*(?:interface|canReach|kubernetes|cidrs|skipInterface)|IP_AUTODETECTION_METHOD=(?:interface|can-reach|kubernetes-internal-ip|cidr)/;

/**
 * A downloaded canal.yaml that a sed on one of the next two lines patches with `--iface=` (Canal's overlay is
 * Flannel: that is its interface choice).
 */
function canalPatchedBelow(text: string, urlEnd: number): boolean {
  const lineStart = text.lastIndexOf('\n', urlEnd) + 1;
  if (!/canal\.ya?ml/.test(text.slice(lineStart, urlEnd))) return false;
  const nl = text.indexOf('\n', urlEnd);
  if (nl < 0) return false;
  const next = text
    .slice(nl + 1)
    .split('\n')
    .slice(0, 2);
  return next.some((line) => /\bsed\b/.test(line) && /--iface(?:-regex|-can-reach)?=/.test(line) && /canal/.test(line));
}

const FLANNEL_ARGS = /--kube-subnet-mgr\b/g;
/** A Calico method given by a template expression (`value: "{{ calico_autodetection }}"`): a choice we cannot read. */
const CALICO_TEMPLATED = /IP_AUTODETECTION_METHOD["']?\s*(?:[=:,]|\n\s*value:)\s*["']?\{\{/;

/**
 * The flanneld argument list around `--kube-subnet-mgr` (from its `args:`/`command:` key) holds a template
 * expression or condition (`{% if iface %}- --iface={{ iface }}{% endif %}`, `- {{ flannel_opts }}`): an
 * interface may be given there, so the text alone does not show Flannel without one.
 */
function templatedArgs(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const key = Math.max(before.lastIndexOf('args:'), before.lastIndexOf('command:'));
  if (key < 0) return false;
  const lineEnd = text.indexOf('\n', at);
  const list = text.slice(key, lineEnd < 0 ? text.length : lineEnd);
  const rest = text.slice(lineEnd < 0 ? text.length : lineEnd);
  const tail = /^(?:\n[ \t]*(?:-[^\n]*|\{[%{#][^\n]*)?)*/.exec(rest)?.[0] ?? '';
  return /\{\{|\{%/.test(list + tail);
}
/** FLANNELD_IFACE read from a ConfigMap key (Canal: `configMapKeyRef: {name: canal-config, key: canal_iface}`). */
const IFACE_FROM_KEY =
  /FLANNELD_IFACE["']?[ \t]*\n[ \t]*valueFrom:[ \t]*\n[ \t]*configMapKeyRef:[ \t]*\n(?:[ \t]*(?:name|optional):[^\n]*\n)*[ \t]*key:[ \t]*["']?([\w.-]+)/;

/**
 * Where the file leaves the ConfigMap key of FLANNELD_IFACE empty (`canal_iface: ""`, as Canal ships): flanneld then
 * takes the default-route interface, so the env variable is no interface choice. Undefined when the key is set or
 * not read.
 */
function emptyIfaceKey(text: string): { index: number; length: number; key: string } | undefined {
  const ref = IFACE_FROM_KEY.exec(text);
  if (ref === null) return undefined;
  const key = ref[1] as string;
  const m = new RegExp(`^([ \\t]*)${key.replace(/\./g, '\\.')}:[ \\t]*(?:""|'')?[ \\t]*$`, 'm').exec(text);
  if (m === null) return undefined;
  const indent = (m[1] as string).length;
  return { index: m.index + indent, length: m[0].length - indent, key };
}

const CALICO_IP_ENV = /-[ \t]*name:[ \t]*IP[ \t]*\n[ \t]*value:[ \t]*["']?autodetect["']?/g;
const INSTALLATION = /^kind:[ \t]*Installation[ \t]*$/gm;

function why(cni: 'flannel' | 'calico'): string {
  return cni === 'flannel'
    ? "Flannel takes the interface of the default route, which under Vagrant is the NAT NIC (10.0.2.15 on every VM): pods on different nodes cannot reach each other. Add --iface-can-reach=<a node address> (or --iface=<private NIC>) to kube-flannel's args"
    : "Calico's default first-found autodetection can pick the NAT NIC (10.0.2.15 on every VM): cross-node pod traffic breaks. Set IP_AUTODETECTION_METHOD=kubernetes-internal-ip (or can-reach=/interface=) on calico-node, or nodeAddressAutodetectionV4 in the Installation";
}

/**
 * `path` is named by one of the mentions: the same path, a path ending in its last two parts
 * (`templates/calico/3.15/calico.yaml` for `src: calico/3.15/calico.yaml`), or for a file at the project
 * root any path ending in its name (`/vagrant/calico.yml`). A bare name (`calico.yaml`) names no file in a folder.
 */
function mentioned(path: string, mentions: ReadonlySet<string>): boolean {
  const parts = path.split('/');
  const tail = parts.slice(-2).join('/');
  for (const m of mentions) {
    if (m === path) return true;
    if (parts.length === 1 ? m.endsWith(`/${path}`) : m === tail || m.endsWith(`/${tail}`)) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'cni-interface-unset',
    title: 'CNI without an interface choice in a multi-NIC Vagrant project',
    severity: 'warning',
    runbook: 'cni-nat-interface',
    kinds: ['playbook', 'tasks', 'vars', 'shell', 'vagrantfile', 'template', 'yaml', 'cni-manifest'],
    description:
      'In a project whose Vagrantfile gives the VMs a private_network or a bridged public_network (so each VM has the NAT ' +
      'NIC, which keeps the default route, plus a second one), ' +
      'a Flannel manifest, Flannel args or chart, a Calico manifest, a Tigera Installation, or an upstream manifest URL ' +
      'applied as is, with no interface choice anywhere in the same file: Flannel --iface/--iface-regex/--iface-can-reach, ' +
      'Calico IP_AUTODETECTION_METHOD other than first-found, or nodeAddressAutodetectionV4 (FLANNELD_IFACE read from a ' +
      'ConfigMap key the manifest leaves empty, Canal\'s `canal_iface: ""`, is no choice: reported at that key); or such a choice patched ' +
      'in anywhere in the project (sed/perl/yq on the downloaded manifest, kubectl set env / patch, helm --set), or ' +
      'template expressions among the flanneld args (`{% if iface %}- --iface={{ iface }}{% endif %}`) or as the Calico ' +
      'method value, which may hold the choice. Both then tend to use the NAT ' +
      'address 10.0.2.15, the same on every VM. Otherwise per file: a choice written into another manifest of the project is not seen. ' +
      'Passes: a single-machine Vagrantfile (no pod traffic between nodes), and projects whose Vagrantfiles only use ' +
      'another provider (libvirt, docker: no shared NAT address). An Ansible folder with its own inventory inside the ' +
      "Vagrant lab's folder belongs to that lab. The CNI's own manifests in the project (a vendored calico.yaml or " +
      'kube-flannel.yml, a Tigera Installation) are read although other Kubernetes manifests are skipped, when another ' +
      'file of the project names them (kubectl apply -f, a template src:), and a ' +
      'manifest URL may hold Jinja (`.../v{{ calico_version }}/manifests/calico.yaml` fetched with get_url).',
  },
  check(file, ctx) {
    // A second NIC: a private_network, or a bridged public_network (the NAT NIC still holds the default route).
    if (ctx.facts.privateNetworks.length === 0 && !ctx.facts.vagrantSecondNic) return [];
    if (ctx.facts.vagrantMachines === 1 || ctx.facts.vagrantNotVirtualbox === true || ctx.facts.vagrantLibvirt)
      return [];
    // A vendored manifest counts when another file of the project names it (applies it, templates it).
    if (file.kind === 'cni-manifest' && !mentioned(file.path, ctx.facts.yamlMentions)) return [];
    const reports: RuleReport[] = [];
    // A choice patched in by another file (sed on the downloaded manifest, kubectl set env) counts too.
    const patched = ctx.facts.cniInterfacePatched;
    const emptyKey = file.kind === 'shell' || file.kind === 'vagrantfile' ? undefined : emptyIfaceKey(file.text);
    // An empty canal_iface is no choice (FLANNELD_IFACE is then left out of the test).
    const flannelText = emptyKey === undefined ? file.text : file.text.replace(/FLANNELD_IFACE/g, '');
    const flannelChosen = FLANNEL_CHOICE.test(flannelText) || patched?.flannel === true;
    const calicoChosen = CALICO_CHOICE.test(file.text) || CALICO_TEMPLATED.test(file.text) || patched?.calico === true;
    const push = (region: TextRegion, index: number, length: number, cni: 'flannel' | 'calico', what: string): void => {
      reports.push({
        start: region.start + index,
        end: region.start + index + length,
        message: `${what}: ${why(cni)}`,
      });
    };
    // YAML and templates: the whole text with comment lines blanked (a manifest's env spans several scalars).
    const whole: TextRegion = {
      start: 0,
      text: blankCommentLines(file.text),
      origin: 'template',
    };
    const regions = file.kind === 'shell' || file.kind === 'vagrantfile' ? file.regions : [whole];
    for (const region of regions) {
      const text = region.text;
      if (!flannelChosen && emptyKey !== undefined) {
        // One finding, where the interface is left empty (not again at --kube-subnet-mgr).
        push(
          region,
          emptyKey.index,
          emptyKey.length,
          'flannel',
          `${emptyKey.key} is empty, so FLANNELD_IFACE names no interface (set it to the private NIC, e.g. "enp0s8")`,
        );
      } else if (!flannelChosen) {
        for (const m of text.matchAll(FLANNEL_ARGS)) {
          if (region.origin === 'template' && templatedArgs(text, m.index)) continue;
          push(region, m.index, m[0].length, 'flannel', 'kube-flannel runs without --iface');
        }
      }
      if (!calicoChosen) {
        for (const m of text.matchAll(CALICO_IP_ENV)) {
          const at = m.index + m[0].indexOf('name');
          push(region, at, 'name: IP'.length, 'calico', 'calico-node autodetects its address with first-found');
        }
        for (const m of text.matchAll(INSTALLATION)) {
          if (/calicoNetwork/.test(text))
            push(region, m.index, m[0].length, 'calico', 'Installation without nodeAddressAutodetectionV4');
        }
      }
      for (const m of text.matchAll(MANIFEST_URL)) {
        const cni = /flannel/.test(m[0]) ? 'flannel' : 'calico';
        if (cni === 'flannel' ? flannelChosen : calicoChosen) continue;
        if (canalPatchedBelow(text, m.index + m[0].length)) continue;
        push(
          region,
          m.index,
          m[0].length,
          cni,
          `upstream ${cni === 'flannel' ? 'Flannel' : 'Calico'} manifest applied unchanged`,
        );
      }
      for (const m of text.matchAll(HELM_INSTALL)) {
        const cni = m[1] === 'flannel/flannel' ? 'flannel' : 'calico';
        if (cni === 'flannel' ? flannelChosen : calicoChosen) continue;
        push(
          region,
          m.index + m[0].lastIndexOf(m[1] as string),
          (m[1] as string).length,
          cni,
          `helm chart ${m[1]} without an interface value`,
        );
      }
    }
    return reports;
  },
});
