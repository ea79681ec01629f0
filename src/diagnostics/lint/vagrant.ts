/**
 * Reads what lint needs from a Vagrantfile's tokens: boxes, box_architecture, networks with
 * their options, and shell provisioners (inline bodies and script paths, privileged or not).
 */

import { pathLikeRefs } from './projects';
import type { RubyToken } from './ruby';
import { HOLE, RubyEvaluator, type RubyInputs } from './ruby-eval';
import type { VagrantModel, VagrantNetwork, VagrantProvisioner } from './types';

type StrToken = Extract<RubyToken, { kind: 'str' }>;

export interface InlineShell {
  token: StrToken;
  privileged: boolean;
}

export interface VagrantRead {
  model: VagrantModel;
  inline: InlineShell[];
  strings: StrToken[];
}

const isStr = (token: RubyToken | undefined): token is StrToken => token?.kind === 'str';

/** `R . vm . NAME` starting at index i; returns [receiver, name, index after NAME]. */
function vmAccess(tokens: readonly RubyToken[], i: number): [string, string, number] | undefined {
  const receiver = tokens[i];
  if (receiver === undefined || (receiver.kind !== 'ident' && receiver.kind !== 'const')) return undefined;
  const dot1 = tokens[i + 1];
  const vm = tokens[i + 2];
  const dot2 = tokens[i + 3];
  const name = tokens[i + 4];
  if (dot1?.value !== '.' || vm?.value !== 'vm' || dot2?.value !== '.' || name?.kind !== 'ident') return undefined;
  return [receiver.value, name.value, i + 5];
}

/** Tokens of one statement's arguments: up to a newline that does not follow a comma or an open bracket. */
function statementArgs(tokens: readonly RubyToken[], from: number): { args: RubyToken[]; next: number } {
  const args: RubyToken[] = [];
  let depth = 0;
  let i = from;
  while (i < tokens.length) {
    const token = tokens[i] as RubyToken;
    if (token.kind === 'nl') {
      const previous = args[args.length - 1];
      const continues = depth > 0 || previous?.value === ',' || previous?.value === '=>' || previous?.kind === 'label';
      if (!continues) break;
      i++;
      continue;
    }
    if (token.kind === 'ident' && (token.value === 'do' || token.value === 'end') && depth === 0) break;
    if (token.kind === 'punct' && (token.value === '(' || token.value === '[' || token.value === '{')) depth++;
    if (token.kind === 'punct' && (token.value === ')' || token.value === ']' || token.value === '}')) {
      depth--;
      if (depth < 0) break;
    }
    args.push(token);
    i++;
  }
  return { args, next: i };
}

/** label: value and :sym => value pairs among a statement's argument tokens. */
function options(args: readonly RubyToken[]): Map<string, RubyToken> {
  const out = new Map<string, RubyToken>();
  for (let i = 0; i < args.length; i++) {
    const token = args[i] as RubyToken;
    const next = args[i + 1];
    if (token.kind === 'label' && next !== undefined) out.set(token.value, next);
    if ((token.kind === 'sym' || token.kind === 'str') && next?.value === '=>') {
      const value = args[i + 2];
      if (value !== undefined) out.set(token.value, value);
    }
  }
  return out;
}

/** The tokens of an option's expression (`ip:`, `path:`) among a statement's arguments (up to the next top-level comma). */
function optionExpression(args: readonly RubyToken[], key: string): RubyToken[] | undefined {
  for (let k = 0; k < args.length; k++) {
    const t = args[k] as RubyToken;
    const label = t.kind === 'label' && t.value === key;
    const rocket = (t.kind === 'sym' || t.kind === 'str') && t.value === key && args[k + 1]?.value === '=>';
    if (!label && !rocket) continue;
    const out: RubyToken[] = [];
    let depth = 0;
    for (let j = k + (rocket ? 2 : 1); j < args.length; j++) {
      const a = args[j] as RubyToken;
      if (a.kind === 'punct' && (a.value === '(' || a.value === '[' || a.value === '{')) depth++;
      if (a.kind === 'punct' && (a.value === ')' || a.value === ']' || a.value === '}')) depth--;
      if (depth === 0 && a.value === ',') break;
      out.push(a);
    }
    return out.length > 0 ? out : undefined;
  }
  return undefined;
}

/** How many machines: 0 without `vm.define`, 2 for several or for a define in a loop / with a computed name. */
function countMachines(tokens: readonly RubyToken[]): number {
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    const access = vmAccess(tokens, i);
    if (access === undefined || access[1] !== 'define') continue;
    const name = tokens[access[2]]?.value === '(' ? tokens[access[2] + 1] : tokens[access[2]];
    const literalName = (name?.kind === 'str' && !name.value.includes('#{')) || name?.kind === 'sym';
    count += literalName ? 1 : 2;
  }
  return Math.min(count, 2);
}

/** Where the ip expression is: a single string literal by its content (as for other options), else the whole expression. */
function ipSpan(expr: readonly RubyToken[]): { ipStart: number; ipEnd: number } {
  const only = expr.length === 1 ? expr[0] : undefined;
  if (only !== undefined && only.kind === 'str') return { ipStart: only.contentStart, ipEnd: only.contentEnd };
  return { ipStart: (expr[0] as RubyToken).start, ipEnd: (expr[expr.length - 1] as RubyToken).end };
}

const OPENERS = new Set(['if', 'unless', 'case', 'do', 'while', 'until', 'begin', 'def', 'class', 'module']);

/**
 * The statement at token `at` sits in an `if`/`unless`/`case` whose condition looks at the host's architecture
 * (`uname -m`, RUBY_PLATFORM, arm64/aarch64): the value is chosen per host, not fixed.
 */
function underHostArchCondition(tokens: readonly RubyToken[], at: number): boolean {
  let depth = 0;
  for (let j = at - 1; j >= 0; j--) {
    const t = tokens[j] as RubyToken;
    if (t.kind !== 'ident') continue;
    if (t.value === 'end') depth++;
    else if (OPENERS.has(t.value) || t.value === 'elsif') {
      // A modifier `x if cond` has no end: only an opener that starts its line opens a block.
      const starts = j === 0 || tokens[j - 1]?.kind === 'nl' || t.value === 'do';
      if (!starts && t.value !== 'elsif') continue;
      if (t.value === 'elsif') {
        if (depth === 0 && conditionIsArch(tokens, j)) return true;
        continue;
      }
      if (depth > 0) {
        depth--;
        continue;
      }
      if (t.value === 'do') continue;
      if (t.value === 'if' || t.value === 'unless' || t.value === 'case') {
        if (conditionIsArch(tokens, j)) return true;
        continue;
      }
      return false;
    }
  }
  return false;
}

/**
 * The branch of an `if`/`unless`/`case` the statement at token `at` sits in, inside its innermost block
 * (`do ... end`): the token index of its `if`, `elsif`, `else` or `when`, or -1 when it runs unconditionally
 * there. A modifier `x if cond` opens no branch.
 */
export function enclosingBranch(tokens: readonly RubyToken[], at: number): number {
  let depth = 0;
  for (let j = at - 1; j >= 0; j--) {
    const t = tokens[j] as RubyToken;
    if (t.kind !== 'ident') continue;
    const starts = j === 0 || tokens[j - 1]?.kind === 'nl';
    if (t.value === 'end') depth++;
    else if (t.value === 'do' || (OPENERS.has(t.value) && starts)) {
      if (depth > 0) {
        depth--;
        continue;
      }
      return t.value === 'if' || t.value === 'unless' ? j : -1;
    } else if (depth === 0 && starts && (t.value === 'elsif' || t.value === 'else' || t.value === 'when')) return j;
  }
  return -1;
}

function conditionIsArch(tokens: readonly RubyToken[], from: number): boolean {
  let text = '';
  for (let k = from + 1; k < tokens.length && tokens[k]?.kind !== 'nl'; k++) text += ` ${tokens[k]?.value ?? ''}`;
  return /uname|RUBY_PLATFORM|arch|arm64|aarch64|x86_64|amd64/i.test(text);
}

/** Candidate values that are fully known (no unknown part, no interpolation left), each once. */
function knownValues(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== '' && !v.includes(HOLE) && !v.includes('#{')))];
}

/** A provider name: a symbol or string literal, else what the expression evaluates to (a settings file's value). */
function providerValues(expr: readonly RubyToken[], at: number, evaluator: RubyEvaluator): string[] {
  const only = expr.length === 1 ? expr[0] : undefined;
  if (only?.kind === 'sym' || (only?.kind === 'str' && !only.value.includes('#{'))) return [only.value];
  return knownValues(evaluator.values(expr, at)).filter((v) => /^[a-z][a-z0-9_]*$/.test(v));
}

const NO_INPUTS: RubyInputs = { data: new Map(), env: new Map() };

export function readVagrantfile(tokens: readonly RubyToken[], inputs: RubyInputs = NO_INPUTS): VagrantRead {
  const evaluator = new RubyEvaluator(tokens, inputs);
  const constants = new Map<string, StrToken>();
  const strings: StrToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as RubyToken;
    if (token.kind === 'str') strings.push(token);
    const eq = tokens[i + 1];
    const value = tokens[i + 2];
    // Constants, globals and local variables set to a string: BOX = "...", box_image = "...".
    if (
      (token.kind === 'const' || token.kind === 'gvar' || token.kind === 'ident') &&
      eq?.value === '=' &&
      isStr(value)
    ) {
      constants.set(token.value, value);
    }
  }
  const resolve = (token: RubyToken | undefined): StrToken | undefined => {
    if (isStr(token)) return token;
    if (token !== undefined && (token.kind === 'const' || token.kind === 'gvar' || token.kind === 'ident'))
      return constants.get(token.value);
    return undefined;
  };
  const literal = (token: RubyToken | undefined): string | undefined => {
    const str = resolve(token);
    if (str !== undefined) return str.value;
    if (token?.kind === 'sym' || token?.kind === 'ident' || token?.kind === 'num') return token.value;
    return undefined;
  };

  const boxes: Array<{ name: string; start: number; end: number; receiver: string | undefined }> = [];
  const architectures: Array<{ value: string; start: number; end: number; receiver: string | undefined }> = [];
  const networks: VagrantNetwork[] = [];
  const scripts: Array<{ path: string; privileged: boolean; start: number; end: number }> = [];
  const inline: InlineShell[] = [];
  const provisioners: VagrantProvisioner[] = [];
  // The block variable of each `config.vm.define ... do |node|` seen so far, to its block's index.
  const defineScopes = new Map<string, number>();
  let defines = 0;
  const loads: string[] = [];
  const providers = new Set<string>();
  const seenBoxTokens = new Set<number>();

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as RubyToken;
    // Ruby the Vagrantfile runs: load "x.rb", require_relative "lib/x", eval(File.read("Vagrantfile.common")).
    if (token.kind === 'ident' && (token.value === 'load' || token.value === 'require_relative')) {
      const arg = tokens[i + 1]?.value === '(' ? tokens[i + 2] : tokens[i + 1];
      const path = resolve(arg);
      if (path !== undefined && !path.value.includes('#{')) {
        loads.push(token.value === 'require_relative' && !/\.rb$/.test(path.value) ? `${path.value}.rb` : path.value);
      }
    }
    if (token.kind === 'const' && token.value === 'File' && tokens[i + 2]?.value === 'read') {
      const evaluated = tokens
        .slice(Math.max(0, i - 3), i)
        .some((t) => t.value === 'eval' || t.value === 'instance_eval');
      const arg = tokens[i + 3]?.value === '(' ? tokens[i + 4] : tokens[i + 3];
      const path = resolve(arg);
      if (evaluated && path !== undefined && !path.value.includes('#{')) loads.push(path.value);
    }
    // Hash entries such as { name: "node1", box: "ubuntu/jammy64" } or { :box => "...", "box" => "..." }
    // used in a loop over a machine list (config.vm.box = opts[:box]).
    const rocket = (token.kind === 'sym' || token.kind === 'str') && tokens[i + 1]?.value === '=>';
    const hashKey = token.kind === 'label' || rocket;
    if (hashKey && (token.value === 'box' || token.value === 'box_architecture')) {
      const value = resolve(tokens[i + (rocket ? 2 : 1)]);
      if (value !== undefined && !seenBoxTokens.has(value.start)) {
        seenBoxTokens.add(value.start);
        const entry = { start: value.contentStart, end: value.contentEnd, receiver: undefined };
        if (token.value === 'box') boxes.push({ name: value.value, ...entry });
        else architectures.push({ value: value.value, ...entry });
      }
      continue;
    }
    // ENV['VAGRANT_DEFAULT_PROVIDER'] = configuration['provider'] (or ||=): the provider `vagrant up` uses.
    const orAssign = tokens[i + 4]?.value === '||' && tokens[i + 5]?.value === '=';
    if (
      token.kind === 'const' &&
      token.value === 'ENV' &&
      tokens[i + 1]?.value === '[' &&
      tokens[i + 2]?.value === 'VAGRANT_DEFAULT_PROVIDER' &&
      tokens[i + 3]?.value === ']' &&
      (tokens[i + 4]?.value === '=' || orAssign)
    ) {
      const { args } = statementArgs(tokens, i + (orAssign ? 6 : 5));
      for (const value of providerValues(args, i, evaluator)) providers.add(value);
      continue;
    }
    const access = vmAccess(tokens, i);
    if (access === undefined) continue;
    const [receiver, name, after] = access;
    if (name === 'provider') {
      // config.vm.provider :libvirt do |p| ... / node.vm.provider configuration['provider'] do |p| ...
      const { args } = statementArgs(tokens, after);
      const expr = args[0]?.value === '(' ? args.slice(1) : args;
      const comma = expr.findIndex((t) => t.value === ',' || t.value === ')');
      for (const value of providerValues(comma < 0 ? expr : expr.slice(0, comma), i, evaluator)) providers.add(value);
      continue;
    }
    if (name === 'define') {
      const { next } = statementArgs(tokens, after);
      const blockVar = tokens[next]?.value === 'do' && tokens[next + 1]?.value === '|' ? tokens[next + 2] : undefined;
      if (blockVar?.kind === 'ident') defineScopes.set(blockVar.value, defines++);
      continue;
    }
    const scope = defineScopes.get(receiver) ?? -1;
    if ((name === 'box' || name === 'box_architecture') && tokens[after]?.value === '=') {
      const valueToken = tokens[after + 1];
      const str = resolve(valueToken);
      if (str !== undefined && !seenBoxTokens.has(str.start)) {
        seenBoxTokens.add(str.start);
        const entry = { start: str.contentStart, end: str.contentEnd, receiver };
        if (name === 'box') boxes.push({ name: str.value, ...entry });
        else architectures.push({ value: str.value, ...entry });
      } else if (name === 'box_architecture' && valueToken !== undefined && valueToken.kind === 'sym') {
        architectures.push({ value: valueToken.value, start: valueToken.start, end: valueToken.end, receiver });
      } else if (
        name === 'box' &&
        valueToken !== undefined &&
        !seenBoxTokens.has(valueToken.start) &&
        !underHostArchCondition(tokens, i)
      ) {
        // A box read from a settings file or a machine table: config.vm.box = node['image'].
        const { args } = statementArgs(tokens, after + 1);
        const last = args[args.length - 1];
        for (const value of knownValues(evaluator.values(args, i))) {
          // A `box:` entry of a machine table is already reported where it is written.
          if (boxes.some((b) => b.name === value)) continue;
          boxes.push({ name: value, start: valueToken.start, end: last?.end ?? valueToken.end, receiver });
        }
      }
      continue;
    }
    if (name === 'network' || name === 'provision') {
      const { args, next } = statementArgs(tokens, after);
      const first = args.find((arg) => arg.value !== '(');
      const type = literal(first);
      if (type === undefined) continue;
      const opts = options(args);
      if (name === 'network') {
        const map = new Map<string, { value: string; start: number; end: number }>();
        for (const [key, value] of opts) {
          const text = literal(value);
          if (text !== undefined) {
            const str = resolve(value);
            map.set(key, {
              value: text,
              start: str?.contentStart ?? value.start,
              end: str?.contentEnd ?? value.end,
            });
          }
        }
        const last = args[args.length - 1];
        const ipExpr = optionExpression(args, 'ip');
        networks.push({
          type,
          start: tokens[i]?.start ?? 0,
          end: last?.end ?? first?.end ?? 0,
          options: map,
          ...(ipExpr === undefined
            ? {}
            : {
                addresses: evaluator.values(ipExpr, i),
                ...ipSpan(ipExpr),
              }),
        });
        continue;
      }
      // Named form: config.vm.provision "install-docker", type: "shell", path: "...".
      if (type !== 'shell' && literal(opts.get('type')) !== 'shell') continue;
      const branch = enclosingBranch(tokens, i);
      let privileged = literal(opts.get('privileged')) !== 'false';
      let inlineToken = resolve(opts.get('inline'));
      let path = literal(opts.get('path'));
      let pathToken = resolve(opts.get('path'));
      // Block form: config.vm.provision "shell" do |s| s.inline = ...; s.privileged = false; end
      if (tokens[next]?.value === 'do' && tokens[next + 1]?.value === '|') {
        const blockVar = tokens[next + 2]?.value;
        for (let j = next + 3; j < tokens.length; j++) {
          if (vmAccess(tokens, j) !== undefined) break;
          const t = tokens[j] as RubyToken;
          if (t.value !== blockVar || tokens[j + 1]?.value !== '.' || tokens[j + 3]?.value !== '=') continue;
          const field = tokens[j + 2]?.value;
          const value = tokens[j + 4];
          if (field === 'inline') inlineToken = resolve(value) ?? inlineToken;
          if (field === 'path') {
            path = literal(value) ?? path;
            pathToken = resolve(value) ?? pathToken;
          }
          if (field === 'privileged') privileged = literal(value) !== 'false';
        }
      }
      if (inlineToken !== undefined) {
        inline.push({ token: inlineToken, privileged });
        provisioners.push({ kind: 'inline', start: inlineToken.contentStart, scope, branch });
      }
      const pathExpr = optionExpression(args, 'path');
      if (pathExpr !== undefined && pathExpr.length > 1) {
        path = undefined;
        // A path from a machine table or a settings file (path: node[:provision]): every value it can take.
        const first = pathExpr[0] as RubyToken;
        const last = pathExpr[pathExpr.length - 1] as RubyToken;
        for (const value of knownValues(evaluator.values(pathExpr, i))) {
          scripts.push({ path: value, privileged, start: first.start, end: last.end });
          provisioners.push({ kind: 'script', path: value, scope, branch });
        }
      }
      if (path !== undefined) {
        scripts.push({
          path,
          privileged,
          start: pathToken?.contentStart ?? tokens[i]?.start ?? 0,
          end: pathToken?.contentEnd ?? tokens[i]?.end ?? 0,
        });
        provisioners.push({ kind: 'script', path, scope, branch });
      }
    }
  }
  return {
    model: {
      boxes,
      architectures,
      networks,
      scripts,
      refs: pathLikeRefs([...strings.map((s) => s.value), ...loads]),
      provisioners,
      loads,
      machines: countMachines(tokens),
      providers: [...providers],
    },
    inline,
    strings,
  };
}

/**
 * The shell provisioners each machine runs, in Vagrant's order: the outer `config.vm.provision` ones first,
 * then those of the machine's own `config.vm.define` block. One list per define block (one list in all when
 * the Vagrantfile defines no machine).
 */
export function provisionerRuns<T extends { scope: number }>(provisioners: readonly T[]): T[][] {
  const outer = provisioners.filter((p) => p.scope < 0);
  const scopes = [...new Set(provisioners.filter((p) => p.scope >= 0).map((p) => p.scope))];
  if (scopes.length === 0) return [outer];
  return scopes.map((scope) => [...outer, ...provisioners.filter((p) => p.scope === scope)]);
}

/**
 * Every provider the Vagrantfile configures, as far as they are known, passes `test` (and there is one):
 * `vm.provider configuration['provider']` with `provider: libvirt` in the settings file it loads is libvirt.
 */
export function providersAll(model: VagrantModel | undefined, test: (provider: string) => boolean): boolean {
  const providers = model?.providers ?? [];
  return providers.length > 0 && providers.every(test);
}
