/**
 * A Ruby tokenizer for Vagrantfiles: strings (single, double, %q/%Q/%w/%i, heredocs), comments
 * (`#`, =begin/=end, __END__), identifiers, labels (`ip:`), symbols, numbers and punctuation.
 * Enough to read `config.vm.box = "..."` and provisioner options without running Ruby.
 */

export type RubyToken =
  | {
      kind: 'str';
      /** Content as written, without delimiters (escapes and #{} kept). */
      value: string;
      start: number;
      end: number;
      contentStart: number;
      contentEnd: number;
      heredoc: boolean;
    }
  | {
      kind: 'ident' | 'const' | 'gvar' | 'ivar' | 'label' | 'sym' | 'num' | 'punct' | 'nl';
      value: string;
      start: number;
      end: number;
    };

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_]/;
const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** Offset after the closing quote of a "..." or '...' string starting at `from` (the quote). */
function scanRubyString(text: string, from: number, quote: string): number {
  let i = from + 1;
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (quote === '"' && c === '#' && text[i + 1] === '{') {
      depth++;
      i += 2;
      continue;
    }
    if (depth > 0) {
      if (c === '}') depth--;
      else if (c === '"' || c === "'") i = scanRubyString(text, i, c) - 1;
      i++;
      continue;
    }
    if (c === quote) return i + 1;
    i++;
  }
  return text.length;
}

/** Offset after the closing delimiter of a %-literal whose opening delimiter is at `from`. */
function scanPercent(text: string, from: number): number {
  const open = text[from] as string;
  const close = CLOSERS[open] ?? open;
  let depth = 1;
  let i = from + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === close && close !== open) {
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === open && close !== open) depth++;
    else if (c === close) return i + 1;
    i++;
  }
  return text.length;
}

export function lexRuby(text: string): RubyToken[] {
  const tokens: RubyToken[] = [];
  const n = text.length;
  const heredocs: Array<{ id: string; squiggly: boolean; index: number }> = [];
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text[i] as string;
    if (lineStart) {
      lineStart = false;
      if (text.startsWith('=begin', i) && /[\s]/.test(text[i + 6] ?? '\n')) {
        i = findEnd(text, i);
        continue;
      }
      if (text.startsWith('__END__', i) && (text[i + 7] === '\n' || i + 7 === n || text[i + 7] === '\r')) break;
    }
    if (c === '\n') {
      tokens.push({ kind: 'nl', value: '\n', start: i, end: i + 1 });
      i++;
      lineStart = true;
      if (heredocs.length > 0) {
        for (const doc of heredocs) {
          const bodyStart = i;
          let bodyEnd = n;
          let next = n;
          while (i < n) {
            const nl = text.indexOf('\n', i);
            const lineEnd = nl < 0 ? n : nl;
            const line = text.slice(i, lineEnd).replace(/\r$/, '');
            if ((doc.squiggly ? line.trim() : line) === doc.id) {
              bodyEnd = i;
              next = nl < 0 ? n : nl + 1;
              break;
            }
            i = nl < 0 ? n : nl + 1;
          }
          const token = tokens[doc.index];
          if (token !== undefined && token.kind === 'str') {
            token.contentStart = bodyStart;
            token.contentEnd = bodyEnd;
            token.value = text.slice(bodyStart, bodyEnd);
          }
          i = next;
        }
        heredocs.length = 0;
      }
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const end = scanRubyString(text, i, c);
      const contentEnd = text[end - 1] === c && end - 1 > i ? end - 1 : end;
      tokens.push({
        kind: 'str',
        value: text.slice(i + 1, contentEnd),
        start: i,
        end,
        contentStart: i + 1,
        contentEnd,
        heredoc: false,
      });
      i = end;
      continue;
    }
    if (c === '<' && text[i + 1] === '<') {
      const match = /^<<([~-]?)(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/.exec(text.slice(i, i + 80));
      const previous = tokens[tokens.length - 1];
      const bareAllowed = match !== null && (match[1] !== '' || match[2] !== '' || /^[A-Z_]/.test(match[3] ?? ''));
      const afterValue =
        previous !== undefined && ['ident', 'const', 'str', 'num'].includes(previous.kind) && match?.[1] === '';
      if (match && bareAllowed && !afterValue) {
        heredocs.push({ id: match[3] as string, squiggly: match[1] !== '', index: tokens.length });
        tokens.push({
          kind: 'str',
          value: '',
          start: i,
          end: i + match[0].length,
          contentStart: i + match[0].length,
          contentEnd: i + match[0].length,
          heredoc: true,
        });
        i += match[0].length;
        continue;
      }
    }
    if (c === '%' && /[qQwWiI]?[([{<|!/]/.test(text.slice(i + 1, i + 3))) {
      const hasType = /[qQwWiI]/.test(text[i + 1] as string);
      const delimiterAt = hasType ? i + 2 : i + 1;
      const previous = tokens[tokens.length - 1];
      const isOperator = previous !== undefined && ['ident', 'const', 'num', 'str'].includes(previous.kind) && !hasType;
      if (!isOperator) {
        const end = scanPercent(text, delimiterAt);
        tokens.push({
          kind: 'str',
          value: text.slice(delimiterAt + 1, end - 1),
          start: i,
          end,
          contentStart: delimiterAt + 1,
          contentEnd: end - 1,
          heredoc: false,
        });
        i = end;
        continue;
      }
    }
    if (c === ':' && text[i + 1] === '"') {
      const end = scanRubyString(text, i + 1, '"');
      tokens.push({ kind: 'sym', value: text.slice(i + 2, end - 1), start: i, end });
      i = end;
      continue;
    }
    if (c === ':' && IDENT_START.test(text[i + 1] ?? '') && text[i - 1] !== ':') {
      let j = i + 1;
      while (j < n && IDENT_CHAR.test(text[j] as string)) j++;
      if (text[j] === '?' || text[j] === '!') j++;
      tokens.push({ kind: 'sym', value: text.slice(i + 1, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c === '$' && IDENT_START.test(text[i + 1] ?? '')) {
      let j = i + 1;
      while (j < n && IDENT_CHAR.test(text[j] as string)) j++;
      tokens.push({ kind: 'gvar', value: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c === '@') {
      let j = i + 1;
      while (j < n && (IDENT_CHAR.test(text[j] as string) || text[j] === '@')) j++;
      tokens.push({ kind: 'ivar', value: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_CHAR.test(text[j] as string)) j++;
      if ((text[j] === '?' || text[j] === '!') && text[j + 1] !== '=') j++;
      const value = text.slice(i, j);
      if (text[j] === ':' && text[j + 1] !== ':') {
        tokens.push({ kind: 'label', value, start: i, end: j + 1 });
        i = j + 1;
        continue;
      }
      tokens.push({ kind: /^[A-Z]/.test(value) ? 'const' : 'ident', value, start: i, end: j });
      i = j;
      continue;
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[0-9_.xXa-fA-F]/.test(text[j] as string)) j++;
      tokens.push({ kind: 'num', value: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    const op = ['=>', '==', '::', '||', '&&', '!=', '<=', '>=', '+=', '-=', '||=', '<<'].includes(two) ? two : c;
    tokens.push({ kind: 'punct', value: op, start: i, end: i + op.length });
    i += op.length;
  }
  return tokens;
}

function findEnd(text: string, from: number): number {
  const pattern = /^=end\b.*$/gm;
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  if (!match) return text.length;
  return match.index + match[0].length;
}
