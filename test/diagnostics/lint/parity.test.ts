/**
 * Knowledge has one home: every lint rule points at a runbook that exists (its page lists the
 * rule from the registry), every runbook is prevented by a rule, and every rule has its own file
 * and its own test.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RUNBOOK_IDS } from '../../../src/content/runbook-schema';
import { RULE_IDS, RULES } from '../../../src/diagnostics/lint/rules/index';
import { findRunbook } from '../../../src/diagnostics/runbooks/runbooks';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

describe('lint rule <-> runbook parity', () => {
  it.each(RULE_IDS.map((id) => [id]))('%s: its runbook exists (en and ko)', (id) => {
    const rule = RULES[id];
    expect(RUNBOOK_IDS).toContain(rule.meta.runbook);
    for (const lang of ['en', 'ko'] as const) {
      expect(findRunbook(rule.meta.runbook, lang), `${lang} runbook ${rule.meta.runbook}`).toBeDefined();
    }
  });

  it('every runbook is prevented by at least one rule', () => {
    const covered = new Set(RULE_IDS.map((id) => RULES[id].meta.runbook));
    expect([...RUNBOOK_IDS].filter((id) => !covered.has(id))).toEqual([]);
  });
});

describe('rule registry', () => {
  it('is sorted and keyed by each rule id', () => {
    expect(RULE_IDS).toEqual([...RULE_IDS].sort());
    for (const id of RULE_IDS) expect(RULES[id].meta.id).toBe(id);
  });

  it('has one file per rule and one test per rule', () => {
    const files = readdirSync(here('../../../src/diagnostics/lint/rules'))
      .filter((name) => name !== 'index.ts')
      .map((name) => name.replace(/\.ts$/, ''))
      .sort();
    expect(files).toEqual(RULE_IDS);
    const tests = readdirSync(here('./rules'))
      .map((name) => name.replace(/\.test\.ts$/, ''))
      .sort();
    expect(tests).toEqual(RULE_IDS);
  });
});
