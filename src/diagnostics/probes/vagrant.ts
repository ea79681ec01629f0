// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * What the host-box-arch check needs from a Vagrantfile (Ruby, read as text, never evaluated):
 * the boxes (`*.vm.box = "..."`, resolving simple constants) and `vm.box_architecture`. What a box
 * name says about its architecture lives in facts/vagrant-box.ts.
 */
import type { Probe } from '../types';

/** The Vagrantfile of the project directory (or a parent), quoted line by line. Shared with host-only-range. */
export const vagrantfileProbe: Probe = {
  name: 'vagrantfile',
  command: [
    'd=${VAGRANT_CWD:-$(pwd)}; n=${VAGRANT_VAGRANTFILE:-Vagrantfile}',
    'while :; do',
    '  if [ -f "$d/$n" ]; then echo "### file $d/$n"; sed \'s/^/| /\' "$d/$n"; break; fi',
    '  if [ "$d" = / ] || [ -z "$d" ]; then echo "### missing $n"; break; fi',
    '  d=$(dirname "$d")',
    'done',
    'echo "### end"',
  ].join('\n'),
};

export interface BoxUse {
  /** Box name, or undefined when it is computed (not a literal or a simple constant). */
  box: string | undefined;
  /** The expression as written when it is not a literal. */
  expression: string;
  line: number;
  text: string;
}

export interface ArchSetting {
  /** "amd64", "arm64", ..., "auto", or "nil". */
  value: string;
  line: number;
  text: string;
}

export interface VagrantfileFacts {
  boxes: BoxUse[];
  architectures: ArchSetting[];
}

/** Drops a Ruby comment that starts outside a string. */
function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charAt(i);
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#') return line.slice(0, i);
  }
  return line;
}

const STRING = /^(["'])((?:\\.|(?!\1).)*)\1$/;
const CONSTANT = /^\s*([A-Z][A-Za-z0-9_]*)\s*=\s*(["'])((?:\\.|(?!\2).)*)\2\s*$/;
const BOX = /\b\w+\.vm\.box\s*=\s*(.+?)\s*$/;
const BOX_ARCH = /\b\w+\.vm\.box_architecture\s*=\s*(.+?)\s*$/;

export function parseVagrantfile(text: string): VagrantfileFacts {
  const constants = new Map<string, string>();
  const boxes: BoxUse[] = [];
  const architectures: ArchSetting[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = stripComment(raw);
    if (line.trim() === '') return;
    const constant = CONSTANT.exec(line);
    if (constant) constants.set(constant[1] ?? '', constant[3] ?? '');
    const box = BOX.exec(line);
    if (box) {
      const expression = (box[1] ?? '').trim();
      const literal = STRING.exec(expression);
      const resolved = literal ? literal[2] : constants.get(expression);
      boxes.push({ box: resolved, expression, line: index + 1, text: raw.trim() });
      return;
    }
    const arch = BOX_ARCH.exec(line);
    if (arch) {
      const expression = (arch[1] ?? '').trim();
      const literal = STRING.exec(expression);
      const value = literal ? (literal[2] ?? '') : expression.replace(/^:/, '');
      architectures.push({ value: value.toLowerCase(), line: index + 1, text: raw.trim() });
    }
  });
  return { boxes, architectures };
}
