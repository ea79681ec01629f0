/**
 * Evaluates the string value of a Ruby expression in a Vagrantfile as far as it can be known
 * without running Ruby: string literals with `#{}` interpolation, constants, globals and local
 * variables (the nearest assignment before the use), `+` concatenation, `ENV['X'] || "default"`,
 * `ENV.fetch('X', 'default')`, values read from a settings file the Vagrantfile loads
 * (`settings = YAML.load_file("settings.yaml")`, then `settings["network"]["ip"]`), and hash
 * fields of a machine list (`opts[:ip]` stands for every `ip:` written in the file's hash literals).
 * The result is a list of candidates; HOLE marks a part that cannot be known (a loop counter).
 * Pure: the caller supplies the loaded settings data and environment.
 */
import { lexRuby, type RubyToken } from './ruby';

/** Marks an unknown part of a string value. */
export const HOLE = '\u0000';

export interface RubyInputs {
  /** Parsed settings files by the path the Vagrantfile names (relative, as written). */
  data: ReadonlyMap<string, unknown>;
  /** Variables of a dotenv file the Vagrantfile enables (vagrant-env), or none. */
  env: ReadonlyMap<string, string>;
}

interface Assignment {
  index: number;
  value: RubyToken[];
}

const MAX_CANDIDATES = 16;
const MAX_DEPTH = 8;
const NEUTRAL_METHODS = new Set(['to_s', 'strip', 'freeze', 'chomp', 'to_str', 'dup']);
const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** The path of a YAML/JSON file named in an assignment's value (`YAML.load_file "#{root}/settings.yaml"`). */
export function dataFileOf(value: readonly RubyToken[]): string | undefined {
  if (!value.some((t) => t.kind === 'const' && /^(?:YAML|JSON|Psych)$/.test(t.value))) return undefined;
  for (let i = value.length - 1; i >= 0; i--) {
    const token = value[i] as RubyToken;
    if (token.kind !== 'str' || !/\.(?:ya?ml|json)$/i.test(token.value)) continue;
    const path = token.value.replace(/^.*\}\//, '');
    if (path.startsWith('/') || path.includes('#{')) return undefined;
    return path;
  }
  return undefined;
}

/** Statement-level assignments `NAME = expr` (constants, globals, locals), value up to the end of the line. */
export function assignments(tokens: readonly RubyToken[]): Map<string, Assignment[]> {
  const out = new Map<string, Assignment[]>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as RubyToken;
    if (token.kind !== 'const' && token.kind !== 'gvar' && token.kind !== 'ident') continue;
    const previous = tokens[i - 1];
    if (previous !== undefined && previous.kind !== 'nl' && previous.value !== ';') continue;
    if (tokens[i + 1]?.value !== '=') continue;
    const value: RubyToken[] = [];
    let depth = 0;
    for (let j = i + 2; j < tokens.length; j++) {
      const t = tokens[j] as RubyToken;
      if (t.kind === 'nl' && depth === 0) break;
      if (depth === 0 && t.kind === 'ident' && (t.value === 'if' || t.value === 'unless')) break;
      if (t.kind === 'punct' && OPEN.has(t.value)) depth++;
      if (t.kind === 'punct' && CLOSE.has(t.value)) depth--;
      if (t.kind !== 'nl') value.push(t);
    }
    const list = out.get(token.value) ?? [];
    list.push({ index: i, value });
    out.set(token.value, list);
  }
  return out;
}

/** Splits tokens at a top-level operator. */
function splitTop(tokens: readonly RubyToken[], op: string): RubyToken[][] {
  const parts: RubyToken[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === 'punct' && OPEN.has(token.value)) depth++;
    if (token.kind === 'punct' && CLOSE.has(token.value)) depth--;
    if (depth === 0 && token.kind === 'punct' && token.value === op) parts.push([]);
    else (parts[parts.length - 1] as RubyToken[]).push(token);
  }
  return parts;
}

function cross(lists: readonly string[][], numeric: boolean): string[] {
  let out = [''];
  for (const list of lists) {
    const next: string[] = [];
    for (const a of out) for (const b of list) if (next.length < MAX_CANDIDATES) next.push(a + b);
    out = next;
  }
  if (numeric && lists.every((l) => l.every((v) => /^\d+$/.test(v)))) {
    // Integer addition (IP_START + 1) rather than concatenation.
    const sums: string[] = [];
    const go = (k: number, acc: number): void => {
      if (sums.length >= MAX_CANDIDATES) return;
      if (k === lists.length) sums.push(String(acc));
      else for (const v of lists[k] as string[]) go(k + 1, acc + Number(v));
    };
    go(0, 0);
    return sums;
  }
  return out;
}

function leaves(value: unknown): string[] {
  if (typeof value === 'string' || typeof value === 'number') return [String(value)];
  return [];
}

/** Every value of `key` anywhere in parsed data (a machine list in settings.yaml). */
function deepValues(data: unknown, key: string, out: string[], depth = 0): void {
  if (depth > 6 || data === null || typeof data !== 'object' || out.length >= MAX_CANDIDATES) return;
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (k === key) out.push(...leaves(v));
    else deepValues(v, key, out, depth + 1);
  }
}

/**
 * A value given from outside the file that overrides a default: a block parameter of an option loop
 * (`arg`, `arg.to_s`, `value.to_i`) or an environment lookup (`ENV['IP']`). Only past such an assignment
 * does the default assigned before it stand for the value.
 */
function outsideOverride(value: readonly RubyToken[]): boolean {
  const [first, dot, method] = value;
  if (first === undefined) return false;
  if (first.kind === 'const' && first.value === 'ENV') return true;
  if (first.kind !== 'ident') return false;
  return value.length === 1 || (value.length === 3 && dot?.value === '.' && /^to_[si]$/.test(method?.value ?? ''));
}

export class RubyEvaluator {
  private readonly assigned: Map<string, Assignment[]>;
  private readonly dataVars = new Map<string, unknown>();

  constructor(
    private readonly tokens: readonly RubyToken[],
    private readonly inputs: RubyInputs,
  ) {
    this.assigned = assignments(tokens);
    for (const [name, list] of this.assigned) {
      for (const a of list) {
        const path = dataFileOf(a.value);
        if (path !== undefined && inputs.data.has(path)) this.dataVars.set(name, inputs.data.get(path));
      }
    }
  }

  /** Candidate values of an expression used at token index `at`; [] when nothing is known. */
  values(expr: readonly RubyToken[], at: number, depth = 0): string[] {
    if (depth > MAX_DEPTH || expr.length === 0) return [];
    // a || b: the first alternative that is known (ENV['X'] || "default").
    const alternatives = splitTop(expr, '||');
    if (alternatives.length > 1) {
      for (const alt of alternatives) {
        const v = this.values(alt, at, depth + 1);
        if (v.length > 0) return v;
      }
      return [];
    }
    if (expr.some((t) => t.kind === 'punct' && t.value === '?')) return [];
    const parts = splitTop(expr, '+');
    if (parts.length > 1) {
      const lists = parts.map((p) => {
        const v = this.values(p, at, depth + 1);
        return v.length > 0 ? v : [HOLE];
      });
      return cross(lists, true);
    }
    return this.primary(expr, at, depth);
  }

  private primary(expr: readonly RubyToken[], at: number, depth: number): string[] {
    let tokens = [...expr];
    // Drop neutral method calls at the end (.to_s, .freeze) and wrapping parentheses.
    while (
      tokens.length >= 2 &&
      tokens[tokens.length - 2]?.value === '.' &&
      NEUTRAL_METHODS.has(tokens[tokens.length - 1]?.value ?? '')
    )
      tokens = tokens.slice(0, -2);
    if (tokens[0]?.value === '(' && tokens[tokens.length - 1]?.value === ')')
      return this.values(tokens.slice(1, -1), at, depth + 1);
    const first = tokens[0];
    if (first === undefined) return [];
    if (tokens.length === 1 && first.kind === 'str') return this.interpolate(first.value, at, depth);
    if (tokens.length === 1 && first.kind === 'num') return [first.value.replace(/_/g, '')];
    if (first.kind === 'const' && first.value === 'ENV') return this.env(tokens, at, depth);
    if (first.kind !== 'const' && first.kind !== 'gvar' && first.kind !== 'ident') return [];
    // An element picked by a variable index (`$node_ips[n]`): every value the list can hold.
    if (tokens.length === 4 && tokens[1]?.value === '[' && tokens[2]?.kind === 'ident' && tokens[3]?.value === ']') {
      const list = this.before(first.value, at)[0];
      return list === undefined ? [] : this.elements(list, depth);
    }
    const keys: string[] = [];
    let i = 1;
    while (tokens[i]?.value === '[' && tokens[i + 2]?.value === ']') {
      const key = tokens[i + 1] as RubyToken;
      if (key.kind !== 'str' && key.kind !== 'sym' && key.kind !== 'num') return [];
      keys.push(key.value);
      i += 3;
    }
    if (i !== tokens.length) return [];
    const data = this.dataVars.get(first.value);
    if (data !== undefined) {
      let node: unknown = data;
      for (const key of keys) {
        if (node === null || typeof node !== 'object') return [];
        node = (node as Record<string, unknown>)[key];
      }
      return leaves(node);
    }
    if (keys.length === 0) {
      // The nearest assignment before the use; when its value cannot be known (an override from the command
      // line, `vm_network_ip_prefix = arg` in an opts.each/case), the default assigned before it.
      for (const assignment of this.before(first.value, at)) {
        const v = this.values(assignment.value, assignment.index, depth + 1);
        if (v.length > 0) return v;
        if (!outsideOverride(assignment.value)) break;
      }
      if (this.assigned.has(first.value)) return [];
    }
    const assignment = this.nearest(first.value, at);
    if (assignment === undefined && keys.length === 1) return this.fieldValues(keys[0] as string);
    return [];
  }

  /** ENV['X'] / ENV["X"] / ENV.fetch('X', default). */
  private env(tokens: readonly RubyToken[], at: number, depth: number): string[] {
    if (tokens[1]?.value === '[' && tokens[2]?.kind === 'str' && tokens[3]?.value === ']' && tokens.length === 4) {
      const value = this.inputs.env.get(tokens[2].value);
      return value === undefined ? [] : [value];
    }
    if (tokens[1]?.value === '.' && tokens[2]?.value === 'fetch' && tokens[3]?.value === '(') {
      const name = tokens[4];
      const value = name?.kind === 'str' ? this.inputs.env.get(name.value) : undefined;
      if (value !== undefined) return [value];
      if (tokens[5]?.value === ',') return this.values(tokens.slice(6, -1), at, depth + 1);
    }
    return [];
  }

  /**
   * The values of a list's elements: a block that builds it (`N.times.collect { |n| base + "#{n+20}" }`,
   * `.map`), with a hole for the block variable, or an array literal of known strings.
   */
  private elements(list: Assignment, depth: number): string[] {
    const v = list.value;
    const open = v.findIndex((t, k) => t.value === '{' && ['collect', 'map'].includes(v[k - 1]?.value ?? ''));
    if (open >= 0 && v[open + 1]?.value === '|') {
      const bar = v.findIndex((t, k) => k > open + 1 && t.value === '|');
      const close = v.length - 1;
      if (bar < 0 || v[close]?.value !== '}') return [];
      return this.values(v.slice(bar + 1, close), list.index, depth + 1);
    }
    if (v[0]?.value !== '[' || v[v.length - 1]?.value !== ']') return [];
    const out = splitTop(v.slice(1, -1), ',').flatMap((part) => this.values(part, list.index, depth + 1));
    return out.slice(0, MAX_CANDIDATES);
  }

  /** Assignments of a name before token `at`, nearest first (or the first one, for constants and globals). */
  private before(name: string, at: number): Assignment[] {
    const list = this.assigned.get(name) ?? [];
    const earlier = list.filter((a) => a.index < at).reverse();
    if (earlier.length > 0) return earlier;
    return /^[A-Z$]/.test(name) && list[0] !== undefined ? [list[0]] : [];
  }

  private nearest(name: string, at: number): Assignment | undefined {
    const list = this.assigned.get(name);
    if (list === undefined) return undefined;
    let best: Assignment | undefined;
    for (const a of list) if (a.index < at) best = a;
    if (best !== undefined) return best;
    // Constants and globals may be assigned further down (a method defined before its use).
    return /^[A-Z$]/.test(name) ? list[0] : undefined;
  }

  /** `x[:ip]` on a block variable: every `ip:` / `:ip =>` / `"ip" =>` string in the file, or in its settings data. */
  private fieldValues(key: string): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.tokens.length && out.length < MAX_CANDIDATES; i++) {
      const t = this.tokens[i] as RubyToken;
      const label = t.kind === 'label' && t.value === key;
      const rocket = (t.kind === 'sym' || t.kind === 'str') && t.value === key && this.tokens[i + 1]?.value === '=>';
      if (!label && !rocket) continue;
      const value = this.tokens[i + (rocket ? 2 : 1)];
      if (value?.kind === 'str' && !value.value.includes('#{')) out.push(value.value);
    }
    if (out.length === 0) for (const data of this.dataVars.values()) deepValues(data, key, out);
    return out;
  }

  /** A double-quoted string's content with each `#{expr}` replaced by its values (HOLE when unknown). */
  private interpolate(content: string, at: number, depth: number): string[] {
    const lists: string[][] = [];
    let i = 0;
    let literal = '';
    while (i < content.length) {
      if (content[i] === '#' && content[i + 1] === '{') {
        let j = i + 2;
        let braces = 1;
        while (j < content.length && braces > 0) {
          if (content[j] === '{') braces++;
          if (content[j] === '}') braces--;
          j++;
        }
        lists.push([literal]);
        literal = '';
        const inner = lexRuby(content.slice(i + 2, j - 1)).filter((t) => t.kind !== 'nl');
        const v = this.values(inner, at, depth + 1);
        lists.push(v.length > 0 ? v : [HOLE]);
        i = j;
        continue;
      }
      literal += content[i];
      i++;
    }
    lists.push([literal]);
    return cross(lists, false);
  }
}

/** Variables of a dotenv file: KEY=value lines (optional `export`, quotes removed). */
export function parseDotenv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (m === null) continue;
    out.set(m[1] as string, (m[2] as string).replace(/^(["'])(.*)\1$/, '$2').replace(/\s+#.*$/, ''));
  }
  return out;
}
