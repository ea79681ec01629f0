/**
 * yaml-fast builds the `yaml` package's nodes from js-yaml's parse events. Hold it against the
 * `yaml` package itself: same structure, values, ranges and scalar styles.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { parseYamlFast } from '../../../src/diagnostics/lint/yaml-fast';

function shape(node: unknown, text: string): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) {
    const [start, end] = node.range ?? [0, 0];
    // An empty value: yaml makes a null scalar of zero length, yaml-fast leaves the pair value null.
    if (node.value === null && start === end) return null;
    return { value: node.value ?? null, type: node.type, source: text.slice(start, end), start };
  }
  if (isMap(node))
    return { map: node.items.map((p) => [shape(p.key, text), shape(p.value, text)]), start: node.range?.[0] };
  if (isSeq(node)) return { seq: node.items.map((i) => shape(i, text)), start: node.range?.[0] };
  return 'other';
}

function both(text: string): [unknown, unknown] {
  const reference = parseAllDocuments(text, { schema: 'core', uniqueKeys: false });
  const docs = Array.isArray(reference) ? reference : [];
  const fast = parseYamlFast(text);
  expect(fast.error).toBeUndefined();
  return [
    docs.map((d) => shape(d.contents, text)).filter((s) => s !== null),
    fast.docs.map((d) => shape(d.contents, text)).filter((s) => s !== null),
  ];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const SAMPLES: Record<string, string> = {
  'flow collections and JSON': '{\n  "a": 1,\n  "b": {"c": [2, 3, {d: e}]}\n}\n',
  'block styles': 'lit: |\n  one\n  two\nfold: >-\n  a\n  b\nkeep: |\n  x\n',
  'quotes, comments, nulls': "a: 'single ''q'''\nb: \"double \\\" q\" # c\nc: ~\nd:\ne: [~, null]\n",
  'sequences with empty items': 'a:\n  - b\n  -\n  - c\n  - - nested\n    - seq\n',
  'tags and multi-line plain':
    'v: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\nu: !unsafe "{{ x }}"\np: this is\n  continued\n',
  'explicit keys and duplicates': '? explicit\n: value\ndup: 1\ndup: 2\n',
  'several documents': '---\na: 1\n---\n- b\n- 3.14\n...\n---\nc: d\n',
  'Ansible task list':
    '- name: Install\n  apt: name=curl update_cache=yes\n- block:\n    - debug: msg=hi\n  rescue:\n    - fail:\n  when: x is defined\n',
};

describe('parseYamlFast matches the yaml package', () => {
  it.each(Object.entries(SAMPLES))('%s', (_name, text) => {
    const [reference, fast] = both(text);
    expect(fast).toEqual(reference);
  });

  // The capability fixtures hold invalid YAML on purpose (foreign files, a broken task file).
  const fixtures = yamlFiles(fileURLToPath(new URL('../../fixtures/lint', import.meta.url))).filter(
    (f) => !/capabilities\/(?:foreign|invalid-playbook)\//.test(f),
  );
  it.each(fixtures.map((f) => [f.slice(f.indexOf('fixtures/'))]))('%s', (path) => {
    const [reference, fast] = both(readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8'));
    expect(fast).toEqual(reference);
  });

  it('reports a syntax error with its offset', () => {
    const text = 'a: 1\nb: [unclosed\n';
    const result = parseYamlFast(text);
    expect(result.error?.message).toMatch(/flow collection/);
    expect(result.error?.offset).toBeGreaterThan(5);
  });
});
