/**
 * Holds a probe command against the read-only allowlist (read-only-rules.ts). Used by the probe
 * planner at run time (a probe that fails is a bug, refused before any node is contacted) and by
 * the test that holds every command the probe builder can emit.
 */
import { READ_ONLY_RULES } from './read-only-rules';
import { lexShell, type Token, type WordToken } from './shell-lexer';

const RESERVED_PREFIX = new Set(['!', '{', '}', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', 'esac']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Variables that would change what a command does or loads. */
const DANGEROUS_ASSIGNMENT = /^(PATH|LD_[A-Z_]+|IFS|ENV|BASH_ENV|SHELLOPTS|PS4)=/;

function checkRedirection(token: Extract<Token, { kind: 'redir' }>): string[] {
  switch (token.op) {
    case '<':
      return [];
    case '>&':
    case '<&':
      return /^([0-9]|-)$/.test(token.target) ? [] : [`redirection ${token.op}${token.target} is not a descriptor copy`];
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

function checkSimpleCommand(words: readonly WordToken[], depth: number): string[] {
  let i = 0;
  const errors: string[] = [];
  while (i < words.length && ASSIGNMENT.test((words[i] as WordToken).text)) {
    const text = (words[i] as WordToken).text;
    if (DANGEROUS_ASSIGNMENT.test(text)) errors.push(`assignment ${text.split('=')[0]}= changes how commands run`);
    i++;
  }
  const head = words[i];
  if (head === undefined) return errors;
  if (!head.literal) return [...errors, `command name ${head.text} is an expansion`];
  const name = head.text.startsWith('/') && !head.text.includes('..') ? (head.text.split('/').pop() ?? '') : head.text;
  if (name.includes('/')) return [...errors, `command ${head.text} must be a bare name or an absolute path`];
  const rule = READ_ONLY_RULES[name];
  if (rule === undefined) return [...errors, `command "${name}" is not on the read-only list`];
  const nested = (rest: readonly WordToken[]): string[] => (depth > 4 ? ['nesting too deep'] : checkSimpleCommand(rest, depth + 1));
  return [...errors, ...rule(words.slice(i + 1), nested)];
}

/**
 * Walks the token stream, splitting it into simple commands. Knows `if/while/until`, `{ }`,
 * `( )`, `for ... in ...` and `case ... in pattern) ... ;; esac`.
 */
function checkTokens(tokens: readonly Token[]): string[] {
  const errors: string[] = [];
  let words: WordToken[] = [];
  /** Skip words until the next separator (the list of a `for`). */
  let skipSegment = false;
  /** Inside a case body, at the start of a pattern list. */
  const caseStack: Array<'head' | 'pattern' | 'body'> = [];
  const flush = (): void => {
    if (!skipSegment && words.length > 0) errors.push(...checkSimpleCommand(words, 0));
    words = [];
  };
  for (const token of tokens) {
    const top = caseStack[caseStack.length - 1];
    if (token.kind === 'redir') {
      errors.push(...checkRedirection(token));
      continue;
    }
    if (token.kind === 'op') {
      if (top === 'pattern') {
        if (token.text === ')') caseStack[caseStack.length - 1] = 'body';
        continue;
      }
      if (token.text === '&') errors.push('background jobs (&) are not allowed');
      if (token.text === ';;' && top === 'body') caseStack[caseStack.length - 1] = 'pattern';
      flush();
      skipSegment = false;
      continue;
    }
    if (top === 'pattern') {
      if (token.text === 'esac') {
        caseStack.pop();
      }
      continue;
    }
    if (top === 'head') {
      if (token.text === 'in') caseStack[caseStack.length - 1] = 'pattern';
      continue;
    }
    if (words.length === 0 && !skipSegment) {
      if (token.text === 'for') {
        skipSegment = true;
        continue;
      }
      if (token.text === 'case') {
        caseStack.push('head');
        continue;
      }
      if (token.text === 'esac' && top === 'body') {
        caseStack.pop();
        continue;
      }
      if (RESERVED_PREFIX.has(token.text) && token.literal) continue;
    }
    if (skipSegment) continue;
    words.push(token);
  }
  flush();
  if (caseStack.length > 0) errors.push('unterminated case');
  return errors;
}

/** Reasons the command is not read-only; empty when it is. */
export function readOnlyViolations(command: string, depth = 0): string[] {
  if (depth > 4) return ['command substitutions nested too deep'];
  if (command.includes('\0')) return ['NUL byte in command'];
  const lexed = lexShell(command);
  const errors = [...lexed.errors, ...checkTokens(lexed.tokens)];
  for (const inner of lexed.substitutions) errors.push(...readOnlyViolations(inner, depth + 1));
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
