import { describe, expect, it } from 'vitest';
import { K8sdiagError } from '../../../src/diagnostics/errors';
import { parseLintConfig } from '../../../src/diagnostics/lint/config';

const fail = (text: string): K8sdiagError => {
  try {
    parseLintConfig(text, '/repo/.k8sdiag-lint.yaml');
  } catch (error) {
    if (error instanceof K8sdiagError) return error;
    throw error;
  }
  throw new Error('expected a config error');
};

describe('.k8sdiag-lint.yaml', () => {
  it('reads ignore, exclude and severity overrides (off = ignored)', () => {
    const config = parseLintConfig(
      'ignore: [apt-key-deprecated]\nexclude:\n  - legacy/**\nrules:\n  join-without-timeout: error\n  apt-source-unsigned: off\n',
      '/repo/.k8sdiag-lint.yaml',
    );
    expect([...config.ignore].sort()).toEqual(['apt-key-deprecated', 'apt-source-unsigned']);
    expect([...config.severity]).toEqual([['join-without-timeout', 'error']]);
    expect(config.exclude).toEqual(['legacy/**']);
    expect(config.base).toBe('/repo');
  });

  it('an empty file is the default config', () => {
    expect(parseLintConfig('', '/repo/.k8sdiag-lint.yaml').ignore.size).toBe(0);
  });

  it('unknown rule id: file:line, exit 2', () => {
    const error = fail('ignore:\n  - iptables-flush\n  - no-such-rule\n');
    expect(error.oneLine()).toBe('/repo/.k8sdiag-lint.yaml:3: ignore.1: unknown rule id "no-such-rule"');
    expect(error.exitCode).toBe(2);
  });

  it('bad severity points at its line', () => {
    expect(fail('rules:\n  iptables-flush: fatal\n').oneLine()).toMatch(
      /^\/repo\/\.k8sdiag-lint\.yaml:2: rules\.iptables-flush: /,
    );
  });

  it('unknown top-level key', () => {
    expect(fail('ignore: []\nexlcude: [x]\n').oneLine()).toMatch(/^\/repo\/\.k8sdiag-lint\.yaml:2: exlcude: .*exlcude/);
  });

  it('YAML syntax error', () => {
    const error = fail('ignore: [a\nrules: {\n');
    expect(error.oneLine()).toMatch(/^\/repo\/\.k8sdiag-lint\.yaml:\d+: YAML syntax: /);
    expect(error.code).toBe('E_CONFIG');
  });
});
