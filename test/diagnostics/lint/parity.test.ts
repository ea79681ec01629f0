/**
 * Knowledge has one home: every lint rule points at a runbook that lists it in `preventedBy`,
 * every `preventedBy` id is a real rule, and every rule has its own file and its own test.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RUNBOOK_IDS } from '../../../src/content/runbook-schema';
import { findRunbook, runbooks } from '../../../src/diagnostics/runbooks/runbooks';
import { isRuleId, RULE_IDS, RULES } from '../../../src/diagnostics/lint/rules/index';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

describe('lint rule <-> runbook parity', () => {
  it.each(RULE_IDS.map((id) => [id]))('%s: its runbook exists (en and ko) and lists it in preventedBy', (id) => {
    const rule = RULES[id];
    expect(RUNBOOK_IDS).toContain(rule.meta.runbook);
    for (const lang of ['en', 'ko'] as const) {
      const page = findRunbook(rule.meta.runbook, lang);
      expect(page, `${lang} runbook ${rule.meta.runbook}`).toBeDefined();
      expect(page?.frontmatter.preventedBy).toContain(id);
    }
  });

  it('every preventedBy id in every runbook is a lint rule, and points back at that runbook', () => {
    const pages = [...runbooks('en'), ...runbooks('ko')];
    expect(pages.length).toBe(RUNBOOK_IDS.length * 2);
    for (const page of pages) {
      for (const id of page.frontmatter.preventedBy) {
        expect(isRuleId(id), `${page.file}: preventedBy ${id}`).toBe(true);
        if (isRuleId(id)) expect(RULES[id].meta.runbook, `${page.file}: ${id}`).toBe(page.frontmatter.runbook);
      }
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

  it('the fixed rule ids of the brief', () => {
    expect(RULE_IDS).toEqual([
      'apt-cache-not-refreshed',
      'apt-key-deprecated',
      'apt-repo-legacy-url',
      'apt-source-unsigned',
      'cni-interface-unset',
      'cni-not-applied',
      'containerd-cri-disabled-config',
      'containerd-systemd-cgroup-off',
      'default-ipv4-for-advertise',
      'hardcoded-arch',
      'iptables-flush',
      'jinja-version-string',
      'join-without-timeout',
      'kubeconfig-root-only',
      'multiple-default-gateways',
      'pod-cidr-overlap',
      'vagrant-box-arch',
      'vbox-hostonly-range',
      'yaml-version-float',
    ]);
  });
});
