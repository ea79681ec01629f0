import { keyContext, regionMatches } from '../match';
import { defineRule, type RuleReport } from '../types';

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
    kinds: ['playbook', 'tasks', 'vars', 'inventory', 'template', 'yaml'],
    description:
      'ansible_default_ipv4 is the address of the interface that holds the default route. On a Vagrant VM that is the ' +
      'NAT interface (10.0.2.15 on every node), not the private network, so an API server advertise address, a ' +
      'kubelet --node-ip or a join endpoint built from it points at the wrong, shared address. Flags the fact where ' +
      'its key, line, task or template is about the API server, node IP, control plane, kubeadm/kubelet, join or ' +
      "port 6443. Use the inventory address (hostvars[inventory_hostname]['ansible_host']) or the private interface's " +
      'fact (ansible_eth1.ipv4.address).',
  },
  check(file) {
    const reports: RuleReport[] = [];
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
