/**
 * sed and awk take programs of their own; these validators read the programs and refuse the
 * parts that write files or run commands (sed `w`/`W`/`e`/`r`, `s///w`, `s///e`, `-i`; awk
 * `system()`, `getline`, pipes and output redirection). Fail closed: what they cannot read, they
 * refuse.
 */
import type { WordToken } from './shell-lexer';

/** Reads a delimited part (`/re/`, `s|a|b|`), honouring backslash escapes. Returns the index after it. */
function delimited(script: string, start: number, delim: string): number {
  for (let i = start; i < script.length; i++) {
    const ch = script[i];
    if (ch === '\\') i++;
    else if (ch === delim) return i + 1;
    else if (ch === '\n' && delim !== '\n') return -1;
  }
  return -1;
}

const SIMPLE = new Set(['=', 'd', 'D', 'g', 'G', 'h', 'H', 'l', 'n', 'N', 'p', 'P', 'q', 'Q', 'x', 'z', 'F', '{', '}']);

/** Problems in one sed script (empty when it only prints, deletes, substitutes). */
export function sedScriptProblems(script: string): string[] {
  let i = 0;
  const n = script.length;
  const skipBlanks = (): void => {
    while (i < n && /[ \t]/.test(script[i] as string)) i++;
  };
  const address = (): boolean => {
    const ch = script[i];
    if (ch === undefined) return true;
    if (/[0-9]/.test(ch)) {
      while (i < n && /[0-9~]/.test(script[i] as string)) i++;
    } else if (ch === '$') {
      i++;
    } else if (ch === '/' || ch === '\\') {
      const delim = ch === '\\' ? (script[i + 1] ?? '') : '/';
      const end = delimited(script, ch === '\\' ? i + 2 : i + 1, delim);
      if (end === -1) return false;
      i = end;
      while (i < n && /[IM]/.test(script[i] as string)) i++;
    }
    return true;
  };
  while (i < n) {
    while (i < n && /[\s;]/.test(script[i] as string)) i++;
    if (i >= n) break;
    if (!address()) return ['sed: unterminated address'];
    skipBlanks();
    if (script[i] === ',') {
      i++;
      skipBlanks();
      if (script[i] === '+') i++;
      if (!address()) return ['sed: unterminated address'];
      skipBlanks();
    }
    while (script[i] === '!' || script[i] === ' ') i++;
    const cmd = script[i];
    if (cmd === undefined) return ['sed: address without a command'];
    i++;
    if (SIMPLE.has(cmd)) {
      while (i < n && /[0-9]/.test(script[i] as string)) i++;
      continue;
    }
    if (
      cmd === '#' ||
      cmd === ':' ||
      cmd === 'b' ||
      cmd === 't' ||
      cmd === 'T' ||
      cmd === 'a' ||
      cmd === 'i' ||
      cmd === 'c'
    ) {
      // label or text: to the end of the line (labels also end at `;`)
      while (i < n && script[i] !== '\n' && !(script[i] === ';' && 'btT:'.includes(cmd))) i++;
      continue;
    }
    if (cmd === 's' || cmd === 'y') {
      const delim = script[i];
      if (delim === undefined || delim === '\\' || delim === '\n') return [`sed: bad ${cmd} delimiter`];
      let end = delimited(script, i + 1, delim);
      if (end === -1) return [`sed: unterminated ${cmd} command`];
      end = delimited(script, end, delim);
      if (end === -1) return [`sed: unterminated ${cmd} command`];
      i = end;
      if (cmd === 's') {
        while (i < n && !/[\s;}]/.test(script[i] as string)) {
          const flag = script[i] as string;
          if (flag === 'w' || flag === 'W') return ['sed: s///w writes a file'];
          if (flag === 'e') return ['sed: s///e runs a command'];
          if (!/[gpiImM0-9]/.test(flag)) return [`sed: unknown s flag ${flag}`];
          i++;
        }
      }
      continue;
    }
    if (cmd === 'w' || cmd === 'W') return ['sed: w writes a file'];
    if (cmd === 'e') return ['sed: e runs a command'];
    if (cmd === 'r' || cmd === 'R') return ['sed: r reads a file into the output'];
    return [`sed: command ${JSON.stringify(cmd)} is not on the read-only list`];
  }
  return [];
}

/** sed: no in-place editing, no script files, and every script read-only. */
export function sedProblems(args: readonly WordToken[]): string[] {
  const scripts: string[] = [];
  const problems: string[] = [];
  let sawScript = false;
  for (let i = 0; i < args.length; i++) {
    const text = (args[i] as WordToken).text;
    if (text === '-e' || text === '--expression') {
      scripts.push(args[i + 1]?.text ?? '');
      sawScript = true;
      i++;
    } else if (text.startsWith('--expression=')) {
      scripts.push(text.slice('--expression='.length));
      sawScript = true;
    } else if (text === '-i' || text.startsWith('-i') || text.startsWith('--in-place') || /^-[a-zA-Z]*i/.test(text)) {
      problems.push('sed: -i edits files in place');
    } else if (text === '-f' || text.startsWith('--file')) {
      problems.push('sed: -f reads a script file the checker cannot see');
      i++;
    } else if (text.startsWith('-') && text !== '-') {
      if (
        !/^-[nErsuz]+$|^--(quiet|silent|regexp-extended|separate|unbuffered|null-data|posix|debug|sandbox)$/.test(text)
      ) {
        problems.push(`sed: flag ${text} is not on the read-only list`);
      }
    } else if (!sawScript) {
      scripts.push(text);
      sawScript = true;
    }
  }
  for (const script of scripts) problems.push(...sedScriptProblems(script));
  return problems;
}

/** The awk program with strings, regex literals and comments blanked out. */
function awkCode(program: string): string {
  let out = '';
  let prev = '';
  for (let i = 0; i < program.length; i++) {
    const ch = program[i] as string;
    if (ch === '"') {
      const end = delimited(program, i + 1, '"');
      if (end === -1) return '\u0000unterminated';
      out += '""';
      i = end - 1;
      prev = '"';
      continue;
    }
    if (ch === '/' && (prev === '' || /[({;,!~&|\n}]/.test(prev))) {
      const end = delimited(program, i + 1, '/');
      if (end === -1) return '\u0000unterminated';
      out += '//';
      i = end - 1;
      prev = '/';
      continue;
    }
    if (ch === '#') {
      while (i < program.length && program[i] !== '\n') i++;
      out += '\n';
      prev = '\n';
      continue;
    }
    out += ch;
    if (!/[ \t]/.test(ch)) prev = ch;
  }
  return out;
}

export function awkProgramProblems(program: string): string[] {
  const code = awkCode(program);
  if (code.startsWith('\u0000')) return ['awk: unterminated string or regex'];
  const problems: string[] = [];
  if (/\bsystem\s*\(/.test(code)) problems.push('awk: system() runs a command');
  if (/\bgetline\b/.test(code)) problems.push('awk: getline reads commands or files');
  if (/(^|[^|])\|(?!\|)/.test(code)) problems.push('awk: | pipes to a command');
  if (/>/.test(code.replace(/>=/g, '')))
    problems.push('awk: > can redirect output to a file (write comparisons as a < b)');
  return problems;
}

export function awkProblems(args: readonly WordToken[]): string[] {
  const problems: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const text = (args[i] as WordToken).text;
    if (text === '-F' || text === '-v') {
      i++;
    } else if (/^-[Fv]./.test(text)) {
    } else if (text === '-f' || text.startsWith('--file') || text === '-E') {
      return ['awk: -f reads a program file the checker cannot see'];
    } else if (text.startsWith('-') && text !== '-') {
      problems.push(`awk: flag ${text} is not on the read-only list`);
    } else {
      return [...problems, ...awkProgramProblems(text)];
    }
  }
  return [...problems, 'awk: no program'];
}
