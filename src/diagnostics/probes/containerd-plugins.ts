/**
 * The `containerd-plugins` probe and its parser: the plugins the running containerd loaded, with
 * their status (`ctr plugins ls`), and the CRI plugin's row.
 */
import type { Probe } from '../types';
import type { Block } from './blocks';

/** The plugins the running containerd loaded, with their status (`ctr plugins ls`); root for the socket. */
export const containerdPluginsProbe: Probe = {
  name: 'containerd-plugins',
  needsRoot: true,
  timeoutSeconds: 15,
  command: [
    'if ! command -v ctr >/dev/null 2>&1; then echo "### missing ctr";',
    'elif [ ! -S /run/containerd/containerd.sock ]; then echo "### nosocket /run/containerd/containerd.sock";',
    'else echo "### ctr"; ctr plugins ls 2>&1; echo "### exit $?"; fi',
    'echo "### end"',
  ].join('\n'),
};

/** What `ctr plugins ls` said: whether containerd answered, and the CRI plugin's row. */
export interface Plugins {
  reached: boolean;
  cri?: { status: string; line: string };
  error?: string;
}

/** Reads the `### ctr` block of the `containerd-plugins` probe (undefined when there is none). */
export function readPlugins(block: Block | undefined): Plugins | undefined {
  if (block === undefined) return undefined;
  const raw = block.raw.map((line) => line.text);
  const header = raw.findIndex((line) => /^TYPE\s+ID\s+PLATFORMS\s+STATUS\s*$/.test(line));
  if (header < 0) return { reached: false, error: raw.find((line) => line.trim() !== '') ?? 'no output' };
  for (const line of raw.slice(header + 1)) {
    const [type, id, , status] = line.trim().split(/\s+/);
    if (type === 'io.containerd.grpc.v1' && id === 'cri')
      return { reached: true, cri: { status: status ?? '', line: line.trim() } };
  }
  return { reached: true };
}
