import { simpleCommand } from '../shell';
import { defineRule, type RuleReport } from '../types';

const WHY =
  'apt-key is deprecated (apt-key(8): last shipped in Debian 12 and Ubuntu 24.04) and trusts the key for every repository';
const FIX = 'download the key to /etc/apt/keyrings/<name>.gpg (gpg --dearmor) and reference it with signed-by';

export default defineRule({
  meta: {
    id: 'apt-key-deprecated',
    title: 'apt-key / apt_key used to trust a repository key',
    severity: 'warning',
    runbook: 'kubernetes-apt-repo-moved',
    kinds: ['playbook', 'tasks', 'shell', 'vagrantfile', 'template'],
    description:
      'Flags the `apt_key` module and `apt-key add` / `apt-key adv` in shell bodies. Keys added with apt-key land in ' +
      'the global keyring and are trusted for every source; apt warns about it since Ubuntu 22.04 and newer releases ' +
      'drop the tool. Put the key in /etc/apt/keyrings and name it with signed-by on the one source that needs it.',
  },
  check(file) {
    const reports: RuleReport[] = [];
    for (const task of file.tasks) {
      if (task.module !== 'apt_key') continue;
      if (String(task.args.get('state')?.value ?? 'present') === 'absent') continue;
      reports.push({
        start: task.moduleKey?.range?.[0] ?? task.start,
        end: task.moduleKey?.range?.[1] ?? task.end,
        message: `the apt_key module wraps apt-key: ${WHY}; ${FIX} (ansible.builtin.get_url + deb822_repository signed_by)`,
      });
    }
    for (const body of file.shell) {
      for (const command of body.commands) {
        const simple = simpleCommand(command);
        if (simple?.name !== 'apt-key') continue;
        // `apt-key --keyring FILE add -` : look for the subcommand anywhere among the arguments.
        const sub = simple.args.find((w) => w.value === 'add' || w.value === 'adv')?.value;
        if (sub === undefined) continue;
        reports.push({
          start: simple.nameWord.start,
          end: command.end,
          message: `"apt-key ${sub}": ${WHY}; ${FIX}`,
        });
      }
    }
    return reports;
  },
});
