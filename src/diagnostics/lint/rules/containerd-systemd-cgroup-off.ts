import { aptSubcommand } from '../apt';
import { CONTAINERD_PACKAGE } from '../containerd';
import { simpleCommand } from '../shell';
import { defineRule, type LintFile, type ProjectFacts, type RuleReport } from '../types';

/** The CRI plugin's section in containerd config v2 (1.x) and v3 (2.x). */
const CRI_SECTION =
  /^[ \t]*\[plugins\.(?:"io\.containerd\.grpc\.v1\.cri"|'io\.containerd\.cri\.v1\.runtime'|"io\.containerd\.cri\.v1\.runtime")[\].]/m;
const RUNC_OPTIONS = /^[ \t]*\[plugins\.[^\]\n]*\.runtimes\.runc\.options\][ \t]*$/gm;
const RUNC_OPTIONS_ANY = /\.runtimes\.runc\.options\]/;
const SYSTEMD_FALSE = /^[ \t]*SystemdCgroup[ \t]*=[ \t]*false\b/gm;
const SYSTEMD_TRUE =
  /SystemdCgroup[ \t\\]*=[ \t\\]*true|SystemdCgroup\s*:\s*['"]?true|systemd_cgroup\s*[:=]\s*['"]?true/i;
const TABLE = /^[ \t]*\[/m;
const EDITING = /\bsed\b|\bperl\b|\bs\/|regexp:|replace:/;
const CONFIG_PATH = /containerd\/config\.toml/;
/** A sed/perl substitution `s/<pattern>/<replacement>/` on one line; the delimiter may be / | # , or :. */
const SUBSTITUTION = /\b(sed|perl)\b[^\n]*?\bs([/|#,:])((?:(?!\2)[^\n])*)\2((?:(?!\2)[^\n])*)\2/g;
const REPLACEMENT_FALSE = /SystemdCgroup[ \t\\]*=[ \t\\]*false/;

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  const end = text.indexOf('\n', index);
  return text.slice(start, end === -1 ? undefined : end);
}

/** An apt/package task's list item or name that is the distribution's containerd package. */
const TASK_PACKAGE = /(?:^[ \t]*-[ \t]+|\b(?:name|pkg):[ \t]*|[[,][ \t]*)["']?(containerd)["']?[ \t]*(?=$|[\],#])/gm;

const UNCONFIGURED =
  "the distribution's containerd package is installed and nothing in the project writes /etc/containerd/config.toml " +
  '(Debian ships one without SystemdCgroup, Ubuntu none): runc then uses cgroupfs while kubeadm (>= 1.22) sets the ' +
  'kubelet to systemd, and control-plane pods restart over and over; write containerd config default to ' +
  '/etc/containerd/config.toml, set SystemdCgroup = true and restart containerd';

/**
 * The containerd of Ubuntu/Debian installed and never configured, in a kubeadm project whose release is
 * unpinned or >= 1.22 and that installs no other runtime (Docker, CRI-O).
 */
function unconfiguredPackage(file: LintFile, facts: ProjectFacts): RuleReport[] {
  if (facts.containerdConfigured === true || facts.otherRuntime === true || facts.usesKubeadm !== true) return [];
  const minors = facts.kubeadmMinors ?? [];
  if (minors.length > 0 && Math.max(...minors) < 22) return [];
  if (!/\bcontainerd\b/.test(file.text)) return [];
  const reports: RuleReport[] = [];
  for (const task of file.tasks) {
    if (task.module !== 'apt' && task.module !== 'package') continue;
    const text = file.text.slice(task.start, task.end);
    for (const m of text.matchAll(TASK_PACKAGE)) {
      const at = task.start + m.index + m[0].indexOf('containerd');
      reports.push({ start: at, end: at + 'containerd'.length, message: UNCONFIGURED });
    }
  }
  for (const body of file.shell) {
    for (const command of body.commands) {
      if (aptSubcommand(command) !== 'install') continue;
      const word = simpleCommand(command)?.args.find((w) => CONTAINERD_PACKAGE.test(w.value));
      if (word !== undefined) reports.push({ start: word.start, end: word.end, message: UNCONFIGURED });
    }
  }
  return reports;
}

export default defineRule({
  meta: {
    id: 'containerd-systemd-cgroup-off',
    title: "containerd's runc runtime left on the cgroupfs driver",
    severity: 'error',
    runbook: 'cgroup-driver-mismatch',
    kinds: ['template', 'playbook', 'tasks', 'vars', 'shell', 'vagrantfile', 'yaml'],
    description:
      'A containerd config (file, template, `copy: content:`, heredoc) whose runc options say `SystemdCgroup = false` ' +
      'or whose runc options table has no SystemdCgroup key, and a `containerd config default > /etc/containerd/config.toml` ' +
      'step with no later edit that sets SystemdCgroup = true. kubeadm configures the kubelet for the systemd cgroup ' +
      "driver (its default since v1.22); containerd's default config uses cgroupfs, and the mismatch makes control-plane " +
      'pods restart over and over; also a sed/perl substitution whose replacement writes SystemdCgroup = false. Also the Ubuntu/Debian `containerd` package (not containerd.io) installed ' +
      'where nothing in the project writes or edits /etc/containerd/config.toml, with kubeadm unpinned or >= 1.22 and no ' +
      'Docker or CRI-O. Passes: SystemdCgroup = true in the options table, or a sed/replace/lineinfile that sets it.',
  },
  check(file, ctx) {
    const reports: RuleReport[] = unconfiguredPackage(file, ctx.facts);
    const setsTrue = SYSTEMD_TRUE.test(file.text);
    for (const region of file.regions) {
      const text = region.text;
      // A substitution whose replacement writes SystemdCgroup = false (flips the true of a default or a template).
      for (const m of text.matchAll(SUBSTITUTION)) {
        if (!REPLACEMENT_FALSE.test(m[4] as string) || REPLACEMENT_FALSE.test(m[3] as string)) continue;
        reports.push({
          start: region.start + m.index,
          end: region.start + m.index + m[0].length,
          message:
            'this substitution sets SystemdCgroup = false: runc then uses cgroupfs while kubeadm sets the kubelet to systemd (default since v1.22): control-plane pods restart at random; substitute SystemdCgroup = true instead',
        });
      }
      const section = CRI_SECTION.exec(text);
      if (section === null) continue;
      if (!/SystemdCgroup/.test(text) && !RUNC_OPTIONS_ANY.test(text)) {
        const at = section.index + (section[0].length - section[0].trimStart().length);
        reports.push({
          start: region.start + at,
          end: region.start + text.indexOf(']', at) + 1,
          message:
            'containerd CRI config without SystemdCgroup: runc then uses cgroupfs, while kubeadm sets the kubelet to systemd (default since v1.22); add [...runtimes.runc.options] SystemdCgroup = true',
        });
        continue;
      }
      for (const m of text.matchAll(SYSTEMD_FALSE)) {
        if (EDITING.test(lineAt(text, m.index))) continue;
        const at = m.index + (m[0].length - m[0].trimStart().length);
        reports.push({
          start: region.start + at,
          end: region.start + m.index + m[0].length,
          message:
            'SystemdCgroup = false runs containers under cgroupfs while kubeadm sets the kubelet to systemd (default since v1.22): control-plane pods restart at random; set SystemdCgroup = true',
        });
      }
      for (const m of text.matchAll(RUNC_OPTIONS)) {
        const bodyStart = m.index + m[0].length;
        const rest = text.slice(bodyStart);
        const next = TABLE.exec(rest);
        const body = next === null ? rest : rest.slice(0, next.index);
        if (/^[ \t]*SystemdCgroup[ \t]*=/m.test(body)) continue;
        const at = m.index + (m[0].length - m[0].trimStart().length);
        reports.push({
          start: region.start + at,
          end: region.start + m.index + m[0].trimEnd().length,
          message:
            'runc options without SystemdCgroup: containerd then uses cgroupfs, while kubeadm sets the kubelet to systemd (default since v1.22); add SystemdCgroup = true',
        });
      }
    }
    if (!setsTrue) {
      for (const body of file.shell) {
        for (const command of body.commands) {
          const simple = simpleCommand(command);
          if (simple === undefined) continue;
          const args = simple.args.map((w) => w.value);
          const isDefault = simple.name === 'containerd' && args[0] === 'config' && args[1] === 'default';
          if (!isDefault) continue;
          const toFile = command.redirects.some((r) => r.op.startsWith('>') && CONFIG_PATH.test(r.target?.value ?? ''));
          const eol = file.text.indexOf('\n', command.end);
          const piped = CONFIG_PATH.test(file.text.slice(command.end, eol === -1 ? undefined : eol));
          if (!toFile && !piped) continue;
          reports.push({
            start: simple.nameWord.start,
            end: command.end,
            message:
              "containerd config default writes SystemdCgroup = false (cgroupfs) and nothing here sets it to true; kubeadm's kubelet uses systemd: add sed -i 's/SystemdCgroup = false/SystemdCgroup = true/' /etc/containerd/config.toml and restart containerd",
          });
        }
      }
    }
    return reports;
  },
});
