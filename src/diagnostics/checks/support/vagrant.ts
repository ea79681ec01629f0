/**
 * What the host-box-arch check needs from a Vagrantfile (Ruby, read as text, never evaluated):
 * the boxes (`*.vm.box = "..."`, resolving simple constants) and `vm.box_architecture`, and
 * what is known about a box's architecture from its name.
 */
import type { Arch } from './arch';

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

export type BoxArch =
  | { kind: 'single'; arch: Arch; why: string }
  | { kind: 'multi'; why: string }
  | { kind: 'unknown'; why: string };

/**
 * What a box name says about its architecture. Facts behind the families:
 * - a name with arm64/aarch64 is an arm64 build (net9/ubuntu-24.04-arm64, bento/ubuntu-22.04-arm64, ...);
 * - Canonical's ubuntu/* boxes (ubuntu/jammy64, ...) are VirtualBox amd64 builds only; the
 *   Roboxes generic/* boxes, hashicorp/*, centos/* and debian/* boxes are amd64 only too;
 * - bento/* boxes carry several architectures under one name since Vagrant 2.4 added
 *   architecture-aware providers, but not for every version and provider.
 */
export function boxArchitecture(box: string): BoxArch {
  const name = box.toLowerCase();
  if (/(arm64|aarch64)/.test(name)) return { kind: 'single', arch: 'arm64', why: 'the box name says arm64' };
  if (/(^|[-_/.])(amd64|x86_64|x64)([-_.]|$)/.test(name)) {
    return { kind: 'single', arch: 'amd64', why: 'the box name says amd64' };
  }
  if (/(i386|i686)/.test(name) || /\/[a-z]+32$/.test(name))
    return { kind: 'single', arch: '386', why: 'the box name says 32-bit x86' };
  const family = name.split('/')[0] ?? '';
  if (family === 'ubuntu')
    return { kind: 'single', arch: 'amd64', why: "Canonical's ubuntu/* boxes are built for amd64 only" };
  if (family === 'generic')
    return { kind: 'single', arch: 'amd64', why: 'the Roboxes generic/* boxes are built for amd64 only' };
  if (family === 'hashicorp' || family === 'centos' || family === 'debian') {
    return { kind: 'single', arch: 'amd64', why: `the ${family}/* boxes are built for amd64 only` };
  }
  if (family === 'bento') {
    return {
      kind: 'multi',
      why: 'bento/* boxes publish arm64 builds under the same name for some versions and providers only (Vagrant >= 2.4 picks by host architecture)',
    };
  }
  return { kind: 'unknown', why: 'the box name does not tell its architecture' };
}

/** Vagrant's names for box_architecture values to our Arch vocabulary. */
export function archFromSetting(value: string): Arch | 'auto' | undefined {
  const v = value.toLowerCase();
  if (v === 'auto' || v === 'nil' || v === '') return 'auto';
  if (v === 'amd64' || v === 'x86_64') return 'amd64';
  if (v === 'arm64' || v === 'aarch64') return 'arm64';
  if (v === 'i386' || v === '386') return '386';
  return undefined;
}
