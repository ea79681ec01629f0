/**
 * Human text, grouped by node: problems first with evidence, fix and runbook link; passes
 * counted (listed with `verbose`). Colour only when the caller says the output is a terminal.
 * Every remote string goes through stripControl.
 */
import { createColors } from 'picocolors';
import { oneLine, stripControl } from '../sanitize';
import type { Report, ReportFinding } from '../schema';

export interface TextOptions {
  color: boolean;
  verbose: boolean;
}

const MAX_EVIDENCE = 12;

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function renderText(report: Report, options: TextOptions): string {
  const c = createColors(options.color);
  const label: Record<ReportFinding['status'], string> = {
    fail: c.bold(c.red('FAIL ')),
    warn: c.yellow('WARN '),
    error: c.magenta('ERROR'),
    skip: c.dim('SKIP '),
    pass: c.green('PASS '),
  };
  const out: string[] = [];
  const finding = (f: ReportFinding & { hosts?: string[] }, indent: string): void => {
    const hosts = f.hosts && f.hosts.length > 0 ? ` [${f.hosts.map(oneLine).join(', ')}]` : '';
    out.push(`${indent}${label[f.status]}  ${c.bold(f.checkId)}${hosts}  ${oneLine(f.message)}`);
    if (f.status === 'pass') return;
    const pad = `${indent}       `;
    const evidence = f.evidence.flatMap((e) => stripControl(e).split('\n'));
    for (const line of evidence.slice(0, MAX_EVIDENCE))
      out.push(`${pad}${c.dim('|')} ${line.replace(/\t/g, '  ').trimEnd()}`);
    if (evidence.length > MAX_EVIDENCE)
      out.push(`${pad}${c.dim(`| ... ${evidence.length - MAX_EVIDENCE} more lines (--format json has all)`)}`);
    if (f.fix) out.push(`${pad}${c.cyan('fix:')} ${oneLine(f.fix)}`);
    out.push(`${pad}${c.cyan('runbook:')} ${f.runbookUrl}`);
  };

  const s = report.summary;
  const nodeParts = (['ok', 'unreachable', 'auth-failed', 'timeout', 'host-key-refused', 'error'] as const)
    .filter((k) => s.nodes[k] > 0)
    .map((k) => `${s.nodes[k]} ${k}`);
  const findingParts = (['fail', 'warn', 'error', 'skip', 'pass'] as const)
    .filter((k) => s.findings[k] > 0)
    .map((k) => `${s.findings[k]} ${k}`);
  out.push(
    c.bold(
      `k8sdiag ${report.run.collector === 'analyze' ? 'analyze' : 'run'}: ${s.nodes.total} node${s.nodes.total === 1 ? '' : 's'}`,
    ) +
      ` (${nodeParts.join(', ') || 'none'}); ${findingParts.join(', ') || 'no findings'}; ${seconds(report.run.durationMs)}`,
  );
  for (const warning of report.warnings) out.push(c.yellow(`warning: ${oneLine(warning)}`));

  for (const node of report.nodes) {
    out.push('');
    const where =
      node.transport === 'local'
        ? 'local'
        : node.port > 0
          ? `${oneLine(node.address)}:${node.port}`
          : oneLine(node.address);
    const roles = node.roles.length > 0 ? node.roles.join('+') : 'role unknown';
    const status = node.status === 'ok' ? c.green('ok') : c.bold(c.red(node.status.toUpperCase()));
    out.push(
      `${c.bold(oneLine(node.name))}  ${where}  ${roles}${node.rolesFrom === 'detected' ? ' (detected)' : ''}  ${status}  ${seconds(node.durationMs)}`,
    );
    if (node.reason) out.push(`  ${c.red(oneLine(node.reason))}`);
    if (node.status !== 'ok' && node.probes.finished > 0) {
      out.push(
        `  ${c.dim(`partial: ${node.probes.finished} of ${node.probes.planned} probes finished; findings below use what came back`)}`,
      );
    }
    const order: ReportFinding['status'][] = ['fail', 'error', 'warn', 'skip'];
    for (const status of order) for (const f of node.findings.filter((x) => x.status === status)) finding(f, '  ');
    const passed = node.findings.filter((f) => f.status === 'pass');
    if (options.verbose) for (const f of passed) finding(f, '  ');
    else if (passed.length > 0) out.push(`  ${c.dim(`${passed.length} passed`)}`);
  }

  if (report.cluster.length > 0) {
    out.push('', c.bold('cluster'));
    for (const f of report.cluster.filter((x) => x.status !== 'pass' || options.verbose)) finding(f, '  ');
    const passed = report.cluster.filter((x) => x.status === 'pass').length;
    if (!options.verbose && passed > 0) out.push(`  ${c.dim(`${passed} passed`)}`);
  }

  out.push('');
  const code = s.exitCode;
  const meaning =
    code === 0
      ? 'no failures'
      : code === 1
        ? report.run.strict
          ? 'failures or warnings (--strict)'
          : 'failures found'
        : code === 3
          ? 'some nodes were not reached; the report is partial'
          : '';
  out.push(c.dim(`exit ${code}: ${meaning}`));
  return `${out.join('\n')}\n`;
}
