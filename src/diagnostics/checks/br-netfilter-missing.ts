/**
 * br_netfilter is not loaded, or bridge-nf-call-iptables is 0: traffic between pods on a Linux
 * bridge (flannel, the bridge CNI plugin, ...) then bypasses iptables, so Service IPs and
 * NetworkPolicies do not work for it. kubeadm before 1.30 stopped in preflight on this;
 * kubeadm 1.30 removed that preflight check (kubernetes/kubernetes#123464), so today it only
 * shows up as broken Services. Hence a warning, not an error.
 */

import { brNetfilterProbe, parseBrNetfilter } from '../probes/br-netfilter';
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

const PROBE = brNetfilterProbe.name;
const FIX =
  "sudo modprobe br_netfilter && echo br_netfilter | sudo tee /etc/modules-load.d/k8s.conf && printf 'net.bridge.bridge-nf-call-iptables = 1\\nnet.bridge.bridge-nf-call-ip6tables = 1\\n' | sudo tee /etc/sysctl.d/k8s-bridge.conf && sudo sysctl --system";

export default defineCheck({
  meta,
  probes: [brNetfilterProbe],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseBrNetfilter(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    const { module, sysfs, call, sysctl, persisted } = parsed.value;
    const evidence = [
      `module: ${module}`,
      `/sys/module/br_netfilter: ${sysfs}`,
      ...Object.entries(sysctl).map(([key, value]) => `net.bridge.${key}: ${value}`),
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
