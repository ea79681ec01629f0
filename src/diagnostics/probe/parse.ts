/**
 * Splits a node's script output into sections. Only marker lines that carry this run's nonce
 * count: anything else, including marker look-alikes with another nonce, is probe output.
 * Works on bytes (Buffer.indexOf on the marker prefix), decodes each section once, caps it.
 * Never throws on odd input; protocol anomalies are listed in `problems`.
 */
import type { Section } from '../types';
import { MARKER } from './script';
import type { PlannedProbe, ProbePlan } from './types';

export interface ProbeHeader {
  protocol: number;
  uid: string;
  timeout: string;
  root: string;
  /** planHash() of the plan the script was built from. */
  plan: string;
}

export interface ParsedProbeOutput {
  header: ProbeHeader | undefined;
  /** The script reached its end marker. */
  complete: boolean;
  /** Sections by section key (several keys can share one Section). */
  sections: Record<string, Section>;
  /** Keys of probes that started but did not finish (output cut off). */
  interrupted: string[];
  /** Probes that finished (or were skipped). */
  finished: number;
  /** Text before the header (login banners, shell rc noise), sanitised by reporters. */
  preamble: string;
  problems: string[];
}

interface Open {
  probe: PlannedProbe;
  stdout?: Buffer;
  exitCode?: number | null;
  durationMs?: number;
  stage: 'stdout' | 'stderr';
}

const decoder = new TextDecoder('utf-8', { fatal: false });

function capped(bytes: Buffer, cap: number): { text: string; truncated: boolean } {
  const truncated = bytes.length > cap;
  return { text: decoder.decode(truncated ? bytes.subarray(0, cap) : bytes), truncated };
}

/** A node's clock reading (epoch seconds): at most 12 integer digits, so always finite. */
function seconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]{1,12}(\.[0-9]{1,9})?$/.test(value)) return undefined;
  return Number(value);
}

/** Longest duration a probe can plausibly report (a day); beyond it the node's markers lie. */
const MAX_PROBE_MS = 86_400_000;

function parseHeader(fields: readonly string[]): ProbeHeader {
  const kv = new Map<string, string>();
  for (const field of fields.slice(1)) {
    const eq = field.indexOf('=');
    if (eq > 0) kv.set(field.slice(0, eq), field.slice(eq + 1));
  }
  return {
    protocol: Number(fields[0] ?? 0),
    uid: kv.get('uid') ?? '',
    timeout: kv.get('timeout') ?? 'none',
    root: kv.get('root') ?? '',
    plan: kv.get('plan') ?? '',
  };
}

/** Did `timeout` kill it? GNU exits 124; busybox exits 143 (SIGTERM) or 137 (SIGKILL). */
function timedOut(
  exitCode: number | null,
  durationMs: number,
  probe: PlannedProbe,
  header: ProbeHeader | undefined,
): boolean {
  if (header === undefined || header.timeout === 'none' || exitCode === null) return false;
  if (exitCode === 124) return true;
  return (exitCode === 143 || exitCode === 137) && durationMs >= probe.timeoutSeconds * 1000 - 500;
}

export function parseProbeOutput(output: Buffer | string, plan: ProbePlan, nonce: string): ParsedProbeOutput {
  const buf = typeof output === 'string' ? Buffer.from(output, 'utf8') : output;
  const prefix = Buffer.from(`\n${MARKER} ${nonce} `, 'latin1');
  const byIndex = new Map(plan.probes.map((probe) => [probe.index, probe]));
  const result: ParsedProbeOutput = {
    header: undefined,
    complete: false,
    sections: {},
    interrupted: [],
    finished: 0,
    preamble: '',
    problems: [],
  };
  const store = (probe: PlannedProbe, section: Section): void => {
    for (const key of probe.keys) result.sections[key] = section;
  };

  // A group of probes (issue 16) sends each probe's stderr after the group, as `X INDEX` and the
  // bytes up to the next marker; it belongs to the section that probe's B/O/E markers stored.
  let stderrOf: PlannedProbe | undefined;
  const addStderr = (probe: PlannedProbe, bytes: Buffer): void => {
    const section = result.sections[probe.keys[0] ?? ''];
    if (section === undefined || section.skipped) return;
    const err = capped(bytes, plan.capBytes);
    const merged = { ...section, stderr: err.text, truncated: section.truncated || err.truncated };
    store(probe, merged);
  };
  let open: Open | undefined;
  let contentStart = 0;
  let first = true;
  const find = (from: number): { markerStart: number; fieldsStart: number } | undefined => {
    const at = buf.indexOf(prefix, from);
    return at === -1 ? undefined : { markerStart: at, fieldsStart: at + prefix.length };
  };
  // The script prints a newline before every marker; accept a first marker at offset 0 too.
  const bare = prefix.subarray(1);
  let next = buf.subarray(0, bare.length).equals(bare) ? { markerStart: 0, fieldsStart: bare.length } : find(0);
  for (; next !== undefined; next = find(contentStart)) {
    const { markerStart, fieldsStart } = next;
    const lineEnd = buf.indexOf(0x0a, fieldsStart);
    if (lineEnd === -1) {
      result.problems.push('output ends inside a marker line');
      break;
    }
    const content = buf.subarray(contentStart, Math.max(contentStart, markerStart));
    if (stderrOf) addStderr(stderrOf, content);
    stderrOf = undefined;
    const line = buf.toString('latin1', fieldsStart, lineEnd);
    contentStart = lineEnd + 1;
    const [kind = '', ...fields] = line.split(' ');

    if (first) {
      result.preamble = decoder.decode(content.subarray(0, 4096));
      first = false;
    }
    if (kind === 'H') {
      result.header = parseHeader(fields);
      continue;
    }
    if (kind === 'Z') {
      result.complete = true;
      continue;
    }
    const probe = byIndex.get(Number(fields[0]));
    if (probe === undefined || !/^[0-9]+$/.test(fields[0] ?? '')) {
      result.problems.push(`marker ${kind} for unknown probe ${fields[0] ?? '?'}`);
      open = undefined;
      continue;
    }
    if (kind === 'S') {
      store(probe, {
        command: probe.command,
        exitCode: null,
        stdout: '',
        stderr: '',
        timedOut: false,
        truncated: false,
        skipped: true,
        skipReason: fields.slice(2).join(' ') || 'skipped',
        durationMs: 0,
      });
      result.finished++;
      open = undefined;
    } else if (kind === 'X') {
      stderrOf = probe;
    } else if (kind === 'B') {
      // A group that restarts at a probe its deadline cut short begins that probe again.
      if (open && open.probe !== probe) result.problems.push(`probe ${open.probe.index} has no end marker`);
      open = { probe, stage: 'stdout' };
    } else if (kind === 'O' && open?.probe === probe && open.stage === 'stdout') {
      open.stdout = content;
      const rc = fields[1];
      open.exitCode = rc !== undefined && /^[0-9]{1,3}$/.test(rc) ? Number(rc) : null;
      const t0 = seconds(fields[2]);
      const t1 = seconds(fields[3]);
      const ms = t0 !== undefined && t1 !== undefined && t1 >= t0 ? Math.round((t1 - t0) * 1000) : 0;
      if (
        (fields[2] !== undefined && t0 === undefined) ||
        (fields[3] !== undefined && t1 === undefined) ||
        ms > MAX_PROBE_MS
      )
        result.problems.push(`probe ${probe.index}: implausible timestamps in its end marker; duration taken as 0`);
      open.durationMs = ms > MAX_PROBE_MS ? 0 : ms;
      open.stage = 'stderr';
    } else if (kind === 'E' && open?.probe === probe && open.stage === 'stderr') {
      const out = capped(open.stdout ?? Buffer.alloc(0), plan.capBytes);
      const err = capped(content, plan.capBytes);
      const exitCode = open.exitCode ?? null;
      const durationMs = open.durationMs ?? 0;
      const killed = timedOut(exitCode, durationMs, probe, result.header);
      store(probe, {
        command: probe.command,
        exitCode,
        stdout: out.text,
        stderr: err.text,
        timedOut: killed,
        truncated: out.truncated || err.truncated,
        skipped: false,
        durationMs,
        ...(killed ? { timeoutSeconds: probe.timeoutSeconds } : {}),
      });
      result.finished++;
      open = undefined;
    } else {
      result.problems.push(`unexpected marker ${kind} for probe ${probe.index}`);
      open = undefined;
    }
  }

  if (stderrOf) addStderr(stderrOf, buf.subarray(contentStart));
  if (open) {
    // Cut off mid-probe (node timeout or dropped connection): keep what came.
    const rest = buf.subarray(contentStart);
    const out = capped(open.stage === 'stdout' ? rest : (open.stdout ?? Buffer.alloc(0)), plan.capBytes);
    const err = capped(open.stage === 'stderr' ? rest : Buffer.alloc(0), plan.capBytes);
    store(open.probe, {
      command: open.probe.command,
      exitCode: null,
      stdout: out.text,
      stderr: err.text,
      timedOut: false,
      truncated: true,
      skipped: false,
      durationMs: open.durationMs ?? 0,
    });
    result.interrupted.push(...open.probe.keys);
  }
  if (first) result.preamble = decoder.decode(buf.subarray(0, 4096));
  return result;
}

/** The nonce of the first header marker in saved output (for `analyze`, when no script is given). */
export function findNonce(output: Buffer | string): string | undefined {
  const text = typeof output === 'string' ? output : output.toString('latin1', 0, Math.min(output.length, 1 << 20));
  return /(?:^|\n)@@K8SDIAG ([0-9a-f]{32}) H /.exec(text)?.[1];
}

/**
 * A plan read back from saved output (for `analyze`): begin and skip markers carry each probe's
 * index and names; commands and limits come from the probes this k8sdiag knows by name.
 */
export function planFromOutput(
  output: Buffer | string,
  nonce: string,
  known: ReadonlyMap<string, { command: string; needsRoot?: boolean | undefined; timeoutSeconds?: number | undefined }>,
  capBytes: number,
  defaultTimeoutSeconds: number,
): { plan: ProbePlan; unknown: string[] } {
  const text = typeof output === 'string' ? output : output.toString('latin1');
  const re = new RegExp(`(?:^|\\n)${MARKER} ${nonce} [BS] ([0-9]+) ([A-Za-z0-9_.,-]+)`, 'g');
  const probes = new Map<number, PlannedProbe>();
  const unknown: string[] = [];
  for (const match of text.matchAll(re)) {
    const index = Number(match[1]);
    if (probes.has(index)) continue;
    const keys = (match[2] as string).split(',').filter(Boolean);
    const first = known.get(keys[0] ?? '');
    if (first === undefined) unknown.push(...keys);
    probes.set(index, {
      index,
      keys,
      command: first?.command ?? '(unknown to this k8sdiag)',
      needsRoot: first?.needsRoot === true,
      timeoutSeconds: first?.timeoutSeconds ?? defaultTimeoutSeconds,
    });
  }
  return { plan: { capBytes, probes: [...probes.values()].sort((a, b) => a.index - b.index) }, unknown };
}
