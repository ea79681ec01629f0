// biome-ignore-all lint/suspicious/noTemplateCurlyInString: messages quote shell syntax (${ ... })
/**
 * A small POSIX sh lexer for the read-only checker: enough of the grammar to find every simple
 * command, every redirection and every command substitution in a probe's command line.
 * It is deliberately strict: anything it does not understand is reported, never guessed.
 */

export interface WordToken {
  kind: 'word';
  /** Value after quote removal (expansions left as written). */
  text: string;
  /** True when the word has no parameter expansion, command substitution or arithmetic. */
  literal: boolean;
  /** Bodies of the command substitutions inside this word. */
  subs: string[];
}

export type OperatorText = '|' | '||' | '&&' | ';' | ';;' | '&' | '\n' | '(' | ')';

export interface OperatorToken {
  kind: 'op';
  text: OperatorText;
}

export type RedirOp = '>' | '>>' | '>|' | '<' | '<>' | '>&' | '<&' | '<<' | '<<-' | '<<<' | '&>' | '&>>';

export interface RedirToken {
  kind: 'redir';
  fd: number | undefined;
  op: RedirOp;
  target: string;
  targetLiteral: boolean;
  subs: string[];
}

export type Token = WordToken | OperatorToken | RedirToken;

export interface LexResult {
  tokens: Token[];
  /** Bodies of `$(...)` and backquoted command substitutions, to be checked in turn. */
  substitutions: string[];
  errors: string[];
}

const BLANK = new Set([' ', '\t']);
const META = new Set([' ', '\t', '\n', '|', '&', ';', '(', ')', '<', '>']);

interface Cursor {
  src: string;
  pos: number;
  errors: string[];
  substitutions: string[];
}

/** Reads `$(...)` (cursor on the `(`), returning the body; nesting and quotes respected. */
function readParenBody(c: Cursor): string {
  const start = c.pos + 1;
  let depth = 0;
  let i = c.pos;
  for (; i < c.src.length; i++) {
    const ch = c.src[i];
    if (ch === '\\') {
      i++;
    } else if (ch === "'") {
      const end = c.src.indexOf("'", i + 1);
      if (end === -1) break;
      i = end;
    } else if (ch === '"') {
      i = skipDoubleQuoted(c.src, i + 1);
      if (i === -1) break;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth--;
      if (depth === 0) {
        c.pos = i + 1;
        return c.src.slice(start, i);
      }
    }
  }
  c.errors.push('unterminated $( ... )');
  c.pos = c.src.length;
  return c.src.slice(start);
}

/** Index of the closing quote of a double-quoted string starting after `"`, or -1. */
function skipDoubleQuoted(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') i++;
    else if (ch === '"') return i;
  }
  return -1;
}

function readBackquoted(c: Cursor): string {
  let body = '';
  for (let i = c.pos + 1; i < c.src.length; i++) {
    const ch = c.src[i];
    if (ch === '\\' && i + 1 < c.src.length) {
      body += c.src[i + 1];
      i++;
    } else if (ch === '`') {
      c.pos = i + 1;
      return body;
    } else {
      body += ch;
    }
  }
  c.errors.push('unterminated backquote');
  c.pos = c.src.length;
  return body;
}

/** Handles `$` at the cursor; appends to the word and returns whether it was an expansion. */
function readDollar(c: Cursor): string {
  const next = c.src[c.pos + 1];
  if (next === '(') {
    if (c.src[c.pos + 2] === '(') {
      const end = c.src.indexOf('))', c.pos + 3);
      if (end === -1) {
        c.errors.push('unterminated $(( ... ))');
        c.pos = c.src.length;
        return '';
      }
      const text = c.src.slice(c.pos, end + 2);
      c.pos = end + 2;
      return text;
    }
    c.pos += 1;
    const body = readParenBody(c);
    c.substitutions.push(body);
    return `$(${body})`;
  }
  if (next === '{') {
    // ${...} can hold command substitutions (${x:-$(cmd)}): find them, respect nesting.
    let depth = 0;
    let text = '';
    let i = c.pos;
    while (i < c.src.length) {
      const ch = c.src[i] as string;
      if (ch === '\\') {
        text += c.src.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (ch === '$' && c.src[i + 1] === '(') {
        c.pos = i + 1;
        const body = readParenBody(c);
        c.substitutions.push(body);
        text += `$(${body})`;
        i = c.pos;
        continue;
      }
      if (ch === '`') {
        c.pos = i;
        const body = readBackquoted(c);
        c.substitutions.push(body);
        text += `\`${body}\``;
        i = c.pos;
        continue;
      }
      text += ch;
      i++;
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === 0) {
          c.pos = i;
          return text;
        }
      }
    }
    c.errors.push('unterminated ${ ... }');
    c.pos = c.src.length;
    return text;
  }
  const match = /^\$(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(c.src.slice(c.pos, c.pos + 64));
  if (match) {
    c.pos += match[0].length;
    return match[0];
  }
  c.pos += 1;
  return '$';
}

function readWord(c: Cursor): WordToken {
  const firstSub = c.substitutions.length;
  let text = '';
  let literal = true;
  while (c.pos < c.src.length) {
    const ch = c.src[c.pos] as string;
    if (META.has(ch)) break;
    if (ch === '\\') {
      const next = c.src[c.pos + 1];
      if (next === '\n') {
        c.pos += 2;
        continue;
      }
      text += next ?? '';
      c.pos += 2;
    } else if (ch === "'") {
      const end = c.src.indexOf("'", c.pos + 1);
      if (end === -1) {
        c.errors.push('unterminated single quote');
        text += c.src.slice(c.pos + 1);
        c.pos = c.src.length;
        break;
      }
      text += c.src.slice(c.pos + 1, end);
      c.pos = end + 1;
    } else if (ch === '"') {
      c.pos += 1;
      let closed = false;
      while (c.pos < c.src.length) {
        const q = c.src[c.pos] as string;
        if (q === '"') {
          c.pos += 1;
          closed = true;
          break;
        }
        if (q === '\\') {
          const next = c.src[c.pos + 1] ?? '';
          if (next === '\n') {
            c.pos += 2;
          } else {
            text += '$`"\\'.includes(next) ? next : `\\${next}`;
            c.pos += 2;
          }
        } else if (q === '$') {
          const before = c.pos;
          const expanded = readDollar(c);
          if (expanded !== '$' || c.pos - before > 1) literal = false;
          text += expanded;
        } else if (q === '`') {
          literal = false;
          const body = readBackquoted(c);
          c.substitutions.push(body);
          text += `\`${body}\``;
        } else {
          text += q;
          c.pos += 1;
        }
      }
      if (!closed) c.errors.push('unterminated double quote');
    } else if (ch === '$') {
      const expanded = readDollar(c);
      if (expanded !== '$') literal = false;
      text += expanded;
    } else if (ch === '`') {
      literal = false;
      const body = readBackquoted(c);
      c.substitutions.push(body);
      text += `\`${body}\``;
    } else {
      text += ch;
      c.pos += 1;
    }
  }
  return { kind: 'word', text, literal, subs: c.substitutions.slice(firstSub) };
}

const REDIR_OPS: readonly RedirOp[] = ['&>>', '<<-', '<<<', '>>', '>|', '<>', '>&', '<&', '<<', '&>', '>', '<'];

function readRedirection(c: Cursor, fd: number | undefined): RedirToken | undefined {
  const op = REDIR_OPS.find((candidate) => c.src.startsWith(candidate, c.pos));
  if (op === undefined) return undefined;
  c.pos += op.length;
  while (c.pos < c.src.length && BLANK.has(c.src[c.pos] as string)) c.pos += 1;
  const word = readWord(c);
  if (word.text === '') c.errors.push(`redirection ${op} without a target`);
  return { kind: 'redir', fd, op, target: word.text, targetLiteral: word.literal, subs: word.subs };
}

export function lexShell(src: string): LexResult {
  const c: Cursor = { src, pos: 0, errors: [], substitutions: [] };
  const tokens: Token[] = [];
  while (c.pos < src.length) {
    const ch = src[c.pos] as string;
    if (BLANK.has(ch)) {
      c.pos += 1;
      continue;
    }
    if (ch === '#') {
      const end = src.indexOf('\n', c.pos);
      c.pos = end === -1 ? src.length : end;
      continue;
    }
    if (ch === '\n') {
      tokens.push({ kind: 'op', text: '\n' });
      c.pos += 1;
      continue;
    }
    if (ch === '\\' && src[c.pos + 1] === '\n') {
      c.pos += 2;
      continue;
    }
    const fdMatch = /^([0-9])(?=[<>])/.exec(src.slice(c.pos, c.pos + 2));
    if (fdMatch || ch === '<' || ch === '>' || src.startsWith('&>', c.pos)) {
      const fd = fdMatch ? Number(fdMatch[1]) : undefined;
      if (fdMatch) c.pos += 1;
      if ((src[c.pos] === '<' || src[c.pos] === '>') && src[c.pos + 1] === '(') {
        c.errors.push('process substitution is not POSIX sh');
        c.pos += 1;
        readParenBody(c);
        continue;
      }
      const redir = readRedirection(c, fd);
      if (redir) {
        tokens.push(redir);
        continue;
      }
    }
    if (src.startsWith('||', c.pos) || src.startsWith('&&', c.pos) || src.startsWith(';;', c.pos)) {
      tokens.push({ kind: 'op', text: src.slice(c.pos, c.pos + 2) as OperatorText });
      c.pos += 2;
      continue;
    }
    if (src.startsWith('|&', c.pos)) {
      c.errors.push('|& is not POSIX sh');
      tokens.push({ kind: 'op', text: '|' });
      c.pos += 2;
      continue;
    }
    if (ch === '|' || ch === '&' || ch === ';' || ch === '(' || ch === ')') {
      tokens.push({ kind: 'op', text: ch });
      c.pos += 1;
      continue;
    }
    tokens.push(readWord(c));
  }
  return { tokens, substitutions: c.substitutions, errors: c.errors };
}
