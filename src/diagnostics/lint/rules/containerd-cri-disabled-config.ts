import { defineRule, type RuleReport } from '../types';

export default defineRule({
  meta: {
    id: 'containerd-cri-disabled-config',
    title: 'TODO(new:runbook) the mistake, as a noun phrase',
    severity: 'warning',
    runbook: 'containerd-cri-disabled',
    kinds: ['playbook', 'tasks', 'shell', 'vagrantfile', 'template'],
    description: 'TODO(new:runbook): what the rule flags, why it breaks a cluster, and what to write instead.',
  },
  check(_file) {
    const reports: RuleReport[] = [];
    // TODO(new:runbook): walk file.tasks / file.shell / file.yaml and push { start, end, message }.
    return reports;
  },
});
