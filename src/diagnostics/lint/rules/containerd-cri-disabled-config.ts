import { defineRule, type RuleReport } from '../types';

/** `disabled_plugins = [... "cri" ...]` or the v2/v3 long names, at the start of a TOML line (not commented out). */
const DISABLED = /^[ \t]*disabled_plugins[ \t]*=[ \t]*\[[^\]\n]*?(["'])(cri|io\.containerd\.grpc\.v1\.cri)\1/gm;

/** A line that edits the text rather than writing it (sed/perl/lineinfile regexp): a fix, not the mistake. */
const EDITING = /\bsed\b|\bperl\b|\bs\/|regexp:/;

export default defineRule({
  meta: {
    id: 'containerd-cri-disabled-config',
    title: 'containerd config that disables the CRI plugin',
    severity: 'error',
    runbook: 'containerd-cri-disabled',
    kinds: ['template', 'playbook', 'tasks', 'vars', 'shell', 'vagrantfile', 'yaml'],
    description:
      'A containerd config.toml (a file, a template, `copy: content:`, a heredoc or an inline provisioner) whose ' +
      '`disabled_plugins` lists "cri" or "io.containerd.grpc.v1.cri". That is the file Docker\'s containerd.io package ' +
      'ships; with it containerd does not serve the CRI API, and kubeadm preflight fails with "[ERROR CRI]: container ' +
      'runtime is not running ... unknown service runtime.v1.RuntimeService". Passes: `disabled_plugins = []`, a config ' +
      'from `containerd config default`, and sed/lineinfile edits that remove the entry.',
  },
  check(file) {
    const reports: RuleReport[] = [];
    for (const region of file.regions) {
      for (const m of region.text.matchAll(DISABLED)) {
        const lineStart = region.text.lastIndexOf('\n', m.index) + 1;
        const lineEnd = region.text.indexOf('\n', m.index);
        const line = region.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
        if (EDITING.test(line)) continue;
        const at = region.start + m.index + (m[0].length - m[0].trimStart().length);
        reports.push({
          start: at,
          end: region.start + m.index + m[0].length + 1,
          message: `disabled_plugins lists "${m[2]}": containerd will not serve the CRI API and kubeadm/kubelet cannot use it ("unknown service runtime.v1.RuntimeService"); use disabled_plugins = [] or regenerate the file with containerd config default`,
        });
      }
    }
    return reports;
  },
});
