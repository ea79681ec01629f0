/**
 * br_netfilter is not loaded, or bridge-nf-call-iptables is 0: traffic between pods on a Linux
 * bridge (flannel, the bridge CNI plugin, ...) then bypasses iptables, so Service IPs and
 * NetworkPolicies do not work for it. kubeadm before 1.30 stopped in preflight on this;
 * kubeadm 1.30 removed that preflight check (kubernetes/kubernetes#123464), so today it only
 * shows up as broken Services. Hence a warning, not an error.
 */

import { splitBlocks, splitTag } from '../probes/blocks';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'br-netfilter-missing',
  title: 'br_netfilter is loaded and bridged traffic goes through iptables',
  titleKo: 'br_netfilter가 로드되어 브리지 트래픽이 iptables를 거친다',
  runbook: 'kubeadm-join-hangs',
  severity: 'warning',
  roles: ['control-plane', 'worker'],
};

const PROBE = 'br-netfilter';
const FIX =
  "sudo modprobe br_netfilter && echo br_netfilter | sudo tee /etc/modules-load.d/k8s.conf && printf 'net.bridge.bridge-nf-call-iptables = 1\\nnet.bridge.bridge-nf-call-ip6tables = 1\\n' | sudo tee /etc/sysctl.d/k8s-bridge.conf && sudo sysctl --system";

export default defineCheck({
  meta,
  probes: [
    {
      name: PROBE,
      command: [
        'if [ -r /proc/modules ]; then',
        // Builtins only (was `grep -q`; issue 16).
        '  m=not-loaded; while read -r a b; do if [ "$a" = br_netfilter ]; then m=loaded; break; fi; done </proc/modules; echo "module $m"',
        "else echo 'module no-proc-modules'; fi",
        "if [ -d /sys/module/br_netfilter ]; then echo 'sysfs present'; else echo 'sysfs absent'; fi",
        'for k in bridge-nf-call-iptables bridge-nf-call-ip6tables; do',
        '  f=/proc/sys/net/bridge/$k',
        '  if [ -r "$f" ]; then v=; IFS= read -r v <"$f"; echo "sysctl $k $v"; else echo "sysctl $k absent"; fi',
        'done',
        // Each line prefixed by builtins (was `| sed`; issue 16).
        "nl='",
        "'",
        "out=$(grep -s -r -l -E '^[[:space:]]*br_netfilter([[:space:]]|$)' /etc/modules-load.d /etc/modules /usr/lib/modules-load.d /run/modules-load.d)",
        'while [ -n "$out" ]; do l=${out%%"$nl"*}; printf \'persist %s\\n\' "$l"; out=${out#"$l"}; out=${out#"$nl"}; done',
        'echo "### end"',
      ].join('\n'),
    },
  ],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const { head, blocks, complete } = splitBlocks(gate.value.lines);
    const stray = blocks[0];
    if (stray) return [unexpected(r, PROBE, 'unknown marker', `### ${stray.marker} ${stray.args}`, stray.no)];
    let module: string | undefined;
    let sysfs: string | undefined;
    const sysctl = new Map<string, string>();
    const persisted: string[] = [];
    for (const { text, no } of head) {
      if (text.trim() === '') continue;
      const [tag, rest] = splitTag(text);
      if (tag === 'module' && ['loaded', 'not-loaded', 'no-proc-modules'].includes(rest)) module = rest;
      else if (tag === 'sysfs' && (rest === 'present' || rest === 'absent')) sysfs = rest;
      else if (tag === 'sysctl' && /^bridge-nf-call-ip6?tables (absent|\d+)$/.test(rest)) {
        const [key, value] = splitTag(rest);
        sysctl.set(key, value);
      } else if (tag === 'persist' && rest !== '') persisted.push(rest);
      else return [unexpected(r, PROBE, 'expected module/sysfs/sysctl/persist lines', text, no)];
    }
    const call = sysctl.get('bridge-nf-call-iptables');
    if (!complete || module === undefined || sysfs === undefined || call === undefined) {
      return [
        unexpected(r, PROBE, 'some status lines are missing (output cut short?)', gate.value.lines.join(' | '), 1),
      ];
    }
    const evidence = [
      `module: ${module}`,
      `/sys/module/br_netfilter: ${sysfs}`,
      ...[...sysctl].map(([key, value]) => `net.bridge.${key}: ${value}`),
      ...persisted.map((file) => `loaded at boot by ${file}`),
    ];
    if (call === 'absent') {
      return [
        r.warn('br_netfilter is not loaded (/proc/sys/net/bridge/bridge-nf-call-iptables does not exist)', {
          evidence,
          fix: FIX,
        }),
      ];
    }
    if (call === '0') {
      return [
        r.warn('bridge-nf-call-iptables is 0: traffic between pods on a Linux bridge skips iptables (Services break)', {
          evidence,
          fix: FIX,
        }),
      ];
    }
    if (call !== '1') return [unexpected(r, PROBE, 'bridge-nf-call-iptables is neither 0 nor 1', call)];
    if (module === 'loaded' && persisted.length === 0) {
      return [
        r.warn('br_netfilter is loaded now but no modules-load.d file loads it at boot: it is gone after a reboot', {
          evidence,
          fix: 'echo br_netfilter | sudo tee /etc/modules-load.d/k8s.conf',
        }),
      ];
    }
    const how = module === 'loaded' ? 'loaded as a module' : 'built into the kernel';
    return [r.pass(`br_netfilter is ${how} and bridge-nf-call-iptables is 1`, { evidence })];
  },
});
