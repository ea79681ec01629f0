/**
 * Parity between checks and runbooks (the one rule of the architecture): every check names a
 * runbook that exists in every language, every runbook's `detectedBy` names existing checks,
 * and every check is listed by the runbook it names.
 */
import { describe, expect, it } from 'vitest';
import { RUNBOOK_IDS } from '../../src/content/runbook-schema';
import { LANGS } from '../../src/diagnostics/runbooks/read-runbooks';
import { runbooks } from '../../src/diagnostics/runbooks/runbooks';
import { allCheckIds, clusterChecks, findCheck, hostChecks, nodeChecks } from '../../src/diagnostics/registry';

const checks = [...Object.values(nodeChecks), ...Object.values(hostChecks), ...Object.values(clusterChecks)];

describe.each(LANGS)('checks and runbooks (%s)', (lang) => {
  const entries = runbooks(lang);
  const byId = new Map(entries.map((entry) => [entry.frontmatter.runbook, entry]));

  it('has one runbook per runbook id', () => {
    expect([...byId.keys()].sort()).toEqual([...RUNBOOK_IDS].sort());
  });

  it.each(checks.map((check) => [check.meta.id, check.meta.runbook] as const))(
    '%s names runbook %s, which exists and lists it',
    (id, runbook) => {
      const entry = byId.get(runbook);
      expect(entry, `runbook ${runbook} (${lang})`).toBeDefined();
      expect(entry?.frontmatter.detectedBy, `${entry?.file} detectedBy`).toContain(id);
    },
  );

  it.each(entries.map((entry) => [entry.file, entry] as const))(
    '%s: every detectedBy id is a check that names this runbook',
    (_file, entry) => {
      for (const id of entry.frontmatter.detectedBy) {
        const found = findCheck(id);
        expect(
          found,
          `${entry.file}: detectedBy "${id}" is not a check (checks: ${allCheckIds().join(', ')})`,
        ).toBeDefined();
        expect(found?.check.meta.runbook, `${id} names another runbook`).toBe(entry.frontmatter.runbook);
      }
    },
  );
});
