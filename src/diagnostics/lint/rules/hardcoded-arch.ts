import { isLegacyKubernetesSource, LEGACY_K8S_URL } from '../../facts/apt-repos';

const LEGACY_K8S_URL_TEST = new RegExp(LEGACY_K8S_URL.source);

import { archGuarded } from '../arch-guard';
import { shellAssignments } from '../dataflow';
import { regionMatches } from '../match';
import { simpleCommand } from '../shell';
import { defineRule, type RuleContext, type RuleReport, type ShellBody, type TextRegion } from '../types';
import { ARCH_WORD } from '../vocab';

/** A URL, allowing Jinja expressions inside it. */
const URL = /(?:https?|ftp):\/\/(?:\{\{[^}\n]*\}\}|[^\s"'<>`)\]\\])+/g;
/** `arch=amd64` among a deb line's options. */
const DEB_ARCH = /\[[^\]\n]*?\barch=(amd64|arm64|armhf|i386|ppc64le|s390x)\b/g;
/** A variable named like an architecture set to a literal: `k8s_arch: amd64`, `ARCH=amd64`. */
const ARCH_VAR_NAME = /(?:^|_)arch(?:itecture)?$/i;
const LITERAL_ARCH = /^["']?(amd64|arm64|x86_64|aarch64|armhf)["']?$/;

const FIX =
  'derive it from the node: {{ arch_map[ansible_architecture] }} with arch_map {x86_64: amd64, aarch64: arm64}, or $(dpkg --print-architecture) in shell';

const CODE_ORIGINS = new Set<TextRegion['origin']>(['yaml-scalar', 'shell', 'template', 'ini-value']);

/** Offsets inside `{{ ... }}` expressions of a text. */
function insideJinja(text: string, at: number): boolean {
  const open = text.lastIndexOf('{{', at);
  if (open < 0) return false;
  const close = text.indexOf('}}', open);
  return close >= at;
}

/** A file or artifact name with an architecture in it: runc.amd64, helm-v3-linux-amd64.tar.gz, linux/amd64. */
const ARTIFACT_ARCH =
  /[-_./](amd64|arm64|x86_64|aarch64)(?![A-Za-z0-9])|(?<![A-Za-z0-9])(amd64|arm64|x86_64|aarch64)[-_.][A-Za-z0-9]|linux[-_/](amd64|arm64)\b/;

/**
 * Ansible variable precedence: role defaults are the weakest; a definition of the same variable
 * with higher precedence (inventory, group_vars, host_vars, play vars, role vars) that does not
 * fix the architecture wins, so the default never reaches a node.
 */
function precedence(path: string): number {
  if (/(?:^|\/)roles\/[^/]+\/defaults\//.test(path)) return 1;
  if (/(?:^|\/)group_vars\//.test(path)) return 3;
  if (/(?:^|\/)host_vars\//.test(path)) return 4;
  if (/(?:^|\/)roles\/[^/]+\/vars\//.test(path)) return 6;
  return 2;
}

function overridden(path: string, name: string, ctx: RuleContext): boolean {
  const own = precedence(path);
  if (own !== 1) return false;
  return (ctx.facts.vars.get(name) ?? []).some(
    (d) => d.path !== path && precedence(d.path) > own && !/amd64|arm64|x86_64|aarch64/.test(d.raw),
  );
}

/** Commands that fetch or unpack a file named by a variable. */
const FETCHERS = new Set(['wget', 'curl', 'tar', 'unzip', 'install', 'mv', 'cp', 'chmod', 'gunzip', 'dpkg', 'rpm']);

/**
 * A shell variable that holds an architecture-specific file name (`HELM_VERSION=helm-v3.4.2-linux-amd64.tar.gz`)
 * and is used later by a download or in a URL: reported at the assignment.
 */
function variableReports(body: ShellBody, region: TextRegion, text: string): RuleReport[] {
  const reports: RuleReport[] = [];
  const assignments = shellAssignments(body).filter(
    // An arch variable set to a bare architecture (ARCH=x86_64) is ARCH_ASSIGNMENT's; helm_arch="linux-amd64" is ours.
    (a) =>
      !a.value.includes('://') &&
      /[-_./]/.test(a.value) &&
      !(ARCH_VAR_NAME.test(a.name) && ARCH_ASSIGNMENT.test(`${a.name}=${a.value}`)),
  );
  for (const a of assignments) {
    ARCH_WORD.lastIndex = 0;
    const m = ARCH_WORD.exec(a.value);
    if (m === null) continue;
    const source = text.slice(a.start, a.end);
    const at = source.indexOf(m[1] as string);
    if (at < 0 || archGuarded(region, a.start - body.start)) continue;
    if (!usedInDownload(body, a.name, a.start)) continue;
    reports.push({
      start: a.start + at,
      end: a.start + at + (m[1] as string).length,
      message: `${a.name}=${a.value} names the ${m[1]} build, and a later download uses it: on a node of another architecture the binary fails with "exec format error"; ${FIX}`,
    });
  }
  return reports;
}

/** An architecture variable set to a literal in shell: `ARCH=amd64`, `ARCH="arm"`, `K8S_ARCH=i386`. */
const ARCH_ASSIGNMENT =
  /^([A-Za-z_]*(?:ARCH|arch)(?:ITECTURE|itecture)?)=(amd64|arm64|x86_64|aarch64|armhf|armel|armv[67]l?|arm|i[3-6]86|386|x86|ppc64le|s390x|riscv64)$/;
const COMMON_ARCH = /^(?:amd64|arm64|x86_64|aarch64|armhf)$/;

/** The variable is used after `after` in a URL or by a command that fetches or unpacks a file. */
function usedInDownload(body: ShellBody, name: string, after: number): boolean {
  const ref = new RegExp(`\\$\\{?${name}\\b`);
  return body.commands.some((command) => {
    if (command.start <= after) return false;
    const simple = simpleCommand(command);
    return command.words.some(
      (w) => ref.test(w.value) && (w.value.includes('://') || (simple !== undefined && FETCHERS.has(simple.name))),
    );
  });
}

export default defineRule({
  meta: {
    id: 'hardcoded-arch',
    title: 'CPU architecture hard-coded in a download or repository',
    severity: 'error',
    runbook: 'exec-format-error',
    kinds: ['playbook', 'tasks', 'vars', 'inventory', 'shell', 'vagrantfile', 'template', 'yaml'],
    description:
      'Download URLs and repository lines that name one architecture (`linux-amd64`, `/bin/linux/amd64/kubeadm`, ' +
      '`runc.amd64`, `deb [arch=amd64]`) and architecture variables set to a literal (`ARCH=amd64`; `arm`, `i386`, ' +
      '`ppc64le` and the like when a later download or URL uses the variable). On a node of the other ' +
      'architecture the binary is downloaded fine and then fails with "exec format error". Passes when the value ' +
      'comes from facts (ansible_architecture, dpkg --print-architecture, uname -m) or the code already branches on ' +
      'the architecture (a task `when:` on ansible_architecture, a Jinja mapping, a shell case/if on uname -m or $ARCH).',
  },
  check(file, ctx) {
    const reports: RuleReport[] = [];
    const regions = file.regions.filter((r) => CODE_ORIGINS.has(r.origin));
    for (const hit of regionMatches(regions, URL, ['://'])) {
      const url = hit.match[0];
      // A legacy Kubernetes repository is reported (once) by apt-repo-legacy-url.
      if (isLegacyKubernetesSource(url)) continue;
      const keyPath = hit.region.keyPath ?? [];
      const key = keyPath[keyPath.length - 1];
      if (typeof key === 'string' && overridden(file.path, key, ctx)) continue;
      const repository =
        /\/(?:yum|rpm|repos?|dists|debian|ubuntu)\//.test(url) || /\bbaseurl\b|\.repo\b|\bdeb\s/.test(hit.line);
      ARCH_WORD.lastIndex = 0;
      for (let m = ARCH_WORD.exec(url); m !== null; m = ARCH_WORD.exec(url)) {
        const at = hit.index + m.index;
        if (insideJinja(hit.region.text, at) || archGuarded(hit.region, at)) continue;
        reports.push({
          start: hit.region.start + at,
          end: hit.region.start + at + (m[1] as string).length,
          message: repository
            ? `${url.length > 90 ? `${url.slice(0, 87)}...` : url} is a package repository for ${m[1]} only: on a node of another architecture the package manager finds no packages there; use the repository's architecture variable ($basearch for yum/dnf) or ${FIX}`
            : `${url.length > 90 ? `${url.slice(0, 87)}...` : url} hard-codes ${m[1]}: on a node of another architecture the binary fails with "exec format error"; ${FIX}`,
        });
        break;
      }
    }
    for (const hit of regionMatches(regions, DEB_ARCH, ['arch='])) {
      const word = hit.match[1] as string;
      const at = hit.index + hit.match[0].length - word.length;
      if (LEGACY_K8S_URL_TEST.test(hit.line)) continue; // one finding for that line: apt-repo-legacy-url
      if (archGuarded(hit.region, at)) continue;
      reports.push({
        start: hit.region.start + at,
        end: hit.region.start + at + word.length,
        message: `apt source pinned to arch=${word}: apt on a node of another architecture finds no packages in it; drop arch= or ${FIX}`,
      });
    }
    for (const region of regions) {
      const keys = region.keyPath ?? [];
      const key = keys[keys.length - 1];
      if (typeof key === 'string' && overridden(file.path, key, ctx)) continue;
      if (file.kind === 'vars' && typeof key === 'string' && !ARCH_VAR_NAME.test(key) && !region.text.includes('://')) {
        const m = ARTIFACT_ARCH.exec(region.text);
        if (m !== null && !archGuarded(region, m.index) && !insideJinja(region.text, m.index)) {
          const word = m[1] ?? m[2] ?? m[3] ?? '';
          const offset = m.index + m[0].indexOf(word);
          reports.push({
            start: region.start + offset,
            end: region.start + offset + word.length,
            message: `${key}: ${region.text.trim()} names the ${word} build for every node: on a node of another architecture the binary fails with "exec format error"; ${FIX}`,
          });
        }
      }
      if (region.origin !== 'shell' && typeof key === 'string' && ARCH_VAR_NAME.test(key)) {
        const m = LITERAL_ARCH.exec(region.text.trim());
        if (m !== null && region.task === undefined && !archGuarded(region, 0)) {
          const offset = region.text.indexOf(m[1] as string);
          reports.push({
            start: region.start + offset,
            end: region.start + offset + (m[1] as string).length,
            message: `${key} is set to ${m[1]} for every node: ${FIX}`,
          });
        }
      }
    }
    for (const body of file.shell) {
      const region: TextRegion = { start: body.start, text: body.masked, origin: 'shell' };
      if (body.task !== undefined) region.task = body.task;
      reports.push(...variableReports(body, region, file.text));
      for (const command of body.commands) {
        for (const word of command.words) {
          const m = ARCH_ASSIGNMENT.exec(word.value);
          if (m === null || archGuarded(region, word.start - body.start)) continue;
          // `arm`, `i386`, ... are also words of other things: count them when a download uses the variable.
          if (!COMMON_ARCH.test(m[2] as string) && !usedInDownload(body, m[1] as string, command.start)) continue;
          reports.push({
            start: word.start,
            end: word.end,
            message: `${m[1]}=${m[2]} fixes the architecture for every machine: ${FIX}`,
          });
        }
      }
    }
    return reports;
  },
});
