/**
 * Parity between checks and runbooks (the one rule of the architecture): every check names a
 * runbook that exists in every language, and every runbook is detected by a check or prevented by
 * a lint rule (the pages list both from the registries: diagnostics/catalog.ts runbookCoverage),
 * or says here why not.
 */
import { describe, expect, it } from 'vitest';
import { RUNBOOK_IDS } from '../../src/content/runbook-schema';
import { runbookCoverage } from '../../src/diagnostics/catalog';
import { clusterChecks, hostChecks, nodeChecks } from '../../src/diagnostics/registry';
import { LANGS } from '../../src/diagnostics/runbooks/read-runbooks';
import { runbooks } from '../../src/diagnostics/runbooks/runbooks';

const checks = [...Object.values(nodeChecks), ...Object.values(hostChecks), ...Object.values(clusterChecks)];

describe.each(LANGS)('checks and runbooks (%s)', (lang) => {
  const entries = runbooks(lang);
  const byId = new Map(entries.map((entry) => [entry.frontmatter.runbook, entry]));

  it('has one runbook per runbook id', () => {
    expect([...byId.keys()].sort()).toEqual([...RUNBOOK_IDS].sort());
  });

  it.each(checks.map((check) => [check.meta.id, check.meta.runbook] as const))(
    '%s names runbook %s, which exists',
    (_id, runbook) => {
      expect(byId.get(runbook), `runbook ${runbook} (${lang})`).toBeDefined();
    },
  );
});

/** Runbooks that no check detects and no rule prevents, with the reason. Empty today. */
const UNCOVERED: Readonly<Partial<Record<(typeof RUNBOOK_IDS)[number], string>>> = {};

describe('every runbook is detected or prevented by something', () => {
  it.each(RUNBOOK_IDS.map((id) => [id]))('%s', (id) => {
    const { detectedBy, preventedBy } = runbookCoverage(id);
    if (UNCOVERED[id] !== undefined) {
      expect([...detectedBy, ...preventedBy], `${id} is covered now: remove it from UNCOVERED`).toEqual([]);
      return;
    }
    expect(detectedBy.length + preventedBy.length, `${id}: no check or lint rule names it`).toBeGreaterThan(0);
  });
});
