/**
 * Fast YAML with source positions. Lint reads thousands of files and the `yaml` package's
 * parser costs ~350 us for a typical 470-byte role file on this machine, so a 5,000-file tree spent
 * most of its time there. js-yaml parses the same file in ~55 us and reports every node it composes
 * to a listener (open/close with the reader's position). This module turns those events into the
 * `yaml` package's own node classes (YAMLMap, YAMLSeq, Pair, Scalar) with `range` and scalar `type`
 * set, so everything downstream keeps the `yaml` node API. A differential test holds the result
 * against `yaml`'s parseAllDocuments (same structure, values, ranges and scalar styles).
 */
import { CORE_SCHEMA, loadAll, type State, Type, YAMLException } from 'js-yaml';
import { isScalar, Pair, type ParsedNode, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** Ansible's tags keep their text (vault payloads, unsafe strings) instead of failing the parse. */
const SCHEMA = CORE_SCHEMA.extend([
  new Type('!vault', { kind: 'scalar', construct: (data: unknown) => data }),
  new Type('!unsafe', { kind: 'scalar', construct: (data: unknown) => data }),
  new Type('!unsafe', { kind: 'sequence', construct: (data: unknown) => data }),
  new Type('!unsafe', { kind: 'mapping', construct: (data: unknown) => data }),
  new Type('!encrypted/pkcs1-oaep', { kind: 'scalar', construct: (data: unknown) => data }),
]);

/** A parsed document: what lint reads of it. */
export interface YamlDoc {
  contents: ParsedNode | null;
}

/** The plain JS value js-yaml composed for each node (faster and exact; see yaml-util plain()). */
export const composedValue = new WeakMap<object, unknown>();

interface Built {
  node: ParsedNode | null;
  kind: string | null;
  start: number;
  end: number;
}

interface Frame {
  open: number;
  children: Built[];
}

const SPACE = new Set([' ', '\t', '\r', '\n']);

/** First offset of a node's content from where js-yaml started composing it: skip space, comments, tags, anchors. */
function contentStart(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && SPACE.has(text[i] as string)) i++;
    const c = text[i];
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if ((c === '!' || c === '&') && i < text.length) {
      while (i < text.length && !SPACE.has(text[i] as string)) i++;
      continue;
    }
    return i;
  }
}

function trimmedEnd(text: string, start: number, end: number): number {
  let e = Math.min(end, text.length);
  while (e > start && SPACE.has(text[e - 1] as string)) e--;
  return e;
}

function scalarType(text: string, start: number): Scalar.Type {
  switch (text[start]) {
    case '"':
      return Scalar.QUOTE_DOUBLE;
    case "'":
      return Scalar.QUOTE_SINGLE;
    case '|':
      return Scalar.BLOCK_LITERAL;
    case '>':
      return Scalar.BLOCK_FOLDED;
    default:
      return Scalar.PLAIN;
  }
}

/** A key in a mapping is followed by `:` (after spaces) on its line, or is an explicit `? key`. */
function isKey(text: string, built: Built): boolean {
  let i = built.end;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === ':') return true;
  let j = built.start - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return text[j] === '?';
}

function setRange(node: { range?: [number, number, number] | null }, start: number, end: number): void {
  node.range = [start, end, end];
}

function buildMap(
  text: string,
  children: readonly Built[],
  start: number,
  end: number,
  result: unknown,
): YAMLMap.Parsed {
  const map = new YAMLMap() as YAMLMap.Parsed;
  let pair: Pair<ParsedNode, ParsedNode | null> | undefined;
  for (const child of children) {
    if (child.node === null) continue;
    if (isKey(text, child)) {
      pair = new Pair(child.node, null) as Pair<ParsedNode, ParsedNode | null>;
      map.items.push(pair);
    } else if (pair !== undefined && pair.value === null) {
      pair.value = child.node;
    }
  }
  setRange(map, start, end);
  composedValue.set(map, result);
  return map;
}

function buildSeq(children: readonly Built[], start: number, end: number, result: unknown): YAMLSeq.Parsed {
  const seq = new YAMLSeq() as YAMLSeq.Parsed;
  const values = Array.isArray(result) ? result : [];
  let j = 0;
  for (const value of values) {
    const child = children[j];
    if (value === null || value === undefined) {
      // An empty item may or may not have had an event of its own; `~`/`null` has a scalar node.
      if (child !== undefined && (child.node === null || (isScalar(child.node) && child.node.value === null))) {
        j++;
        if (child.node !== null) {
          seq.items.push(child.node);
          continue;
        }
      }
      const empty = new Scalar(null) as Scalar.Parsed;
      empty.type = Scalar.PLAIN;
      const at = (seq.items[seq.items.length - 1]?.range?.[1] ?? start) as number;
      setRange(empty, at, at);
      seq.items.push(empty);
      continue;
    }
    while (children[j] !== undefined && children[j]?.node === null) j++;
    const node = children[j]?.node;
    j++;
    if (node !== null && node !== undefined) seq.items.push(node);
  }
  setRange(seq, start, end);
  composedValue.set(seq, result);
  return seq;
}

export interface FastParse {
  docs: YamlDoc[];
  error: { message: string; offset: number } | undefined;
}

export function parseYamlFast(text: string): FastParse {
  const root: Frame = { open: 0, children: [] };
  const stack: Frame[] = [root];
  const listener = (event: 'open' | 'close', state: State): void => {
    if (event === 'open') {
      stack.push({ open: state.position, children: [] });
      return;
    }
    const frame = stack.pop() as Frame;
    const parent = stack[stack.length - 1] as Frame;
    const kind = state.kind === 'scalar' || state.kind === 'mapping' || state.kind === 'sequence' ? state.kind : null;
    const start = contentStart(text, frame.open);
    if (kind === null && state.result === null) {
      parent.children.push({ node: null, kind: null, start, end: start });
      return;
    }
    // js-yaml may compose one node twice (a flow collection at document level): keep the inner one.
    const only = frame.children.length === 1 ? frame.children[0] : undefined;
    if (only !== undefined && only.node !== null && only.kind === kind && only.start === start) {
      parent.children.push(only);
      return;
    }
    const end = trimmedEnd(text, start, state.position);
    let node: ParsedNode;
    if (kind === 'mapping') node = buildMap(text, frame.children, start, end, state.result);
    else if (kind === 'sequence') node = buildSeq(frame.children, start, end, state.result);
    else {
      const scalar = new Scalar(state.result) as Scalar.Parsed;
      scalar.type = scalarType(text, start);
      // A block scalar's range ends after the line break of its last line, as in the yaml package.
      const blockEnd = text[end] === '\n' ? end + 1 : text.startsWith('\r\n', end) ? end + 2 : end;
      setRange(
        scalar,
        start,
        scalar.type === Scalar.BLOCK_LITERAL || scalar.type === Scalar.BLOCK_FOLDED ? blockEnd : end,
      );
      node = scalar;
    }
    parent.children.push({ node, kind, start, end });
  };
  try {
    loadAll(text, () => undefined, { schema: SCHEMA, json: true, listener });
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = (error as YAMLException & { mark?: { position?: number } }).mark;
      return { docs: [], error: { message: error.reason ?? error.message, offset: mark?.position ?? 0 } };
    }
    throw error;
  }
  return { docs: root.children.map((built) => ({ contents: built.node })), error: undefined };
}
