/**
 * `k8sdiag checks`: every `k8sdiag run` check and `k8sdiag lint` rule with its runbook, from the
 * registries. `--probes` adds the exact read-only commands each check runs on a node.
 */
import { defineCommand } from 'citty';
import pc from 'picocolors';
import { catalog } from '../catalog';
import { EXIT, K8sdiagError } from '../errors';
import { colorEnabled, docsUrlOf, formatOf, formatOption, langOf, SHARED_OPTIONS } from '../options/common';
import { cittyArgs, flag, type OptionTable, parseOptions } from '../options/table';
import { findRunbook, runbookUrl } from '../runbooks/runbooks';

const HEADINGS = {
  en: {
    node: 'Node checks (k8sdiag run, on every node over SSH)',
    host: 'Host checks (k8sdiag run, on the machine next to the Vagrantfile)',
    cluster: 'Cluster checks (k8sdiag run, across all nodes)',
    rules: 'Lint rules (k8sdiag lint, on Vagrantfiles, playbooks, vars, netplan and scripts)',
    root: 'needs root (sudo -n)',
  },
  ko: {
    node: '노드 점검 (k8sdiag run, 각 노드에 SSH로 접속)',
    host: '호스트 점검 (k8sdiag run, Vagrantfile이 있는 머신)',
    cluster: '클러스터 점검 (k8sdiag run, 모든 노드를 함께 판단)',
    rules: '린트 규칙 (k8sdiag lint, Vagrantfile·플레이북·변수·netplan·스크립트)',
    root: 'root 필요 (sudo -n)',
  },
} as const;

export const CHECKS_OPTIONS = {
  probes: { type: 'boolean', description: 'Also print the commands each check runs on a node' },
  format: formatOption(['text', 'json'], 'Output format'),
  lang: { type: 'string', description: 'Language of the titles and links: en | ko (default en)', valueHint: 'en|ko' },
  'docs-url': SHARED_OPTIONS['docs-url'],
} as const satisfies OptionTable;

export default defineCommand({
  meta: {
    name: 'checks',
    description: 'List every run check and lint rule with its runbook.\nExit codes: 0 ok, 2 bad input.\n',
  },
  args: cittyArgs(CHECKS_OPTIONS),
  async run({ rawArgs }) {
    const { values, positionals } = parseOptions(rawArgs, CHECKS_OPTIONS);
    if (positionals.length > 0) throw new K8sdiagError('E_USAGE', `unexpected argument "${positionals[0]}"`);
    const lang = langOf(values);
    const docsUrl = docsUrlOf(values, process.env);
    const format = formatOf(values, ['text', 'json']);
    const probes = flag(values, 'probes');
    const { checks, rules } = catalog();
    if (format === 'json') {
      const withUrl = <T extends { runbook: Parameters<typeof runbookUrl>[0] }>(item: T) => ({
        ...item,
        runbookUrl: runbookUrl(item.runbook, lang, docsUrl),
      });
      process.stdout.write(`${JSON.stringify({ checks: checks.map(withUrl), rules: rules.map(withUrl) }, null, 2)}\n`);
      return EXIT.ok;
    }
    const colors = pc.createColors(colorEnabled(process.stdout.isTTY, process.env));
    const words = HEADINGS[lang];
    const width = Math.max(...checks.map((c) => c.id.length), ...rules.map((r) => r.id.length));
    const runbookLabel = (id: Parameters<typeof runbookUrl>[0]): string =>
      `${id}${findRunbook(id, lang) ? '' : ' (missing)'}`;
    const lines: string[] = [];
    for (const kind of ['node', 'host', 'cluster'] as const) {
      const group = checks.filter((check) => check.kind === kind);
      if (group.length === 0) continue;
      lines.push(colors.bold(words[kind]));
      for (const check of group) {
        lines.push(`  ${check.id.padEnd(width)}  ${check.title}  ${colors.dim(`→ ${runbookLabel(check.runbook)}`)}`);
        if (!probes) continue;
        const indent = ' '.repeat(width + 6);
        for (const probe of check.probes) {
          const root = probe.needsRoot ? colors.yellow(` [${words.root}]`) : '';
          lines.push(`${indent}${colors.dim(`# ${probe.name}`)}${root}`);
          for (const line of probe.command.split('\n')) lines.push(`${indent}${colors.cyan(line)}`);
        }
      }
      lines.push('');
    }
    lines.push(colors.bold(words.rules));
    for (const rule of rules) {
      lines.push(`  ${rule.id.padEnd(width)}  ${rule.title}  ${colors.dim(`→ ${runbookLabel(rule.runbook)}`)}`);
    }
    lines.push('', colors.dim(`${docsUrl}${lang === 'en' ? '' : `/${lang}`}/checks/`));
    process.stdout.write(`${lines.join('\n')}\n`);
    return EXIT.ok;
  },
});
