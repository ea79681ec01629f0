/**
 * Holds a probe command against the read-only allowlist (read-only-rules.ts). Used by the probe
 * planner at run time (a probe that fails is a bug, refused before any node is contacted) and by
 * the test that holds every command the probe builder can emit.
 */
import { READ_ONLY_RULES } from './read-only-rules';
import { lexShell, type Token, type WordToken } from './shell-lexer';

const RESERVED_PREFIX = new Set([
  '!',
  '{',
  '}',
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  'esac',
]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Variables that would change what a command is or loads. */
const DANGEROUS_ASSIGNMENT = /^(PATH|LD_[A-Z_]+|ENV|BASH_ENV|SHELLOPTS|PS4)=/;
/** `$name` or `${name}` alone: a command name that is a variable. */
const VARIABLE = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

/**
 * Values a variable can hold where it is used as a command name: `for b in kubeadm kubelet`
 * gives ["kubeadm", "kubelet"], and `case "$b" in kubeadm) ...` narrows it inside that branch.
 * Unknown variables (assigned from anything else) have no entry: using one as a command is refused.
 */
type Values = Map<string, readonly string[]>;

function checkRedirection(token: Extract<Token, { kind: 'redir' }>): string[] {
  switch (token.op) {
    case '<':
      return [];
    case '>&':
    case '<&':
      return /^([0-9]|-)$/.test(token.target)
        ? []
        : [`redirection ${token.op}${token.target} is not a descriptor copy`];
    case '>':
    case '>>':
    case '>|':
    case '&>':
    case '&>>':
    case '<>':
      return token.target === '/dev/null' ? [] : [`redirection ${token.op} ${token.target} writes a file`];
    default:
      return [`redirection ${token.op} is not supported by the read-only checker`];
  }
}

function checkNamed(name: string, args: readonly WordToken[], depth: number, values: Values): string[] {
  const base = name.startsWith('/') && !name.includes('..') ? (name.split('/').pop() ?? '') : name;
  if (base.includes('/') || base === '') return [`command ${name} must be a bare name or an absolute path`];
  const rule = READ_ONLY_RULES[base];
  if (rule === undefined) return [`command "${base}" is not on the read-only list`];
  const nested = (rest: readonly WordToken[]): string[] =>
    depth > 4 ? ['nesting too deep'] : checkSimpleCommand(rest, depth + 1, values);
  return rule(args, nested);
}

function checkSimpleCommand(words: readonly WordToken[], depth: number, values: Values): string[] {
  let i = 0;
  const errors: string[] = [];
  while (i < words.length && ASSIGNMENT.test((words[i] as WordToken).text)) {
    const text = (words[i] as WordToken).text;
    if (DANGEROUS_ASSIGNMENT.test(text)) errors.push(`assignment ${text.split('=')[0]}= changes how commands run`);
    i++;
  }
  const head = words[i];
  if (head === undefined) return errors;
  const args = words.slice(i + 1);
  if (head.literal) return [...errors, ...checkNamed(head.text, args, depth, values)];
  const variable = VARIABLE.exec(head.text)?.[1];
  const possible = variable === undefined ? undefined : values.get(variable);
  if (possible === undefined) return [...errors, `command name ${head.text} is an expansion`];
  return [...errors, ...possible.flatMap((name) => checkNamed(name, args, depth, values))];
}

/** OpenSSH-style glob for case patterns over literal values. */
function caseMatch(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  try {
    return new RegExp(`^${re}$`).test(value);
  } catch {
    return true;
  }
}

interface CaseFrame {
  state: 'head' | 'pattern' | 'body';
  subject: string | undefined;
  remaining: readonly string[] | undefined;
  patterns: string[];
}

const ASSIGNING_BUILTINS = new Set(['read', 'getopts', 'export', 'readonly', 'local', 'declare', 'typeset', 'unset']);

/**
 * Walks the token stream, splitting it into simple commands. Knows `if/while/until`, `{ }`,
 * `( )`, `for NAME in words; do`, `case WORD in pattern) ... ;; esac`.
 */
function checkTokens(tokens: readonly Token[], inherited: Values, depth: number): string[] {
  const errors: string[] = [];
  const loopValues: Values = new Map(inherited);
  const cases: CaseFrame[] = [];
  let words: WordToken[] = [];
  /** The words of a `for` header, collected until its separator. */
  let forHeader: WordToken[] | undefined;

  const values = (): Values => {
    const merged: Values = new Map(loopValues);
    for (const frame of cases) {
      if (frame.state === 'body' && frame.subject !== undefined && frame.remaining !== undefined) {
        merged.set(
          frame.subject,
          frame.remaining.filter((v) => frame.patterns.some((p) => caseMatch(p, v))),
        );
      }
    }
    return merged;
  };
  const flush = (): void => {
    if (forHeader !== undefined) {
      const [name, inWord, ...list] = forHeader;
      if (name !== undefined && inWord?.text === 'in' && list.every((w) => w.literal))
        loopValues.set(
          name.text,
          list.map((w) => w.text),
        );
      else if (name !== undefined) loopValues.delete(name.text);
      forHeader = undefined;
    } else if (words.length > 0) {
      for (const word of words) {
        const assigned = ASSIGNMENT.exec(word.text);
        if (assigned) loopValues.delete(word.text.split('=')[0] as string);
        else break;
      }
      // Builtins that assign the variables they name (`read b`, `getopts o b`, `export b=x`): a loop
      // variable they touch no longer holds the loop's values.
      const at = words.findIndex((w) => !ASSIGNMENT.test(w.text));
      if (at >= 0 && ASSIGNING_BUILTINS.has((words[at] as WordToken).text)) {
        for (const arg of words.slice(at + 1)) loopValues.delete(arg.text.split('=')[0] as string);
      }
      errors.push(...checkSimpleCommand(words, 0, values()));
    }
    words = [];
  };

  for (const token of tokens) {
    const top = cases[cases.length - 1];
    // Command substitutions are checked where they stand, with the loop variables known there.
    if (token.kind !== 'op')
      for (const inner of token.subs) errors.push(...readOnlyViolations(inner, depth + 1, values()));
    if (token.kind === 'redir') {
      errors.push(...checkRedirection(token));
      continue;
    }
    if (top?.state === 'pattern') {
      if (token.kind === 'op' && token.text === ')') top.state = 'body';
      else if (token.kind === 'word' && token.text === 'esac') cases.pop();
      else if (token.kind === 'word') top.patterns.push(token.literal ? token.text : '*');
      continue;
    }
    if (token.kind === 'op') {
      if (token.text === '&') errors.push('background jobs (&) are not allowed');
      flush();
      if (token.text === ';;' && top?.state === 'body') {
        const matched = top.remaining?.filter((v) => top.patterns.some((p) => caseMatch(p, v))) ?? [];
        if (top.remaining !== undefined) top.remaining = top.remaining.filter((v) => !matched.includes(v));
        top.patterns = [];
        top.state = 'pattern';
      }
      continue;
    }
    if (top?.state === 'head') {
      if (token.text === 'in') top.state = 'pattern';
      else if (top.subject === undefined && top.remaining === undefined) {
        const variable = VARIABLE.exec(token.text)?.[1];
        top.subject = variable;
        top.remaining = variable === undefined ? undefined : loopValues.get(variable);
      }
      continue;
    }
    if (forHeader !== undefined) {
      forHeader.push(token);
      continue;
    }
    if (words.length === 0) {
      if (token.text === 'for' && token.literal) {
        forHeader = [];
        continue;
      }
      if (token.text === 'case' && token.literal) {
        cases.push({ state: 'head', subject: undefined, remaining: undefined, patterns: [] });
        continue;
      }
      if (token.text === 'esac' && top?.state === 'body') {
        cases.pop();
        continue;
      }
      if (RESERVED_PREFIX.has(token.text) && token.literal) continue;
    }
    words.push(token);
  }
  flush();
  if (cases.length > 0) errors.push('unterminated case');
  return errors;
}

/** Reasons the command is not read-only; empty when it is. */
export function readOnlyViolations(command: string, depth = 0, inherited: Values = new Map()): string[] {
  if (depth > 4) return ['command substitutions nested too deep'];
  if (command.includes('\0')) return ['NUL byte in command'];
  const lexed = lexShell(command);
  const errors = [...lexed.errors, ...checkTokens(lexed.tokens, inherited, depth)];
  return [...new Set(errors)];
}

/** Every command name a probe line runs (for listing them in docs and tests). */
export function commandNames(command: string): string[] {
  const names: string[] = [];
  const lexed = lexShell(command);
  let expectCommand = true;
  for (const token of lexed.tokens) {
    if (token.kind === 'op') {
      expectCommand = true;
    } else if (token.kind === 'word' && expectCommand) {
      if (ASSIGNMENT.test(token.text) || RESERVED_PREFIX.has(token.text)) continue;
      names.push(token.text.split('/').pop() ?? token.text);
      expectCommand = false;
    }
  }
  for (const inner of lexed.substitutions) names.push(...commandNames(inner));
  return names;
}
