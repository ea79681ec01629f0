/**
 * `nft -t list ruleset` output: tables, chains (hook, policy) and rule lines, plus the same
 * "does a new TCP connection to port P get through?" walk as for iptables. Only what the checks
 * need; anything it does not understand inside a rule is treated as a condition.
 */

import type { Probe } from '../types';
import { splitBlocks } from './blocks';
import type { Parsed } from './parsed';

/** The nftables ruleset without set contents (`-t`): native nft firewalls and kube-proxy's nftables mode. */
export const nftRulesetProbe: Probe = {
  name: 'nft-ruleset',
  needsRoot: true,
  timeoutSeconds: 15,
  command: [
    'if command -v nft >/dev/null 2>&1; then echo "### nft"; nft -t list ruleset 2>&1; echo "### exit $?";',
    'else echo "### missing nft"; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface NftRule {
  text: string;
  no: number;
}

export interface NftChain {
  name: string;
  hook: string | undefined;
  policy: string | undefined;
  rules: NftRule[];
}

export interface NftTable {
  family: string;
  name: string;
  chains: Map<string, NftChain>;
}

const TABLE = /^table (ip|ip6|inet|arp|bridge|netdev) (\S+) \{$/;
const CHAIN = /^chain (\S+) \{$/;
const OBJECT = /^(set|map|flowtable|counter|quota|limit|ct helper|ct timeout|ct expectation|secmark|synproxy) \S+ \{$/;
const BASE = /^type \S+ hook (\S+)(?: device \S+)? priority [^;]+;(?: policy (\S+);)?/;

export function parseNftRuleset(lines: ReadonlyArray<{ text: string; no: number }>): Parsed<NftTable[]> {
  const tables: NftTable[] = [];
  let table: NftTable | undefined;
  let chain: NftChain | undefined;
  let objectDepth = 0;
  for (const { text: raw, no } of lines) {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) continue;
    if (objectDepth > 0) {
      if (text.endsWith('{')) objectDepth++;
      if (text === '}' || text.startsWith('}')) objectDepth--;
      continue;
    }
    if (table === undefined) {
      const match = TABLE.exec(text);
      if (!match) return { ok: false, what: 'expected "table <family> <name> {"', line: raw, no };
      table = { family: match[1] ?? '', name: match[2] ?? '', chains: new Map() };
      tables.push(table);
      continue;
    }
    if (chain === undefined) {
      if (text === '}') {
        table = undefined;
        continue;
      }
      const chainMatch = CHAIN.exec(text);
      if (chainMatch) {
        const name = chainMatch[1] ?? '';
        chain = { name, hook: undefined, policy: undefined, rules: [] };
        table.chains.set(name, chain);
        continue;
      }
      if (OBJECT.test(text) || text.endsWith('{')) {
        objectDepth = 1;
        continue;
      }
      return { ok: false, what: 'expected a chain, set or map in the table', line: raw, no };
    }
    if (text === '}') {
      chain = undefined;
      continue;
    }
    const base = BASE.exec(text);
    if (base) {
      chain.hook = base[1];
      chain.policy = base[2] ?? 'accept';
      continue;
    }
    if (/^(comment|devices) /.test(text)) continue;
    chain.rules.push({ text, no });
  }
  if (table !== undefined)
    return {
      ok: false,
      what: `table ${table.family} ${table.name} is not closed (output cut short?)`,
      line: '',
      no: 0,
    };
  return { ok: true, value: tables };
}

const IPTABLES_TABLES = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);
const IPTABLES_CHAINS = new Set(['INPUT', 'FORWARD', 'OUTPUT', 'PREROUTING', 'POSTROUTING']);

/** Chains that iptables-nft created (seen through iptables-nft-save already). */
export function isIptablesNftChain(table: NftTable, chain: NftChain): boolean {
  return (
    (table.family === 'ip' || table.family === 'ip6') &&
    IPTABLES_TABLES.has(table.name) &&
    IPTABLES_CHAINS.has(chain.name)
  );
}

export type NftVerdict =
  | { kind: 'accepted'; rule: NftRule | undefined }
  | { kind: 'dropped'; rule: NftRule | undefined }
  | { kind: 'fallthrough' };

function portsIn(spec: string): Array<[number, number]> | undefined {
  const inner = spec.replace(/^\{/, '').replace(/\}$/, '');
  const ranges: Array<[number, number]> = [];
  for (const part of inner.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const named: Record<string, number> = { ssh: 22, http: 80, https: 443 };
    const [a, b] = item.split('-');
    const low = named[a ?? ''] ?? Number(a);
    const high = b === undefined ? low : Number(b);
    if (!Number.isInteger(low) || !Number.isInteger(high)) return undefined;
    ranges.push([low, high]);
  }
  return ranges;
}

function ruleMatch(text: string, port: number): 'yes' | 'no' | 'maybe' {
  if (/\b(iif|iifname) "?lo"?\b/.test(text) && !/\b(iif|iifname) != /.test(text)) return 'no';
  const state = /\bct state (\{[^}]*\}|\S+)/.exec(text);
  if (state) {
    const states = (state[1] ?? '').replace(/[{}\s]/g, '');
    if (!states.split(',').includes('new') && !text.includes('ct state !=')) return 'no';
  }
  if (/\budp dport\b/.test(text) || /\bmeta l4proto (udp|icmp|icmpv6)\b/.test(text)) return 'no';
  const dport = /\b(?:tcp|th) dport (!= )?(\{[^}]*\}|\S+)/.exec(text);
  let conditional = false;
  if (dport) {
    const ports = portsIn(dport[2] ?? '');
    if (ports === undefined) conditional = true;
    else {
      const inside = ports.some(([low, high]) => port >= low && port <= high);
      if (inside === (dport[1] !== undefined)) return 'no';
    }
  }
  const withoutKnown = text
    .replace(/\b(?:tcp|th) dport (!= )?(\{[^}]*\}|\S+)/, '')
    .replace(/\bmeta l4proto tcp\b/, '')
    .replace(/\bcounter( packets \d+ bytes \d+)?/, '')
    .replace(/\bcomment "[^"]*"/, '')
    .replace(/\b(accept|drop|reject( with [^;]*)?|return|jump \S+|goto \S+)\s*$/, '')
    .trim();
  if (withoutKnown !== '') conditional = true;
  return conditional ? 'maybe' : 'yes';
}

export function evaluateNft(table: NftTable, chainName: string, port: number, depth = 0): NftVerdict {
  const chain = table.chains.get(chainName);
  if (chain === undefined || depth > 16) return { kind: 'fallthrough' };
  for (const rule of chain.rules) {
    const verdict = /\b(accept|drop|reject|return|jump|goto)\b(?: (\S+))?(?: with [^;]*)?\s*$/.exec(rule.text);
    if (!verdict) continue;
    const match = ruleMatch(rule.text, port);
    if (match === 'no') continue;
    const action = verdict[1];
    if (action === 'accept') return { kind: 'accepted', rule };
    if (action === 'drop' || action === 'reject') {
      if (match === 'yes') return { kind: 'dropped', rule };
      continue;
    }
    if (action === 'return') {
      if (match === 'yes') return { kind: 'fallthrough' };
      continue;
    }
    const target = verdict[2];
    if (target !== undefined && table.chains.has(target)) {
      const inner = evaluateNft(table, target, port, depth + 1);
      if (inner.kind === 'accepted') return inner;
      if (inner.kind === 'dropped' && match === 'yes') return inner;
      if (action === 'goto' && match === 'yes') return { kind: 'fallthrough' };
    }
  }
  return { kind: 'fallthrough' };
}

export function nftPortVerdict(table: NftTable, chain: NftChain, port: number): NftVerdict {
  const verdict = evaluateNft(table, chain.name, port);
  if (verdict.kind !== 'fallthrough') return verdict;
  if (chain.policy === 'drop') return { kind: 'dropped', rule: undefined };
  return verdict;
}

export function nftAcceptsAnything(table: NftTable, chainName: string, depth = 0): boolean {
  const chain = table.chains.get(chainName);
  if (chain === undefined || depth > 16) return false;
  for (const rule of chain.rules) {
    if (/\baccept\s*$/.test(rule.text)) return true;
    const jump = /\b(?:jump|goto) (\S+)\s*$/.exec(rule.text);
    if (jump && nftAcceptsAnything(table, jump[1] ?? '', depth + 1)) return true;
  }
  return false;
}

export interface NftProbe {
  /** null when nft is not installed or failed (see exitCode). */
  tables: NftTable[] | null;
  installed: boolean;
  exitCode: number | null;
  lines: Array<{ text: string; no: number }>;
}

/** Parses the output of the shared `nft-ruleset` probe. */
export function parseNftProbe(lines: readonly string[]): Parsed<NftProbe> {
  const { head, blocks } = splitBlocks(lines);
  const firstHead = head.find((line) => line.text.trim() !== '');
  if (firstHead) return { ok: false, what: 'output before the first marker', line: firstHead.text, no: firstHead.no };
  const first = blocks[0];
  if (first === undefined) return { ok: false, what: 'no marker at all', line: lines[0] ?? '', no: 1 };
  if (first.marker === 'missing')
    return { ok: true, value: { tables: null, installed: false, exitCode: null, lines: [] } };
  if (first.marker !== 'nft') return { ok: false, what: 'unknown marker', line: `### ${first.marker}`, no: first.no };
  const exit = blocks[1];
  if (exit === undefined || exit.marker !== 'exit') {
    return { ok: false, what: 'nft output has no exit marker (cut short?)', line: '', no: first.no };
  }
  const runLines = [...first.raw, ...first.quoted];
  const code = /^\d+$/.test(exit.args) ? Number(exit.args) : null;
  if (code !== 0) return { ok: true, value: { tables: null, installed: true, exitCode: code, lines: runLines } };
  const parsed = parseNftRuleset(runLines);
  if (!parsed.ok) return parsed;
  return { ok: true, value: { tables: parsed.value, installed: true, exitCode: 0, lines: runLines } };
}
