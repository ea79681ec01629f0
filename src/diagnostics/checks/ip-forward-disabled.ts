/**
 * IPv4 forwarding is off. kubeadm's preflight fails with
 * "[ERROR FileContent--proc-sys-net-ipv4-ip_forward]" and pod traffic cannot leave the node.
 */

import { ipForwardProbe, parseIpForward } from '../probes/ip-forward';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'ip-forward-disabled',
  title: 'IPv4 forwarding is on',
  titleKo: 'IPv4 포워딩이 켜져 있다',
  runbook: 'kubeadm-join-hangs',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const PROBE = ipForwardProbe.name;
const FIX = "echo 'net.ipv4.ip_forward = 1' | sudo tee /etc/sysctl.d/k8s.conf && sudo sysctl --system";

export default defineCheck({
  meta,
  probes: [ipForwardProbe],
  analyze: ({ r, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const parsed = parseIpForward(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, PROBE, parsed.what, parsed.line, parsed.no)];
    const { value, persisted } = parsed.value;
    if (value === 'missing') return [r.skip('/proc/sys/net/ipv4/ip_forward does not exist (no IPv4 in this kernel?)')];
    const evidence = [`/proc/sys/net/ipv4/ip_forward = ${value}`, ...persisted];
    if (value === '1') {
      const last = persisted[persisted.length - 1];
      return [
        r.pass(
          last === undefined
            ? 'ip_forward is 1 (not set in any sysctl file: whatever set it must run again after a reboot)'
            : 'ip_forward is 1',
          { evidence },
        ),
      ];
    }
    if (value === '0') {
      return [
        r.fail('ip_forward is 0: kubeadm preflight fails and pod traffic is not routed', {
          evidence,
          fix: FIX,
        }),
      ];
    }
    return [unexpected(r, PROBE, 'ip_forward is neither 0 nor 1', value, 1)];
  },
});
