/**
 * yaml-version-float decides what PyYAML (Ansible's YAML reader) does with a plain scalar without
 * asking PyYAML. Hold that against the real PyYAML installed with ansible (scripts/setup-system.sh).
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { floatChange, isVersionName, PYYAML_FLOAT } from '../../../src/diagnostics/lint/vocab';

interface PyResult {
  s: string;
  type: string;
  repr: string;
}

/** Loads each `k: <s>` with yaml.safe_load in one python3 run. */
function pyyaml(samples: readonly string[]): PyResult[] {
  const script = [
    'import json, sys, yaml',
    'out = []',
    'for s in json.load(sys.stdin):',
    '    try:',
    "        v = yaml.safe_load('k: ' + s)['k']",
    "        out.append({'s': s, 'type': type(v).__name__, 'repr': repr(v)})",
    '    except yaml.YAMLError:',
    "        out.append({'s': s, 'type': 'not-a-scalar', 'repr': ''})",
    'print(json.dumps(out))',
  ].join('\n');
  return JSON.parse(
    execFileSync('python3', ['-c', script], { input: JSON.stringify(samples), encoding: 'utf8' }),
  ) as PyResult[];
}

describe('PyYAML float resolution', () => {
  it('the field-log values', () => {
    const results = pyyaml(['1.20', '3.0', '1.33.0', '1.30', '1.33', '01.10', '1_0.5', '1e3', '1.0e+3', 'v1.20']);
    const got = results.map((r) => [r.s, r.type === 'float' ? r.repr : r.type]);
    expect(got).toEqual([
      ['1.20', '1.2'],
      ['3.0', '3.0'],
      ['1.33.0', 'str'],
      ['1.30', '1.3'],
      ['1.33', '1.33'],
      ['01.10', '1.1'],
      ['1_0.5', '10.5'],
      ['1e3', 'str'],
      ['1.0e+3', '1000.0'],
      ['v1.20', 'str'],
    ]);
    for (const r of results) {
      const change = floatChange(r.s);
      expect(change === undefined ? 'not a float' : change.floatText).toBe(r.type === 'float' ? r.repr : 'not a float');
    }
  });

  it('agrees with PyYAML on generated number-like scalars', () => {
    const anyChars = fc.string({
      unit: fc.constantFrom('0', '1', '2', '3', '9', '.', '_', '+', '-', 'e', 'E', ':'),
      minLength: 1,
      maxLength: 7,
    });
    const numberShaped = fc
      .tuple(
        fc.constantFrom('', '+', '-'),
        fc.stringMatching(/^[0-9][0-9_]{0,2}$/),
        fc.constantFrom('.', '.', ''),
        fc.stringMatching(/^[0-9_]{0,3}$/),
        fc.constantFrom('', '', 'e+1', 'E-2', 'e3'),
      )
      .map((parts) => parts.join(''));
    const samples = fc.sample(fc.oneof(anyChars, numberShaped), { numRuns: 3000, seed: 20240304 });
    const results = pyyaml([...new Set(samples)].filter((s) => !/^[-:]|:\s|\s/.test(s) && s !== '-'));
    let floats = 0;
    for (const r of results) {
      if (r.type === 'not-a-scalar') continue; // e.g. "1:" is YAML syntax, never a plain value
      expect(PYYAML_FLOAT.test(r.s), r.s).toBe(r.type === 'float');
      const change = floatChange(r.s);
      if (change !== undefined) {
        floats++;
        expect(change.floatText, r.s).toBe(r.repr);
      }
    }
    expect(floats).toBeGreaterThan(100);
  });
});

describe('isVersionName', () => {
  it.each([
    ['k8s_version', true],
    ['kubernetes_version', true],
    ['kubeVersion', true],
    ['image_tag', true],
    ['tag', true],
    ['kube_minor', true],
    ['k8s_release', true],
    ['v', true],
    ['pod_cidr', false],
    ['timeout', false],
    ['tags', false],
    ['vagrant_box', false],
  ])('%s -> %s', (name, want) => {
    expect(isVersionName(name)).toBe(want);
  });
});
