import { defineRule, type RuleReport } from '../types';

export default defineRule({
  meta: {
    id: 'cni-not-applied',
    title: 'TODO(new:runbook) the mistake, as a noun phrase',
    severity: 'warning',
    runbook: 'cni-not-installed',
    kinds: ['playbook', 'tasks', 'shell', 'vagrantfile', 'template'],
    description: 'TODO(new:runbook): what the rule flags, why it breaks a cluster, and what to write instead.',
  },
  check(_file) {
    const reports: RuleReport[] = [];
    // TODO(new:runbook): walk file.tasks / file.shell / file.yaml and push { start, end, message }.
    return reports;
  },
});
