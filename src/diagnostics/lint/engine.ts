/**
 * Runs the rules over parsed files: project facts first, then each rule on the files of the kinds
 * it declares, on the shared parse. Turns report offsets into positions, applies inline
 * suppressions and the config (ignored rules, severity overrides), and sorts. Pure.
 */

import { K8sdiagError } from '../errors';
import type { Lang } from '../runbooks/runbooks';
import { runbookUrl } from '../runbooks/runbooks';
import { computeFactsTable, type FactsTable, factsFor } from './facts';
import { allRules } from './rules/index';
import { isSuppressed, readSuppressions, type Suppressions } from './suppression';
import type { FileKind, HostArch, LintFile, LintFinding, ProjectFacts, Rule, RuleContext, Severity } from './types';

export interface EngineOptions {
  hostArch: HostArch;
  ignore?: ReadonlySet<string>;
  severity?: ReadonlyMap<string, Severity>;
  docsUrl?: string;
  lang?: Lang;
  /** Rules to run (default: the registry). Tests pass one rule. */
  rules?: readonly Rule[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sorts findings by path, line, column, rule id (the order every reporter prints). */
export function sortFindings(findings: LintFinding[]): LintFinding[] {
  return findings.sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/**
 * `facts` may come from elsewhere (worker threads merge the facts of every thread's files). Each file
 * sees the facts of its own project only (projects.ts).
 */
export function lintFiles(
  files: readonly LintFile[],
  options: EngineOptions,
  facts: FactsTable | ProjectFacts = computeFactsTable(files),
): LintFinding[] {
  const table = 'byRoot' in facts ? facts : undefined;
  const contexts = new Map<ProjectFacts, RuleContext>();
  const contextFor = (path: string): RuleContext => {
    const own = table === undefined ? (facts as ProjectFacts) : factsFor(table, path);
    let ctx = contexts.get(own);
    if (ctx === undefined) {
      ctx = { hostArch: options.hostArch, facts: own };
      contexts.set(own, ctx);
    }
    return ctx;
  };
  const rules = (options.rules ?? allRules()).filter((rule) => !options.ignore?.has(rule.meta.id));
  const byKind = new Map<FileKind, Rule[]>();
  for (const rule of rules) {
    for (const kind of rule.meta.kinds) {
      const list = byKind.get(kind) ?? [];
      list.push(rule);
      byKind.set(kind, list);
    }
  }
  const urls = new Map<string, string>();
  const urlOf = (rule: Rule): string => {
    let url = urls.get(rule.meta.id);
    if (url === undefined) {
      url = runbookUrl(rule.meta.runbook, options.lang ?? 'en', options.docsUrl);
      urls.set(rule.meta.id, url);
    }
    return url;
  };
  const findings: LintFinding[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const ctx = contextFor(file.path);
    let suppressions: Suppressions | undefined;
    for (const rule of byKind.get(file.kind) ?? []) {
      let reports: ReturnType<Rule['check']>;
      try {
        reports = rule.check(file, ctx);
      } catch (cause) {
        throw new K8sdiagError('E_INTERNAL', `rule ${rule.meta.id} failed on ${file.path}`, { cause });
      }
      for (const report of reports) {
        let start = file.lines.at(report.start);
        let end = file.lines.at(report.end ?? report.start);
        suppressions ??= readSuppressions(file.text);
        if (isSuppressed(suppressions, start.line, rule.meta.id)) {
          const table = suppressions;
          const next = (report.also ?? [])
            .map((offset) => file.lines.at(offset))
            .find((at) => !isSuppressed(table, at.line, rule.meta.id));
          if (next === undefined) continue;
          start = next;
          end = next;
        }
        const key = `${rule.meta.id}\0${start.line}\0${start.column}`;
        if (seen.has(`${file.path}\0${key}`)) continue;
        seen.add(`${file.path}\0${key}`);
        const own =
          report.severity !== undefined && SEVERITY_ORDER[report.severity] > SEVERITY_ORDER[rule.meta.severity];
        findings.push({
          ruleId: rule.meta.id,
          severity: options.severity?.get(rule.meta.id) ?? (own ? (report.severity as Severity) : rule.meta.severity),
          message: report.message,
          path: file.path,
          line: start.line,
          column: start.column,
          endLine: end.line,
          endColumn: end.column,
          runbook: rule.meta.runbook,
          url: urlOf(rule),
        });
      }
    }
  }
  return sortFindings(findings);
}

/** Whether the findings fail the run: any error, or any warning with --strict. Info never fails. */
export function failing(findings: readonly LintFinding[], strict: boolean): boolean {
  return findings.some((f) => f.severity === 'error' || (strict && f.severity === 'warning'));
}
