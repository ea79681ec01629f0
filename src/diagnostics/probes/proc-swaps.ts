/**
 * The `proc-swaps` probe and its parser: /proc/swaps as the kernel prints it (header, one line per
 * active swap area), or `### missing` on a kernel without swap support (swap-enabled reads it).
 */
import type { Probe } from '../types';
import type { Parsed } from './parsed';

/** /proc/swaps, printed line by line with shell builtins. */
export const procSwapsProbe: Probe = {
  name: 'proc-swaps',
  command:
    'if [ -r /proc/swaps ]; then while IFS= read -r l; do printf \'%s\\n\' "$l"; done </proc/swaps; else echo "### missing /proc/swaps"; fi',
};

export interface SwapArea {
  /** The line with its runs of blanks folded to one space, for evidence. */
  text: string;
  name: string;
  type: string;
  /** Size in KiB, as printed. */
  size: string;
}

export interface Swaps {
  /** The header line, blanks folded. */
  header: string;
  areas: SwapArea[];
}

/** The active swap areas, or null when /proc/swaps does not exist. */
export function parseSwaps(lines: readonly string[]): Parsed<Swaps | null> {
  const header = lines[0] ?? '';
  if (header.startsWith('### missing')) return { ok: true, value: null };
  if (!/^Filename\s+Type\s+Size\s+Used\s+Priority\s*$/.test(header)) {
    return {
      ok: false,
      what: 'expected the /proc/swaps header "Filename Type Size Used Priority"',
      line: header,
      no: 1,
    };
  }
  const areas: SwapArea[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    if (!/^\S+\s+\S+\s+\d+\s+\d+\s+-?\d+\s*$/.test(line)) {
      return { ok: false, what: 'not a /proc/swaps entry', line, no: i + 1 };
    }
    const text = line.replace(/\s+/g, ' ').trim();
    const [name = '', type = '', size = ''] = text.split(' ');
    areas.push({ text, name, type, size });
  }
  return { ok: true, value: { header: header.replace(/\s+/g, ' ').trim(), areas } };
}
