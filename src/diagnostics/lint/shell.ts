/**
 * A small POSIX-sh lexer for lint: enough to find simple commands and their words with source
 * offsets, mask comments, and skip heredoc bodies. It never executes or expands anything.
 * Jinja (`{{ ... }}`) and command substitutions stay inside the word they appear in.
 */

export interface ShellWord {
  /** The word with quotes and backslashes removed (substitutions kept as written). */
  value: string;
  /** Offsets into the lexed text, [start, end). */
  start: number;
  end: number;
}

export interface ShellRedirect {
  op: string;
  target: ShellWord | undefined;
}

export interface ShellCommand {
  words: ShellWord[];
  redirects: ShellRedirect[];
  start: number;
  end: number;
  /** The command is the right-hand side of a pipe (`... | tee FILE`). */
  piped: boolean;
  /**
   * Set on commands found inside another one (a heredoc fed to a shell or ssh, `bash -c "..."`,
   * `ssh host "..."`): the user they run as when the outer command says (`sudo -u vagrant bash <<EOF`),
   * and where they run.
   */
  nested?: { user: string | undefined; remote: boolean };
}

export interface ShellLex {
  /** The input with comments replaced by spaces (same length, same line breaks). */
  masked: string;
  commands: ShellCommand[];
  /** Heredoc bodies, [start, end) of the body text. */
  heredocs: Array<{ start: number; end: number }>;
}

interface PendingHeredoc {
  delimiter: string;
}

function scanQuoted(text: string, from: number, quote: string): { value: string; end: number } {
  // from points just after the opening quote; returns the offset after the closing quote.
  let value = '';
  let i = from;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === quote) return { value, end: i + 1 };
    if (quote === '"' && c === '\\' && i + 1 < text.length) {
      const next = text[i + 1] as string;
      if (next === '\n') {
        i += 2;
        continue;
      }
      value += '$`"\\'.includes(next) ? next : c + next;
      i += 2;
      continue;
    }
    value += c;
    i++;
  }
  return { value, end: text.length };
}

/** Offset just after the balanced close of an opening at `from` (which is the opener). */
function scanBalanced(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'" || c === '"') {
      i = scanQuoted(text, i + 1, c).end;
      continue;
    }
    if (c === open) depth++;
    else if (c === close) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return text.length;
}

export function lexShell(text: string): ShellLex {
  const n = text.length;
  const commands: ShellCommand[] = [];
  const heredocs: Array<{ start: number; end: number }> = [];
  const blanks: Array<[number, number]> = [];
  let words: ShellWord[] = [];
  let redirects: ShellRedirect[] = [];
  let cur: { value: string; start: number } | null = null;
  let pendingRedirect: ShellRedirect | null = null;
  let pending: PendingHeredoc[] = [];
  let piped = false;

  const endWord = (at: number): void => {
    if (cur === null) return;
    const word: ShellWord = { value: cur.value, start: cur.start, end: at };
    cur = null;
    if (pendingRedirect !== null) {
      pendingRedirect.target = word;
      pendingRedirect = null;
      return;
    }
    words.push(word);
  };
  const endCommand = (at: number): void => {
    endWord(at);
    pendingRedirect = null;
    const first = words[0];
    if (first !== undefined) {
      commands.push({ words, redirects, start: first.start, end: at, piped });
    }
    words = [];
    redirects = [];
    piped = false;
  };
  const append = (value: string, at: number): void => {
    if (cur === null) cur = { value: '', start: at };
    cur.value += value;
  };

  let i = 0;
  while (i < n) {
    const c = text[i] as string;
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) {
      i += text[i + 1] === '\n' ? 2 : 3;
      continue;
    }
    if (c === '\n') {
      endCommand(i);
      i++;
      if (pending.length > 0) {
        for (const doc of pending) {
          const bodyStart = i;
          let closed = false;
          while (i < n) {
            const nl = text.indexOf('\n', i);
            const lineEnd = nl < 0 ? n : nl;
            const line = text.slice(i, lineEnd).replace(/\r$/, '');
            if (line.trim() === doc.delimiter) {
              heredocs.push({ start: bodyStart, end: i });
              i = nl < 0 ? n : nl + 1;
              closed = true;
              break;
            }
            i = nl < 0 ? n : nl + 1;
          }
          if (!closed) heredocs.push({ start: bodyStart, end: n });
        }
        pending = [];
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord(i);
      i++;
      continue;
    }
    if (c === '#' && cur === null) {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      blanks.push([i, end]);
      i = end;
      continue;
    }
    if (c === '&' && text[i + 1] === '>') {
      endWord(i);
      const op = text[i + 2] === '>' ? '&>>' : '&>';
      pendingRedirect = { op, target: undefined };
      redirects.push(pendingRedirect);
      i += op.length;
      continue;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') {
      const two = text.slice(i, i + 2);
      const isPipe = c === '|' && two !== '||';
      endCommand(i);
      if (isPipe) piped = true;
      i += two === '&&' || two === '||' || two === ';;' || two === '|&' ? 2 : 1;
      continue;
    }
    if (c === '<' || c === '>') {
      // A word made only of digits right before the operator is a file descriptor, not an argument.
      const current = cur as { value: string; start: number } | null;
      if (current !== null && /^\d+$/.test(current.value) && current.start + current.value.length === i) cur = null;
      endWord(i);
      if (text.startsWith('<<<', i)) {
        pendingRedirect = { op: '<<<', target: undefined };
        redirects.push(pendingRedirect);
        i += 3;
        continue;
      }
      if (text.startsWith('<<', i)) {
        let j = i + 2;
        if (text[j] === '-') j++;
        while (text[j] === ' ' || text[j] === '\t') j++;
        const match = /^(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(text.slice(j, j + 80));
        if (match) {
          pending.push({ delimiter: match[2] as string });
          redirects.push({ op: '<<', target: { value: match[2] as string, start: j, end: j + match[0].length } });
          i = j + match[0].length;
          continue;
        }
      }
      let j = i;
      while (j < n && '<>&'.includes(text[j] as string)) j++;
      const op = text.slice(i, j);
      if (op.endsWith('&') && /\d|-/.test(text[j] ?? '')) {
        // >&2, <&0, >&- : the target is a descriptor, already complete.
        let k = j;
        while (k < n && /[\d-]/.test(text[k] as string)) k++;
        redirects.push({ op, target: { value: text.slice(j, k), start: j, end: k } });
        i = k;
        continue;
      }
      pendingRedirect = { op, target: undefined };
      redirects.push(pendingRedirect);
      i = j;
      continue;
    }
    if (c === "'" || c === '"') {
      const at = i;
      const { value, end } = scanQuoted(text, i + 1, c);
      append(value, at);
      i = end;
      continue;
    }
    if (c === '\\') {
      append(text[i + 1] ?? '', i);
      i += 2;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      const end = scanBalanced(text, i + 1, '(', ')');
      append(text.slice(i, end), i);
      i = end;
      continue;
    }
    if (c === '$' && text[i + 1] === '{') {
      const end = scanBalanced(text, i + 1, '{', '}');
      append(text.slice(i, end), i);
      i = end;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close < 0 ? n : close + 1;
      append(text.slice(i, end), i);
      i = end;
      continue;
    }
    if (c === '{' && text[i + 1] === '{') {
      const close = text.indexOf('}}', i + 2);
      const end = close < 0 ? n : close + 2;
      append(text.slice(i, end), i);
      i = end;
      continue;
    }
    if (c === '{' && (text[i + 1] === '%' || text[i + 1] === '#')) {
      const closer = text[i + 1] === '%' ? '%}' : '#}';
      const close = text.indexOf(closer, i + 2);
      endWord(i);
      i = close < 0 ? n : close + 2;
      continue;
    }
    append(c, i);
    i++;
  }
  endCommand(n);

  let masked = text;
  if (blanks.length > 0) {
    const parts: string[] = [];
    let last = 0;
    for (const [start, end] of blanks) {
      parts.push(text.slice(last, start), ' '.repeat(end - start));
      last = end;
    }
    parts.push(text.slice(last));
    masked = parts.join('');
  }
  return { masked, commands, heredocs };
}

/** Options of the wrappers that take a value (`sudo -u USER`, `timeout -s SIG`). */
const OPTIONS_WITH_VALUE: Record<string, Set<string>> = {
  sudo: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '--user', '--group']),
  timeout: new Set(['-s', '-k', '--signal', '--kill-after']),
  env: new Set(['-u', '-C', '--unset', '--chdir']),
  nice: new Set(['-n', '--adjustment']),
  stdbuf: new Set(['-i', '-o', '-e']),
};

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', 'time', '{', '}', 'fi', 'done']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const NO_OPTIONS = new Set<string>();
const WRAPPERS = new Set(['sudo', 'env', 'timeout', 'nohup', 'exec', 'command', 'nice', 'stdbuf', 'doas', 'ssh']);
/** ssh options that take a value (OpenSSH ssh(1)). */
const SSH_WITH_VALUE = new Set([
  '-b',
  '-c',
  '-D',
  '-E',
  '-e',
  '-F',
  '-I',
  '-i',
  '-J',
  '-L',
  '-l',
  '-m',
  '-O',
  '-o',
  '-p',
  '-Q',
  '-R',
  '-S',
  '-W',
  '-w',
]);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash']);

export interface SimpleCommand {
  /** Basename of the program, e.g. `iptables` for `/usr/sbin/iptables`. */
  name: string;
  nameWord: ShellWord;
  args: ShellWord[];
  /** Wrappers in front of the program: sudo, timeout, env, nohup, ... */
  wrappers: string[];
  /** The duration given to `timeout`, when the command runs under it. */
  timeout: string | undefined;
}

/** Skips assignments, keywords and wrappers (sudo, env, timeout, nohup, exec, command, nice, stdbuf). */
export function simpleCommand(command: ShellCommand): SimpleCommand | undefined {
  const words = command.words;
  const wrappers: string[] = [];
  let timeout: string | undefined;
  let i = 0;
  while (i < words.length) {
    const word = words[i] as ShellWord;
    const value = word.value;
    if (KEYWORDS.has(value) || ASSIGNMENT.test(value)) {
      i++;
      continue;
    }
    const base = value.slice(value.lastIndexOf('/') + 1);
    if (base === 'ssh') {
      // ssh [options] host command...: the command runs on the other node.
      i++;
      while (i < words.length && (words[i] as ShellWord).value.startsWith('-')) {
        i += SSH_WITH_VALUE.has((words[i] as ShellWord).value) ? 2 : 1;
      }
      i++; // the host
      if (i >= words.length || /\s/.test((words[i] as ShellWord).value)) {
        return { name: 'ssh', nameWord: word, args: words.slice(words.indexOf(word) + 1), wrappers, timeout };
      }
      wrappers.push('ssh');
      continue;
    }
    if (WRAPPERS.has(base)) {
      wrappers.push(base);
      i++;
      const withValue = OPTIONS_WITH_VALUE[base] ?? NO_OPTIONS;
      while (i < words.length) {
        const option = (words[i] as ShellWord).value;
        if (option === '--') {
          i++;
          break;
        }
        if (!option.startsWith('-') && !(base === 'env' && ASSIGNMENT.test(option))) break;
        i += withValue.has(option) ? 2 : 1;
      }
      if (base === 'timeout' && i < words.length) {
        timeout = (words[i] as ShellWord).value;
        i++;
      }
      continue;
    }
    return {
      name: base,
      nameWord: word,
      args: words.slice(i + 1),
      wrappers,
      timeout,
    };
  }
  return undefined;
}

/** The user a wrapper makes the command run as: `sudo -u U`, `sudo -iu U`, `su - U`, `runuser -u U`. */
export function runAsUser(command: ShellCommand): string | undefined {
  const values = command.words.map((w) => w.value);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string;
    const base = v.slice(v.lastIndexOf('/') + 1);
    if (base === 'sudo' || base === 'runuser' || base === 'doas') {
      for (let j = i + 1; j < values.length; j++) {
        const o = values[j] as string;
        if (o === '-u' || o === '--user') return values[j + 1];
        const bundled = /^-[A-Za-z]*u(.*)$/.exec(o);
        if (bundled !== null) return bundled[1] !== '' ? bundled[1] : values[j + 1];
        if (o.startsWith('--user=')) return o.slice(7);
        if (!o.startsWith('-')) break;
      }
      return base === 'sudo' ? 'root' : undefined;
    }
    if (base === 'su') {
      const who = values.slice(i + 1).find((o) => !o.startsWith('-') && o !== 'root');
      return who === undefined || values[values.indexOf(who) - 1] === '-c' ? 'root' : who;
    }
  }
  return undefined;
}

/**
 * Commands that another command runs: a heredoc fed to a shell or ssh (`sudo -u vagrant bash <<EOF`,
 * `ssh node <<EOF`), and the string of `sh -c "..."`, `su U -c "..."`, `ssh host "..."`.
 * `heredocFor` returns the body ([start, end) in `text`) of the command's heredoc, if it has one.
 */
export function nestedSources(
  command: ShellCommand,
  text: string,
  heredoc: { start: number; end: number } | undefined,
): Array<{ start: number; end: number; user: string | undefined; remote: boolean }> {
  const values = command.words.map((w) => w.value);
  const names = values.map((v) => v.slice(v.lastIndexOf('/') + 1));
  const shellAt = names.findIndex((n) => SHELLS.has(n));
  const sshAt = names.indexOf('ssh');
  const user = runAsUser(command);
  const remote = sshAt >= 0;
  const out: Array<{ start: number; end: number; user: string | undefined; remote: boolean }> = [];
  if (heredoc !== undefined && (shellAt >= 0 || remote || names.includes('su'))) {
    out.push({ start: heredoc.start, end: heredoc.end, user, remote });
  }
  // The one string argument that holds a command line.
  let stringAt = -1;
  const cAt = values.indexOf('-c');
  if (cAt > 0 && (shellAt >= 0 || names.includes('su'))) stringAt = cAt + 1;
  else if (remote && simpleCommand(command)?.name === 'ssh') stringAt = values.length - 1;
  const word = command.words[stringAt];
  if (word !== undefined && /\s/.test(word.value)) {
    const source = text.slice(word.start, word.end);
    const quote = source[0];
    if ((quote === '"' || quote === "'") && source.endsWith(quote) && source.length === word.value.length + 2) {
      out.push({ start: word.start + 1, end: word.end - 1, user, remote });
    }
  }
  return out;
}
