/**
 * Where the admin kubeconfig (/etc/kubernetes/admin.conf) gets copied, and whose home that is.
 * Shared by the kubeconfig-root-only rule and the project facts.
 */
import { stringArg } from './ansible';
import { simpleCommand } from './shell';
import type { AnsibleTask, LintFile, ProjectFacts, ShellBody } from './types';

export interface KubeconfigCopy {
  dest: string;
  start: number;
  end: number;
  /** Whose home the destination is: root's, a login user's, or unknown. */
  owner: 'root' | 'user' | 'unknown';
}

const ADMIN_CONF = /\/etc\/kubernetes\/(?:admin|super-admin)\.conf|\badmin\.conf\b/;
const HOME_RELATIVE =
  /^(?:\$HOME|\$\{HOME\}|~\/|~$|\{\{\s*(?:ansible_env\.HOME|ansible_env\[['"]HOME['"]\]|ansible_user_dir|lookup\(\s*['"]env['"]\s*,\s*['"]HOME['"]\s*\))\s*\}\})/;
const USER_HOME =
  /^(?:\/home\/|\/Users\/|~[A-Za-z_{$]|\/var\/lib\/[a-z]+\/)|\{\{\s*(?:ansible_user|ansible_ssh_user|remote_user|[a-z_]*user[a-z_]*)\s*\}\}|\$SUDO_USER|\$\{SUDO_USER\}|\$USER\b|\$\(\s*logname\s*\)/;

/** Under /home/<user>/ with a folder that is not .kube (a synced folder, a backup place). */
const NOT_KUBECTL_PLACE = /^\/home\/[^/]+\/(?!\.kube(?:\/|$))[^/]+\/.*$/;

function ownerOf(dest: string, runsAsRoot: boolean | undefined, becomeUser?: string): KubeconfigCopy['owner'] {
  if (/^\/root(?:\/|$)/.test(dest)) return 'root';
  // A user's home, but not where kubectl looks: /home/vagrant/config/config (a folder synced to the host).
  if (USER_HOME.test(dest)) return NOT_KUBECTL_PLACE.test(dest) ? 'unknown' : 'user';
  if (HOME_RELATIVE.test(dest)) {
    if (becomeUser !== undefined && becomeUser !== 'root') return 'user';
    if (runsAsRoot === true) return 'root';
    if (runsAsRoot === false) return 'user';
  }
  return 'unknown';
}

/** A shell body that runs kubeadm init/join without sudo runs as root (kubeadm needs it). */
function bodyLooksRoot(body: ShellBody): boolean {
  return body.commands.some((command) => {
    const simple = simpleCommand(command);
    return (
      simple?.name === 'kubeadm' &&
      !simple.wrappers.includes('sudo') &&
      ['init', 'join', 'reset'].includes(simple.args[0]?.value ?? '')
    );
  });
}

export function bodyRunsAsRoot(
  file: LintFile,
  body: ShellBody,
  facts: Pick<ProjectFacts, 'rootScripts' | 'rolesWithBecome'>,
): boolean | undefined {
  if (body.runsAsRoot !== undefined) return body.runsAsRoot;
  if (body.task !== undefined) {
    if (body.task.become === undefined && file.role !== undefined && facts.rolesWithBecome.has(file.role)) {
      return body.task.becomeUser === undefined || body.task.becomeUser === 'root';
    }
    return undefined;
  }
  if (facts.rootScripts.has(file.path)) return true;
  return bodyLooksRoot(body) ? true : undefined;
}

function taskRoot(
  file: LintFile,
  task: AnsibleTask,
  facts: Pick<ProjectFacts, 'rolesWithBecome'>,
): boolean | undefined {
  const become = task.become ?? (file.role !== undefined && facts.rolesWithBecome.has(file.role) ? true : undefined);
  if (become === true) return task.becomeUser === undefined || task.becomeUser === 'root';
  if (become === false) return false;
  return undefined;
}

export function kubeconfigCopies(
  file: LintFile,
  facts: Pick<ProjectFacts, 'rootScripts' | 'rolesWithBecome'>,
): KubeconfigCopy[] {
  const out: KubeconfigCopy[] = [];
  for (const body of file.shell) {
    const asRoot = bodyRunsAsRoot(file, body, facts);
    // Copies of admin.conf made earlier in the body are admin kubeconfigs too (cp admin.conf $dir/config).
    const aliases = new Set<string>();
    // Variables the body assigns (USER_HOME=/home/$USER), to read a destination such as $USER_HOME/.kube/config.
    const assigned = new Map<string, string>();
    for (const m of body.masked.matchAll(/^[ \t]*([A-Za-z_]\w*)=["']?([^\s"';]+)/gm))
      assigned.set(m[1] as string, m[2] as string);
    const expand = (value: string): string =>
      value.replace(/^\$\{?([A-Za-z_]\w*)\}?/, (whole, name: string) =>
        name === 'HOME' ? whole : (assigned.get(name) ?? whole),
      );
    for (const command of body.commands) {
      const simple = simpleCommand(command);
      if (simple === undefined || !['cp', 'install', 'ln', 'rsync'].includes(simple.name)) continue;
      const operands = simple.args.filter((w) => !w.value.startsWith('-'));
      const dest = operands[operands.length - 1];
      if (dest === undefined || operands.length < 2) continue;
      if (!operands.slice(0, -1).some((w) => ADMIN_CONF.test(w.value) || aliases.has(w.value))) continue;
      aliases.add(dest.value);
      const sudoUser = /(?:^|\s)-u\s+(\S+)/.exec(command.words.map((w) => w.value).join(' '));
      const becomeUser =
        command.nested?.user ??
        (simple.wrappers.includes('sudo') && sudoUser !== null ? sudoUser[1] : body.task?.becomeUser);
      out.push({
        dest: dest.value,
        start: dest.start,
        end: dest.end,
        owner: ownerOf(expand(dest.value), asRoot, becomeUser),
      });
    }
  }
  for (const task of file.tasks) {
    // copy, template, and a symlink made with the file module (state: link, src admin.conf).
    const link = task.module === 'file' && stringArg(task, 'state') === 'link';
    if (task.module !== 'copy' && task.module !== 'template' && !link) continue;
    const src = stringArg(task, 'src');
    const dest = stringArg(task, 'dest');
    const destArg = task.args.get('dest');
    if (src === undefined || dest === undefined || destArg === undefined || !ADMIN_CONF.test(src)) continue;
    const owner = stringArg(task, 'owner');
    let who = ownerOf(dest, taskRoot(file, task, facts), task.becomeUser);
    if (who !== 'root' && owner !== undefined && owner !== 'root' && owner !== '0') who = 'user';
    out.push({ dest, start: destArg.start, end: destArg.end, owner: who });
  }
  return out;
}
