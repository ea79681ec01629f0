/**
 * Probes that several checks read live in this directory, one file per probe (or per family with
 * one output format) with its parser: the output format is one contract. A probe name is unique
 * across all checks (a registry test holds that one name always means one command), so the
 * runner may collect the union of all probes by name and hand every analyzer the sections it
 * asked for. No file lists them: the tests find them by reading this directory.
 *
 * Rules for every probe command (shared or not):
 * - static text, never built from node input or from the context;
 * - read-only: it prints files and the state of the kernel, it never changes anything;
 * - POSIX sh that runs under dash and busybox ash, tolerant of missing tools
 *   (`command -v x >/dev/null 2>&1 || ...`), and it prints its own status lines, so it ends with
 *   exit status 0 when it ran as designed. It never calls `exit` (the runner may join probes);
 * - output lines are tagged (`### marker ...`, `| quoted file line`, or `tag value`), so an
 *   analyzer can tell the probe's own words from quoted file content and reject anything else.
 *
 * This file splits probe output that follows these conventions:
 * `### marker args` lines open a block, `| text` lines are quoted file content of the current
 * block, any other line belongs to the current block as raw output (e.g. what iptables-save
 * printed). Nothing here throws.
 */
import type { Parsed } from './parsed';

export interface Line {
  text: string;
  /** 1-based line number in the probe output. */
  no: number;
}

export interface Block {
  /** First word after `### `, e.g. `file`, `missing`, `exit`, `iptables-nft-save`. */
  marker: string;
  /** Rest of the marker line after the first word. */
  args: string;
  no: number;
  /** `| ` quoted lines, without the prefix. */
  quoted: Line[];
  /** Lines that are neither markers nor quoted. */
  raw: Line[];
}

export interface Blocks {
  /** Lines before the first marker. */
  head: Line[];
  blocks: Block[];
  /** True when the probe printed its closing `### end` marker. */
  complete: boolean;
}

export function splitBlocks(lines: readonly string[]): Blocks {
  const head: Line[] = [];
  const blocks: Block[] = [];
  let complete = false;
  let current: Block | undefined;
  lines.forEach((text, index) => {
    const no = index + 1;
    if (text.startsWith('### ')) {
      const rest = text.slice(4).trim();
      const space = rest.indexOf(' ');
      const marker = space < 0 ? rest : rest.slice(0, space);
      const args = space < 0 ? '' : rest.slice(space + 1).trim();
      if (marker === 'end') {
        complete = true;
        current = undefined;
        return;
      }
      current = { marker, args, no, quoted: [], raw: [] };
      blocks.push(current);
      return;
    }
    if (current === undefined) {
      head.push({ text, no });
      return;
    }
    if (text.startsWith('| ') || text === '|') current.quoted.push({ text: text.slice(2), no });
    else current.raw.push({ text, no });
  });
  return { head, blocks, complete };
}

/** `tag value...` lines: the first word and the rest. */
export function splitTag(text: string): [string, string] {
  const trimmed = text.trim();
  const space = trimmed.indexOf(' ');
  return space < 0 ? [trimmed, ''] : [trimmed.slice(0, space), trimmed.slice(space + 1).trim()];
}

/** Dotted-quad IPv4 check (no leading zeros tolerance needed: this is node output). */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  return parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** The VirtualBox NAT network Vagrant puts on every VM's first interface: 10.0.2.0/24. */
export function isVagrantNat(address: string): boolean {
  return /^10\.0\.2\.\d{1,3}$/.test(address);
}

/** Strips a scheme, `user@`, a `:port` or `[v6]:port` and brackets from an address. */
export function hostOf(endpoint: string): string {
  const text = endpoint
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .replace(/^[^@]*@/, '');
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (v6) return v6[1] ?? text;
  const colon = text.lastIndexOf(':');
  return colon > 0 && text.indexOf(':') === colon ? text.slice(0, colon) : text;
}

/** The failure every block parser returns when the probe's closing `### end` marker never came. */
export function cutShort(lines: readonly string[]): { ok: false; what: string; line: string; no: number } {
  return {
    ok: false,
    what: 'no end marker (output cut short?)',
    line: lines[lines.length - 1] ?? '',
    no: lines.length,
  };
}

export interface Located {
  value: string;
  /** Where it came from: file path (and line) or `kubelet pid N`. */
  source: string;
  /** The line as quoted, for evidence. */
  line: string;
}

/** The blocks of a probe's output, or an error for text before the first marker or a missing end marker. */
export function blocksOrError(lines: readonly string[]): Parsed<Block[]> {
  const { head, blocks, complete } = splitBlocks(lines);
  const firstHead = head.find((line) => line.text.trim() !== '');
  if (firstHead) return { ok: false, what: 'output before the first marker', line: firstHead.text, no: firstHead.no };
  if (!complete) return cutShort(lines);
  return { ok: true, value: blocks };
}
