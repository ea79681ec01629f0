/**
 * The second step of an analyzer whose probe prints only `### marker` blocks: anything before the
 * first marker, or a missing end marker, becomes an error finding that quotes the odd line.
 */

import { type Block, splitBlocks } from '../../probes/blocks';
import type { Finding } from '../../types';
import { type Reporter, unexpected } from './findings';

export type OpenBlocks = { ok: true; blocks: Block[] } | { ok: false; finding: Finding };

export function openBlocks(r: Reporter, probe: string, lines: readonly string[]): OpenBlocks {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = head.find((line) => line.text.trim() !== '');
  if (stray)
    return { ok: false, finding: unexpected(r, probe, 'output before the first marker', stray.text, stray.no) };
  if (!complete) {
    return {
      ok: false,
      finding: unexpected(r, probe, 'no end marker (output cut short?)', lines[lines.length - 1] ?? '', lines.length),
    };
  }
  return { ok: true, blocks };
}
