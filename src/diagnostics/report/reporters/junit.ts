/**
 * JUnit XML for CI dashboards: one testsuite per node and one for the cluster, one testcase per
 * check. fail -> <failure>, error -> <error>, skip -> <skipped>, warn -> passes with a note
 * (a <failure type="warn"> with --strict). An unreached node is one <error> testcase.
 */

import { escapeXml } from '../sanitize';
import type { Report, ReportFinding } from '../schema';

function testcase(classname: string, f: ReportFinding & { hosts?: string[] }, strict: boolean): string {
  const open = `    <testcase classname="${escapeXml(classname)}" name="${escapeXml(f.checkId)}" time="0">`;
  const body = [...f.evidence, ...(f.fix ? [`fix: ${f.fix}`] : []), `runbook: ${f.runbookUrl}`].join('\n');
  const message = escapeXml(f.message);
  switch (f.status) {
    case 'fail':
      return `${open}\n      <failure type="fail" message="${message}">${escapeXml(body)}</failure>\n    </testcase>`;
    case 'error':
      return `${open}\n      <error type="error" message="${message}">${escapeXml(body)}</error>\n    </testcase>`;
    case 'skip':
      return `${open}\n      <skipped message="${message}"/>\n    </testcase>`;
    case 'warn':
      return strict
        ? `${open}\n      <failure type="warn" message="${message}">${escapeXml(body)}</failure>\n    </testcase>`
        : `${open}\n      <system-out>${escapeXml(`WARN: ${f.message}\n${body}`)}</system-out>\n    </testcase>`;
    default:
      return `${open}</testcase>`;
  }
}

function counts(
  findings: readonly ReportFinding[],
  strict: boolean,
): { tests: number; failures: number; errors: number; skipped: number } {
  return {
    tests: findings.length,
    failures: findings.filter((f) => f.status === 'fail' || (strict && f.status === 'warn')).length,
    errors: findings.filter((f) => f.status === 'error').length,
    skipped: findings.filter((f) => f.status === 'skip').length,
  };
}

export function renderJunit(report: Report): string {
  const strict = report.run.strict;
  const suites: string[] = [];
  let total = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const node of report.nodes) {
    const time = (node.durationMs / 1000).toFixed(3);
    if (node.status !== 'ok' && node.findings.length === 0) {
      suites.push(
        `  <testsuite name="${escapeXml(node.name)}" hostname="${escapeXml(node.address)}" tests="1" failures="0" errors="1" skipped="0" time="${time}">\n` +
          `    <testcase classname="${escapeXml(node.name)}" name="connect" time="${time}">\n      <error type="${node.status}" message="${escapeXml(`${node.status}: ${node.reason ?? ''}`)}"/>\n    </testcase>\n  </testsuite>`,
      );
      total = { ...total, tests: total.tests + 1, errors: total.errors + 1 };
      continue;
    }
    const c = counts(node.findings, strict);
    total = {
      tests: total.tests + c.tests,
      failures: total.failures + c.failures,
      errors: total.errors + c.errors,
      skipped: total.skipped + c.skipped,
    };
    suites.push(
      `  <testsuite name="${escapeXml(node.name)}" hostname="${escapeXml(node.address)}" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${time}">\n` +
        node.findings.map((f) => testcase(node.name, f, strict)).join('\n') +
        '\n  </testsuite>',
    );
  }
  if (report.cluster.length > 0) {
    const c = counts(report.cluster, strict);
    total = {
      tests: total.tests + c.tests,
      failures: total.failures + c.failures,
      errors: total.errors + c.errors,
      skipped: total.skipped + c.skipped,
    };
    suites.push(
      `  <testsuite name="cluster" tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="0">\n` +
        report.cluster.map((f) => testcase('cluster', f, strict)).join('\n') +
        '\n  </testsuite>',
    );
  }
  const time = (report.run.durationMs / 1000).toFixed(3);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="k8sdiag" tests="${total.tests}" failures="${total.failures}" errors="${total.errors}" skipped="${total.skipped}" time="${time}">\n${suites.join('\n')}\n</testsuites>\n`;
}
