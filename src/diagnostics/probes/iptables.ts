// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * iptables-save output: parser and a small evaluator that answers "does a new TCP connection to
 * port P get through this chain?" by walking rules in order (jumps followed, conditions we cannot
 * judge treated leniently, so a `fail` is only reported when the ruleset really blocks).
 */

import type { Probe } from '../types';
import { type Block, splitBlocks } from './blocks';
import type { Parsed } from './parsed';

/** Both iptables backends (iptables-save as a fallback) plus the version of `iptables`. */
export const iptablesRulesProbe: Probe = {
  name: 'iptables-rules',
  needsRoot: true,
  timeoutSeconds: 15,
  command: [
    'found=0',
    'for t in iptables-legacy-save iptables-nft-save; do',
    '  if command -v "$t" >/dev/null 2>&1; then found=1; echo "### $t"; "$t" 2>&1; echo "### exit $?";',
    '  else echo "### missing $t"; fi',
    'done',
    'if [ "$found" = 0 ]; then',
    '  if command -v iptables-save >/dev/null 2>&1; then echo "### iptables-save"; iptables-save 2>&1; echo "### exit $?";',
    '  else echo "### missing iptables-save"; fi',
    'fi',
    // The first line by parameter expansion (was `| head -n 1`; issue 16).
    "nl='",
    "'",
    'if command -v iptables >/dev/null 2>&1; then v=$(iptables -V 2>&1); echo "### version ${v%%"$nl"*}"; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface IptRule {
  chain: string;
  text: string;
  no: number;
  tokens: string[];
}

export interface IptChain {
  name: string;
  /** `ACCEPT`, `DROP`, ... for built-in chains, `-` for user chains. */
  policy: string;
  rules: IptRule[];
}

export interface IptTable {
  name: string;
  chains: Map<string, IptChain>;
}

export interface IptDump {
  tables: Map<string, IptTable>;
  /** `# Warning: ...` comment lines (iptables-nft-save tells about legacy tables this way). */
  warnings: string[];
}

/** Splits a rule line like the shell would for iptables-save's quoting (double quotes, backslash escapes). */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '\\' && i + 1 < text.length) {
        current += text.charAt(++i);
      } else if (ch === '"') {
        quoted = false;
      } else {
        current += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      inToken = true;
    } else if (ch === ' ' || ch === '\t') {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
    } else {
      current += ch;
      inToken = true;
    }
  }
  if (inToken) tokens.push(current);
  return tokens;
}

const TABLE = /^\*([a-z_]+)$/;
const CHAIN = /^:(\S+) (\S+)(?: \[\d+:\d+\])?$/;
const COUNTERS = /^\[\d+:\d+\] /;

/** Parses the text of one iptables-save run. Lines are numbered from `firstNo`. */
export function parseIptablesSave(lines: ReadonlyArray<{ text: string; no: number }>): Parsed<IptDump> {
  const tables = new Map<string, IptTable>();
  const warnings: string[] = [];
  let table: IptTable | undefined;
  for (const { text: rawText, no } of lines) {
    const text = rawText.trimEnd();
    if (text === '') continue;
    if (text.startsWith('#')) {
      if (/^# Warning:/i.test(text)) warnings.push(text);
      continue;
    }
    const tableMatch = TABLE.exec(text);
    if (tableMatch) {
      const name = tableMatch[1] ?? '';
      table = tables.get(name) ?? { name, chains: new Map() };
      tables.set(name, table);
      continue;
    }
    if (text === 'COMMIT') {
      if (table === undefined) return { ok: false, what: 'COMMIT outside a table', line: text, no };
      table = undefined;
      continue;
    }
    const chainMatch = CHAIN.exec(text);
    if (chainMatch) {
      if (table === undefined) return { ok: false, what: 'chain declared outside a table', line: text, no };
      const name = chainMatch[1] ?? '';
      const existing = table.chains.get(name);
      if (existing) existing.policy = chainMatch[2] ?? '-';
      else table.chains.set(name, { name, policy: chainMatch[2] ?? '-', rules: [] });
      continue;
    }
    const ruleText = text.replace(COUNTERS, '');
    if (ruleText.startsWith('-A ')) {
      if (table === undefined) return { ok: false, what: 'rule outside a table', line: text, no };
      const tokens = tokenize(ruleText);
      const chainName = tokens[1];
      if (chainName === undefined || chainName === '')
        return { ok: false, what: 'rule without a chain', line: text, no };
      let chain = table.chains.get(chainName);
      if (chain === undefined) {
        chain = { name: chainName, policy: '-', rules: [] };
        table.chains.set(chainName, chain);
      }
      chain.rules.push({ chain: chainName, text: ruleText, no, tokens: tokens.slice(2) });
      continue;
    }
    return { ok: false, what: 'not an iptables-save line', line: text, no };
  }
  if (table !== undefined)
    return { ok: false, what: `table *${table.name} has no COMMIT (output cut short?)`, line: '', no: 0 };
  return { ok: true, value: { tables, warnings } };
}

export type Backend = 'legacy' | 'nft' | 'default';

export interface BackendDump {
  backend: Backend;
  tool: string;
  /** null when the tool is not installed. */
  dump: IptDump | null;
  exitCode: number | null;
  /** Lines of this run, for evidence. */
  lines: Array<{ text: string; no: number }>;
}

export interface IptablesProbe {
  backends: BackendDump[];
  /** `iptables -V` line, e.g. `iptables v1.8.9 (nf_tables)`. */
  version: string | undefined;
  complete: boolean;
}

const TOOL_BACKEND: Record<string, Backend> = {
  'iptables-legacy-save': 'legacy',
  'iptables-nft-save': 'nft',
  'iptables-save': 'default',
};

/** Parses the output of the shared `iptables-rules` probe. */
export function parseIptablesProbe(lines: readonly string[]): Parsed<IptablesProbe> {
  const { head, blocks, complete } = splitBlocks(lines);
  const firstHead = head.find((line) => line.text.trim() !== '');
  if (firstHead) return { ok: false, what: 'output before the first marker', line: firstHead.text, no: firstHead.no };
  const backends: BackendDump[] = [];
  let version: string | undefined;
  let pending: { tool: string; block: Block } | undefined;
  for (const block of blocks) {
    if (block.marker === 'missing') {
      const backend = TOOL_BACKEND[block.args];
      if (backend === undefined) return { ok: false, what: 'unknown tool', line: block.args, no: block.no };
      backends.push({ backend, tool: block.args, dump: null, exitCode: null, lines: [] });
      continue;
    }
    if (block.marker === 'version') {
      version = block.args;
      continue;
    }
    if (block.marker === 'exit') {
      if (pending === undefined)
        return { ok: false, what: 'exit marker without a run', line: `### exit ${block.args}`, no: block.no };
      const code = /^\d+$/.test(block.args) ? Number(block.args) : null;
      const runLines = [...pending.block.raw, ...pending.block.quoted];
      const backend = TOOL_BACKEND[pending.tool] ?? 'default';
      if (code !== 0) {
        backends.push({ backend, tool: pending.tool, dump: null, exitCode: code, lines: runLines });
      } else {
        const parsed = parseIptablesSave(runLines);
        if (!parsed.ok) return parsed;
        backends.push({ backend, tool: pending.tool, dump: parsed.value, exitCode: 0, lines: runLines });
      }
      pending = undefined;
      continue;
    }
    if (TOOL_BACKEND[block.marker] !== undefined) {
      if (pending !== undefined)
        return { ok: false, what: 'run without exit marker', line: pending.tool, no: pending.block.no };
      pending = { tool: block.marker, block };
      continue;
    }
    return { ok: false, what: 'unknown marker', line: `### ${block.marker} ${block.args}`, no: block.no };
  }
  if (pending !== undefined)
    return {
      ok: false,
      what: `${pending.tool} output has no exit marker (cut short?)`,
      line: pending.tool,
      no: pending.block.no,
    };
  return { ok: true, value: { backends, version, complete } };
}

/** Which backend the plain `iptables` command uses, from `iptables -V`. */
export function defaultBackend(version: string | undefined): Backend | undefined {
  if (version === undefined) return undefined;
  if (/\(nf_tables\)/.test(version)) return 'nft';
  if (/\(legacy\)/.test(version)) return 'legacy';
  // iptables before 1.8 has no suffix and only the legacy backend.
  if (/^iptables v1\.[0-7]\./.test(version)) return 'legacy';
  return undefined;
}

export function ruleCount(dump: IptDump): number {
  let count = 0;
  for (const table of dump.tables.values()) for (const chain of table.chains.values()) count += chain.rules.length;
  return count;
}

/** True when the dump holds anything beyond empty built-in chains with ACCEPT policy. */
export function hasContent(dump: IptDump): boolean {
  for (const table of dump.tables.values()) {
    for (const chain of table.chains.values()) {
      if (chain.rules.length > 0) return true;
      if (chain.policy === '-') return true;
      if (chain.policy !== 'ACCEPT') return true;
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Evaluation: does a new TCP connection to `port` get through `chain`?

export type Verdict =
  | { kind: 'accepted'; rule: IptRule | undefined }
  | { kind: 'dropped'; rule: IptRule | undefined }
  | { kind: 'fallthrough' };

const NEUTRAL_OPTIONS = new Set(['-m', '--comment', '-p', '--protocol', '--dport', '--destination-port', '--dports']);

interface RuleShape {
  target: string | undefined;
  goto: boolean;
  /** undefined: no protocol given; otherwise lower-case protocol, prefixed with ! when negated. */
  proto: string | undefined;
  /** Destination ports the rule matches, or undefined when not restricted. `negated` flips it. */
  ports: Array<[number, number]> | undefined;
  portsNegated: boolean;
  loopbackOnly: boolean;
  /** Matches only ESTABLISHED/RELATED (never a new connection). */
  establishedOnly: boolean;
  /** Other conditions we do not judge (source, interface, sets, marks, ...). */
  conditional: boolean;
}

function parsePorts(spec: string): Array<[number, number]> | undefined {
  const ranges: Array<[number, number]> = [];
  for (const part of spec.split(',')) {
    const [a, b] = part.split(':');
    const low = a === undefined || a === '' ? 0 : Number(a);
    const high = b === undefined ? low : b === '' ? 65535 : Number(b);
    if (!Number.isInteger(low) || !Number.isInteger(high)) return undefined;
    ranges.push([low, high]);
  }
  return ranges;
}

function shapeOf(tokens: readonly string[]): RuleShape {
  const shape: RuleShape = {
    target: undefined,
    goto: false,
    proto: undefined,
    ports: undefined,
    portsNegated: false,
    loopbackOnly: false,
    establishedOnly: false,
    conditional: false,
  };
  let negate = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1] ?? '';
    if (token === '!') {
      negate = true;
      continue;
    }
    switch (token) {
      case '-j':
      case '--jump':
        shape.target = next;
        i++;
        // Target options (e.g. --reject-with) follow; they do not change the match.
        i = tokens.length;
        break;
      case '-g':
      case '--goto':
        shape.target = next;
        shape.goto = true;
        i = tokens.length;
        break;
      case '-p':
      case '--protocol':
        shape.proto = `${negate ? '!' : ''}${next.toLowerCase()}`;
        i++;
        break;
      case '--dport':
      case '--destination-port':
      case '--dports': {
        const ports = parsePorts(next);
        if (ports === undefined) shape.conditional = true;
        else {
          shape.ports = ports;
          shape.portsNegated = negate;
        }
        i++;
        break;
      }
      case '-i':
      case '--in-interface':
        if (next === 'lo' && !negate) shape.loopbackOnly = true;
        else shape.conditional = true;
        i++;
        break;
      case '--ctstate':
      case '--state': {
        const states = next.split(',');
        if (!negate && !states.includes('NEW') && !states.includes('UNTRACKED') && !states.includes('INVALID'))
          shape.establishedOnly = true;
        else shape.conditional = true;
        i++;
        break;
      }
      case '-m':
      case '--match':
        i++;
        break;
      case '--comment':
        i++;
        break;
      default:
        if (!NEUTRAL_OPTIONS.has(token)) {
          shape.conditional = true;
          // Skip the option's value, if any.
          if (token.startsWith('-') && next !== '' && !next.startsWith('-')) i++;
        }
    }
    negate = false;
  }
  return shape;
}

function matchesPort(shape: RuleShape, port: number): 'yes' | 'no' | 'maybe' {
  if (shape.loopbackOnly || shape.establishedOnly) return 'no';
  if (shape.proto !== undefined && shape.proto !== 'tcp' && shape.proto !== 'all' && shape.proto !== '6') {
    return shape.proto.startsWith('!') && shape.proto !== '!tcp' ? 'maybe' : 'no';
  }
  if (shape.ports !== undefined) {
    const inside = shape.ports.some(([low, high]) => port >= low && port <= high);
    if (inside === shape.portsNegated) return 'no';
  }
  return shape.conditional ? 'maybe' : 'yes';
}

const ACCEPTING = new Set(['ACCEPT']);
const DROPPING = new Set(['DROP', 'REJECT']);

/** Walks `chainName` for a new TCP connection to `port`. Conditional accepts count, conditional drops do not. */
export function evaluate(table: IptTable, chainName: string, port: number, depth = 0): Verdict {
  const chain = table.chains.get(chainName);
  if (chain === undefined || depth > 16) return { kind: 'fallthrough' };
  for (const rule of chain.rules) {
    const shape = shapeOf(rule.tokens);
    const match = matchesPort(shape, port);
    if (match === 'no' || shape.target === undefined) continue;
    if (ACCEPTING.has(shape.target)) return { kind: 'accepted', rule };
    if (DROPPING.has(shape.target)) {
      if (match === 'yes') return { kind: 'dropped', rule };
      continue;
    }
    if (shape.target === 'RETURN') {
      if (match === 'yes') return { kind: 'fallthrough' };
      continue;
    }
    if (table.chains.has(shape.target)) {
      const inner = evaluate(table, shape.target, port, depth + 1);
      if (inner.kind === 'accepted') return inner;
      if (inner.kind === 'dropped' && match === 'yes') return inner;
      if (shape.goto && match === 'yes') return { kind: 'fallthrough' };
    }
  }
  return { kind: 'fallthrough' };
}

/** Does anything reachable from `chainName` ever accept a packet (any port)? */
export function acceptsAnything(table: IptTable, chainName: string, depth = 0): boolean {
  const chain = table.chains.get(chainName);
  if (chain === undefined || depth > 16) return false;
  for (const rule of chain.rules) {
    const shape = shapeOf(rule.tokens);
    if (shape.target === undefined) continue;
    if (ACCEPTING.has(shape.target)) return true;
    if (table.chains.has(shape.target) && acceptsAnything(table, shape.target, depth + 1)) return true;
  }
  return false;
}

/** Convenience for checks: the verdict against the chain policy. */
export function portVerdict(table: IptTable, chainName: string, port: number): Verdict {
  const verdict = evaluate(table, chainName, port);
  if (verdict.kind !== 'fallthrough') return verdict;
  const policy = table.chains.get(chainName)?.policy;
  if (policy !== undefined && DROPPING.has(policy)) return { kind: 'dropped', rule: undefined };
  return verdict;
}
