/**
 * Reading other nodes' sections in cluster checks: only clean runs count (a cluster check says
 * nothing about a node whose probe was skipped, failed or timed out; the node check reports that).
 */
import type { Section } from '../../types';

/** The section's lines when the probe ran cleanly, else undefined. */
export function cleanLines(section: Section | undefined): string[] | undefined {
  if (section === undefined || section.skipped || section.timedOut || section.exitCode !== 0) return undefined;
  if (typeof section.stdout !== 'string' || section.stdout.includes('\u0000')) return undefined;
  const out = section.stdout.split(/\r?\n/);
  if (out[out.length - 1] === '') out.pop();
  if (section.truncated) out.pop();
  return out;
}
