/**
 * IPv4 forwarding is off. kubeadm's preflight fails with
 * "[ERROR FileContent--proc-sys-net-ipv4-ip_forward]" and pod traffic cannot leave the node.
 */

import { splitBlocks, splitTag } from '../probes/blocks';
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

const PROBE = 'ip-forward';
const FIX = "echo 'net.ipv4.ip_forward = 1' | sudo tee /etc/sysctl.d/k8s.conf && sudo sysctl --system";

export default defineCheck({
  meta,
  probes: [
    {
      name: PROBE,
      command: [
        'if [ -r /proc/sys/net/ipv4/ip_forward ]; then v=; IFS= read -r v </proc/sys/net/ipv4/ip_forward; echo "value $v"; else echo "value missing"; fi',
        // Each line prefixed by builtins (was `| sed`; issue 16).
        "nl='",
        "'",
        "out=$(grep -s -r -E '^[[:space:]]*net[./]ipv4[./]ip_forward[[:space:]]*=' /etc/sysctl.conf /etc/sysctl.d /run/sysctl.d /usr/lib/sysctl.d)",
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
    let value: string | undefined;
    const persisted: string[] = [];
    for (const { text, no } of head) {
      if (text.trim() === '') continue;
      const [tag, rest] = splitTag(text);
      if (tag === 'value') value = rest;
      else if (tag === 'persist') persisted.push(rest);
      else return [unexpected(r, PROBE, 'expected "value ..." or "persist ..." lines', text, no)];
    }
    if (value === undefined || !complete) {
      return [unexpected(r, PROBE, 'no "value" line and end marker (output cut short?)', gate.value.lines[0] ?? '', 1)];
    }
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
