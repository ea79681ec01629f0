import { describe, expect, it } from 'vitest';
import { readSuppressions } from '../../../src/diagnostics/lint/suppression';
import { lintVirtual } from './helpers';

describe('readSuppressions', () => {
  it('reads same-line and next-line directives, several ids, and a reason after --', () => {
    const text = [
      'a # k8sdiag-disable-line iptables-flush',
      '# k8sdiag-disable-next-line hardcoded-arch, apt-key-deprecated -- vendor script, amd64 only',
      'b',
      'c # k8sdiag-disable-line',
      '{# k8sdiag-disable-next-line jinja-version-string #}',
      'd',
    ].join('\n');
    const s = readSuppressions(text);
    expect([...s.entries()].map(([line, ids]) => [line, [...ids]])).toEqual([
      [1, ['iptables-flush']],
      [3, ['hardcoded-arch', 'apt-key-deprecated']],
      [6, ['jinja-version-string']],
    ]);
  });
});

describe('suppressions in lint runs', () => {
  it('silence only the named rule on the named line', () => {
    const { findings } = lintVirtual({
      'scripts/reset.sh': [
        '#!/bin/sh',
        'iptables -F # k8sdiag-disable-line iptables-flush',
        '# k8sdiag-disable-next-line iptables-flush -- lab only',
        'iptables -X',
        'iptables -t nat -F # k8sdiag-disable-line hardcoded-arch',
        'iptables -F',
      ].join('\n'),
    });
    // Lines 4-6 are one block of flush commands, reported once: line 4 is silenced, so the report
    // moves to line 5 (silenced for another rule only) and stands for line 6 too.
    expect(findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(['5 iptables-flush']);
  });

  it('works in YAML and Vagrantfiles', () => {
    const { findings } = lintVirtual(
      {
        'group_vars/all.yml': 'k8s_version: 1.30 # k8sdiag-disable-line yaml-version-float\nold_version: 1.20\n',
        Vagrantfile:
          'Vagrant.configure("2") do |config|\n  # k8sdiag-disable-next-line vagrant-box-arch\n  config.vm.box = "ubuntu/jammy64"\nend\n',
      },
      { hostArch: 'arm64' },
    );
    expect(findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual(['group_vars/all.yml:2 yaml-version-float']);
  });
});
