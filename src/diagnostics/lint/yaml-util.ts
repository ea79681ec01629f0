/**
 * YAML helpers over parsed documents (the `yaml` package's node classes, built by yaml-fast.ts):
 * parse once with source positions, walk scalars with their key paths, read plain values.
 *
 * Ansible reads YAML 1.1 (PyYAML): `yes` is a boolean and `1.20` a float. Documents here are
 * composed with the YAML 1.2 core schema, and no rule depends on the composed type: booleans go
 * through asBool (which knows yes/no/on/off) and floats are judged on the source text against
 * PyYAML's own pattern (vocab.ts).
 */
import { isMap, isPair, isScalar, isSeq, type Node, type ParsedNode, Scalar } from 'yaml';
import { composedValue, parseYamlFast, type YamlDoc } from './yaml-fast';

export interface YamlParse {
  docs: YamlDoc[];
  /** First syntax error: message and offset. */
  error: { message: string; offset: number } | undefined;
}

export function parseYaml(text: string): YamlParse {
  return parseYamlFast(text);
}

export type KeyPath = readonly (string | number)[];

export interface ScalarVisit {
  node: Scalar;
  path: KeyPath;
  /** The key scalar when this scalar is a mapping value. */
  key: Scalar | undefined;
  /** The scalar is itself a mapping key. */
  isKey: boolean;
}

/** Calls `visit` for every scalar (keys and values) under `node`, depth first in source order. */
export function walkScalars(node: unknown, visit: (entry: ScalarVisit) => void, path: KeyPath = []): void {
  if (isScalar(node)) {
    visit({ node, path, key: undefined, isKey: false });
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key;
      const keyName = isScalar(key) ? String(key.value) : '?';
      if (isScalar(key)) visit({ node: key, path, key: undefined, isKey: true });
      const value = pair.value;
      if (isScalar(value))
        visit({ node: value, path: [...path, keyName], key: isScalar(key) ? key : undefined, isKey: false });
      else walkScalars(value, visit, [...path, keyName]);
    }
    return;
  }
  if (isSeq(node)) {
    node.items.forEach((item, index) => {
      walkScalars(item, visit, [...path, index]);
    });
  }
}

/** [start, end) of a node's source (value end, before any trailing comment). */
export function nodeRange(node: unknown): [number, number] | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range === undefined ? undefined : [range[0], range[1]];
}

/** Plain JS value of a node (scalars' value, collections via toJSON). */
export function plain(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return node.value;
  if (isMap(node) || isSeq(node)) return composedValue.has(node) ? composedValue.get(node) : (node as Node).toJSON();
  if (isPair(node)) return plain(node.value);
  return null;
}

/** Ansible-style truthiness of a boolean option: true, false, or undefined when templated/unknown. */
export function asBool(value: unknown): boolean | undefined {
  if (value === true || value === 1) return true;
  if (value === false || value === 0) return false;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (['yes', 'true', 'on', '1', 'y', 't'].includes(v)) return true;
    if (['no', 'false', 'off', '0', 'n', 'f'].includes(v)) return false;
  }
  return undefined;
}

export function isQuoted(node: Scalar): boolean {
  return node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
}

export function isBlock(node: Scalar): boolean {
  return node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
}

/**
 * The source of a string scalar prepared for lexing as shell: same length as the source range,
 * quotes and block headers blanked, folded line breaks turned into spaces.
 */
export function scalarSourceForShell(text: string, node: Scalar): { start: number; text: string } | undefined {
  const range = nodeRange(node);
  if (range === undefined) return undefined;
  const [start, end] = range;
  let source = text.slice(start, end);
  if (isBlock(node)) {
    const nl = source.indexOf('\n');
    if (nl < 0) return { start: end, text: '' };
    const header = source.slice(0, nl + 1);
    let body = source.slice(nl + 1);
    if (node.type === Scalar.BLOCK_FOLDED) body = body.replace(/\n(?=[ \t]*\S)/g, ' ');
    return { start: start + header.length, text: body };
  }
  if (isQuoted(node)) {
    source = ` ${source.slice(1, -1)} `;
  }
  // Flow scalars fold line breaks into spaces.
  return { start, text: source.replace(/\r?\n/g, (m) => ' '.repeat(m.length)) };
}

export function keyOf(pair: unknown): string | undefined {
  if (!isPair(pair)) return undefined;
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

export type { ParsedNode };
