import { aptSubcommand } from '../apt';
import { CONTAINERD_PACKAGE } from '../containerd';
import { blankCommentLines } from '../match';
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

/** containerd 1.x's CRI plugin table by its full id, the spelling of config version 2. */
const V2_CRI_TABLE = /^[ \t]*\[plugins\."io\.containerd\.grpc\.v1\.cri"[\].][^\n]*/m;
const VERSION_LINE = /^[ \t]*version[ \t]*=[ \t]*[23]\b/m;
/** The command line that feeds a heredoc to containerd's config.toml: `cat <<EOF | tee [-a] ...`, `cat >> ... <<EOF`. */
const WRITES_CONFIG = /(?:\btee\b[^\n|;&]*|>>?[ \t]*)\/etc\/containerd\/config\.toml\b/;
const APPENDS = /\btee\b[^\n|;&]*(?:[ \t]-a\b|--append\b)|>>/;

/**
 * A heredoc that writes `[plugins."io.containerd.grpc.v1.cri"...] SystemdCgroup = true` to
 * /etc/containerd/config.toml with no `version = 2` line in the result: containerd 1.x reads a config without a
 * version as version 1, where plugin tables go by their short id (`[plugins.cri]`), so it ignores the table and runc
 * stays on cgroupfs. An append (`tee -a`, `>>`) counts when the file never writes a versioned config itself
 * (`containerd config default`, `version = 2`): Docker's containerd.io ships config.toml with none.
 */
function unversionedCriTables(file: LintFile): RuleReport[] {
  if (!file.text.includes('io.containerd.grpc.v1.cri')) return [];
  const reports: RuleReport[] = [];
  const fileVersioned = VERSION_LINE.test(file.text) || /\bcontainerd\s+config\s+default\b/.test(file.text);
  for (const body of file.shell) {
    for (const heredoc of body.heredocs) {
      const from = heredoc.start - body.start;
      const doc = body.masked.slice(from, heredoc.end - body.start);
      const table = V2_CRI_TABLE.exec(doc);
      if (table === null || !SYSTEMD_TRUE.test(doc) || VERSION_LINE.test(doc)) continue;
      const lineStart = body.masked.lastIndexOf('\n', from - 2) + 1;
      const commandLine = body.masked.slice(lineStart, Math.max(lineStart, from - 1));
      if (!WRITES_CONFIG.test(commandLine)) continue;
      const append = APPENDS.test(commandLine);
      if (append && fileVersioned) continue;
      const at = body.start + from + table.index + (table[0].length - table[0].trimStart().length);
      reports.push({
        start: at,
        end: body.start + from + table.index + table[0].length,
        message: `${append ? 'appended to' : 'written to'} /etc/containerd/config.toml with no "version = 2" line${
          append ? " (Docker's containerd.io ships config.toml without one)" : ''
        }: containerd 1.x then reads a version-1 config, where the CRI plugin's table is [plugins.cri], ignores this [plugins."io.containerd.grpc.v1.cri"...] table, and runc stays on cgroupfs while kubeadm sets the kubelet to systemd; write the whole config instead: containerd config default > /etc/containerd/config.toml, then set SystemdCgroup = true with sed`,
      });
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
      'Docker or CRI-O. Also a heredoc that writes or appends `[plugins."io.containerd.grpc.v1.cri"...] SystemdCgroup = true` ' +
      'to /etc/containerd/config.toml with no `version = 2` line (containerd 1.x reads it as version 1 and ignores the ' +
      'table; an append counts when the same file writes no versioned config). Passes: SystemdCgroup = true in the ' +
      'options table of a versioned config, or a sed/replace/lineinfile that sets it.',
  },
  check(file, ctx) {
    const reports: RuleReport[] = [...unconfiguredPackage(file, ctx.facts), ...unversionedCriTables(file)];
    // A SystemdCgroup = true that is only a comment (a note of what to edit) sets nothing.
    const setsTrue = SYSTEMD_TRUE.test(blankCommentLines(file.text));
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
