/**
 * Markdown for pasting into an issue. Remote text is escaped (or fenced with a fence it cannot
 * close); links are percent-encoded so a URL cannot break out of its parentheses.
 */

import { escapeMarkdown, markdownFence } from '../sanitize';
import type { Report, ReportFinding } from '../schema';

const STATUS: Record<ReportFinding['status'], string> = {
  fail: '**FAIL**',
  warn: '**WARN**',
  error: '**ERROR**',
  skip: 'SKIP',
  pass: 'PASS',
};

function link(url: string): string {
  return url.replace(/[()<>\s[\]]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function finding(f: ReportFinding & { hosts?: string[] }): string[] {
  const hosts = f.hosts && f.hosts.length > 0 ? ` (${f.hosts.map(escapeMarkdown).join(', ')})` : '';
  const lines = [
    `- ${STATUS[f.status]} \`${f.checkId}\`${hosts}: ${escapeMarkdown(f.message)} ([runbook](${link(f.runbookUrl)}))`,
  ];
  if (f.status !== 'pass' && f.evidence.length > 0) {
    lines.push(
      '',
      ...markdownFence(f.evidence.slice(0, 40))
        .split('\n')
        .map((l) => `  ${l}`),
      '',
    );
  }
  if (f.fix && f.status !== 'pass') lines.push(`  Fix: ${escapeMarkdown(f.fix)}`);
  return lines;
}

export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const out: string[] = ['## k8sdiag report', ''];
  out.push(
    `${s.nodes.total} nodes: ${s.nodes.ok} ok` +
      (['unreachable', 'auth-failed', 'timeout', 'host-key-refused', 'error'] as const)
        .filter((k) => s.nodes[k] > 0)
        .map((k) => `, **${s.nodes[k]} ${k}**`)
        .join('') +
      `. Findings: **${s.findings.fail} fail**, ${s.findings.warn} warn, ${s.findings.error} error, ${s.findings.pass} pass. Exit code ${s.exitCode}.`,
    '',
  );
  for (const w of report.warnings) out.push(`> Warning: ${escapeMarkdown(w)}`, '');
  out.push('| Node | Address | Roles | Status | Fail | Warn |', '|---|---|---|---|---|---|');
  for (const n of report.nodes) {
    const fail = n.findings.filter((f) => f.status === 'fail').length;
    const warn = n.findings.filter((f) => f.status === 'warn').length;
    out.push(
      `| ${escapeMarkdown(n.name)} | ${escapeMarkdown(n.port > 0 ? `${n.address}:${n.port}` : n.address)} | ${n.roles.join(', ') || 'unknown'} | ${n.status}${n.reason ? `: ${escapeMarkdown(n.reason)}` : ''} | ${fail} | ${warn} |`,
    );
  }
  for (const n of report.nodes) {
    const problems = n.findings.filter((f) => f.status !== 'pass');
    if (problems.length === 0) continue;
    out.push('', `### ${escapeMarkdown(n.name)}`, '');
    for (const f of problems) out.push(...finding(f));
  }
  const clusterProblems = report.cluster.filter((f) => f.status !== 'pass');
  if (clusterProblems.length > 0) {
    out.push('', '### Cluster', '');
    for (const f of clusterProblems) out.push(...finding(f));
  }
  out.push('', `<sub>k8sdiag ${escapeMarkdown(report.tool.version)}, ${report.run.finishedAt}</sub>`, '');
  return out.join('\n');
}
