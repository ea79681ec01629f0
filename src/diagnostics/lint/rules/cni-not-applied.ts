import { simpleCommand } from '../shell';
import { defineRule, type RuleReport } from '../types';

export default defineRule({
  meta: {
    id: 'cni-not-applied',
    title: 'kubeadm init with no CNI applied anywhere in the project',
    severity: 'warning',
    runbook: 'cni-not-installed',
    kinds: ['playbook', 'tasks', 'shell', 'vagrantfile', 'template'],
    description:
      'A script, task or Vagrant provisioner runs `kubeadm init`, and no file of the linted project applies a pod ' +
      'network: kubectl apply/create of a Flannel, Calico, Cilium, Weave, Antrea or kube-router manifest (or a file or ' +
      'variable named after a CNI), helm install of one, the cilium CLI, or an Ansible k8s/helm task with one. kubeadm ' +
      'does not install a CNI: nodes stay NotReady ("cni plugin not initialized") and CoreDNS stays Pending. A warning: ' +
      'the CNI may be applied by hand or from outside the linted directory.',
  },
  check(file, ctx) {
    if (ctx.facts.cniApplied) return [];
    const reports: RuleReport[] = [];
    for (const body of file.shell) {
      for (const command of body.commands) {
        const simple = simpleCommand(command);
        if (simple === undefined || simple.name !== 'kubeadm' || simple.args[0]?.value !== 'init') continue;
        const init = simple.args[0];
        reports.push({
          start: simple.nameWord.start,
          end: init.end,
          message:
            'kubeadm init, but nothing in this project applies a pod network (CNI): nodes stay NotReady with "cni plugin not initialized" and CoreDNS stays Pending; apply Flannel, Calico or Cilium right after init (with the same pod CIDR)',
        });
      }
    }
    return reports;
  },
});
