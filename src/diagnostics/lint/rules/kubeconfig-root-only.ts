import { kubeconfigCopies } from '../kubeconfig';
import { defineRule, type RuleReport } from '../types';

export default defineRule({
  meta: {
    id: 'kubeconfig-root-only',
    title: 'Admin kubeconfig copied only for root',
    severity: 'warning',
    runbook: 'kubectl-localhost-8080',
    kinds: ['playbook', 'tasks', 'shell', 'vagrantfile', 'template'],
    description:
      '/etc/kubernetes/admin.conf copied to $HOME/.kube/config (or ~/.kube, /root/.kube) by something that runs as root ' +
      '(become without become_user, a privileged Vagrant provisioner, a script that runs kubeadm init) while nothing in ' +
      'the project gives the login user (vagrant, ansible_user) a copy. kubectl as that user then finds no kubeconfig ' +
      'and tries localhost:8080. Passes when a copy goes to /home/<user>/.kube/config, to ~<user>, with become_user, or ' +
      'via sudo -u, and in a project without a Vagrantfile whose nodes are LXD/Incus containers entered with ' +
      '`lxc exec` / `incus exec` (a root shell: root is the user who runs kubectl there).',
  },
  check(file, ctx) {
    if (ctx.facts.kubeconfigForLoginUser || ctx.facts.rootLoginContainers === true) return [];
    const reports: RuleReport[] = [];
    for (const copy of kubeconfigCopies(file, ctx.facts)) {
      if (copy.owner !== 'root') continue;
      reports.push({
        start: copy.start,
        end: copy.end,
        message: `admin.conf goes to ${copy.dest} in root's home only (this runs as root); kubectl as the login user then falls back to localhost:8080. Also copy it to /home/<user>/.kube/config owned by that user`,
      });
    }
    return reports;
  },
});
