/**
 * What a collector returns for one node: the script's raw output (possibly partial) and how the
 * attempt ended. Collectors never throw for node trouble; they classify it.
 */
export const NODE_STATUSES = ['ok', 'unreachable', 'auth-failed', 'timeout', 'host-key-refused', 'error'] as const;
export type NodeStatus = (typeof NODE_STATUSES)[number];

export interface CollectOptions {
  /** Epoch ms by which this node must be done (node timeout, capped by the run's). */
  deadline: number;
  /** Aborted when the whole run times out. */
  signal: AbortSignal;
  /** The configured node timeout (ms), for messages: they say the limit the user set, not a measured time. */
  nodeTimeoutMs?: number;
}

export interface Collected {
  status: NodeStatus;
  reason?: string;
  /** The script's stdout, raw bytes. */
  output: Buffer;
  /** The script's own stderr (shell errors; probes' stderr is in-band). */
  scriptStderr: string;
  exitCode: number | null;
  address: string;
  port: number;
  user: string;
  hostKey?: { type: string; fingerprint: string; verdict: string };
  durationMs: number;
}
