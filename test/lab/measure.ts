/**
 * Measures one client run for the benchmark: wall time, CPU seconds of the client's whole process
 * tree (from /usr/bin/time, which reports the rusage of every descendant that was waited for), and
 * peak memory of the tree, sampled every 100 ms as the sum of PSS (proportional set size, so that
 * libraries shared by parallel-ssh's many ssh processes are counted once) and as the largest RSS of
 * a single process (what /usr/bin/time's %M reports).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  wallSeconds: number;
  cpuSeconds: number;
  /** Peak of the summed PSS of the client's process tree, MiB. */
  peakPssMiB: number;
  /** Largest RSS of one process (GNU time %M), MiB. */
  maxRssMiB: number;
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

function children(pid: number): number[] {
  const out: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      for (const c of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/)) {
        if (c !== '') out.push(Number(c));
      }
    } catch {
      // exited
    }
  }
  return out;
}

function tree(root: number): number[] {
  const all: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    all.push(pid);
    queue.push(...children(pid));
  }
  return all;
}

function pssKiB(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(/^Pss:\s+(\d+) kB/m.exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Processes whose command line contains `needle` (a scan of /proc). */
export function pidsMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle)) out.push(Number(entry));
    } catch {
      // exited
    }
  }
  return out;
}

/** CPU seconds a live process and its waited-for children have used (utime, stime, cutime, cstime). */
export function cpuSecondsOf(pid: number, clockTicks: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / clockTicks;
  } catch {
    return 0;
  }
}

/**
 * Runs `client` in the hub namespace under /usr/bin/time and samples its process tree. `detached`
 * names processes that belong to the client but left its tree (ssh ControlPersist masters, which
 * fork into the background): they are added to the memory samples (looked up every 500 ms).
 */
export function measure(
  hub: string,
  client: readonly string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; deadlineMs: number; detached?: string },
): Promise<Measurement> {
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-bench-'));
  const timeFile = join(dir, 'time');
  const argv = ['netns', 'exec', hub, '/usr/bin/time', '-f', '%e %U %S %M', '-o', timeFile, ...client];
  const started = performance.now();
  const child = spawn('ip', argv, { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.end(options.input ?? '');
  let peak = 0;
  let extra: number[] = [];
  let lastScan = 0;
  const sampler = setInterval(() => {
    if (child.pid === undefined) return;
    if (options.detached !== undefined && Date.now() - lastScan > 500) {
      lastScan = Date.now();
      extra = pidsMentioning(options.detached);
    }
    const pids = new Set([...tree(child.pid), ...extra]);
    const total = [...pids].reduce((sum, pid) => sum + pssKiB(pid), 0);
    if (total > peak) peak = total;
  }, 100);
  const killer = setTimeout(() => child.kill('SIGKILL'), options.deadlineMs);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      const wall = (performance.now() - started) / 1000;
      let cpu = Number.NaN;
      let maxRss = Number.NaN;
      try {
        const fields = readFileSync(timeFile, 'utf8').trim().split('\n').pop()?.split(' ').map(Number) ?? [];
        const [, user, sys, rss] = fields;
        if (user !== undefined && sys !== undefined) cpu = user + sys;
        if (rss !== undefined) maxRss = rss / 1024;
      } catch {
        // time did not write (killed)
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({
        wallSeconds: wall,
        cpuSeconds: cpu,
        peakPssMiB: peak / 1024,
        maxRssMiB: maxRss,
        exitCode: code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** The node's PID 1 (its sshd): the child of the tracked `unshare`. */
export function nodeInitPid(unsharePid: number): number | undefined {
  try {
    const first = readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim().split(/\s+/)[0];
    return first ? Number(first) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The last PID handed out in a node's own PID namespace (`/proc/sys/kernel/ns_last_pid`, read by one
 * `cat` started inside it). PIDs in a namespace are handed out in sequence, one per process or
 * thread created, so the difference between two readings, minus one for the second `cat` itself, is
 * exactly the number of tasks the node started in between (the namespace is its own, with nothing
 * else running in it but sleeping stand-ins; `pid_max` is far away).
 */
export function nodeLastPid(initPid: number): number {
  const out = execFileSync(
    'nsenter',
    ['-t', String(initPid), '-p', '-m', '--', 'cat', '/proc/sys/kernel/ns_last_pid'],
    { encoding: 'utf8' },
  );
  const value = Number(out.trim());
  if (!Number.isInteger(value)) throw new Error(`ns_last_pid of node ${initPid}: ${out.trim()}`);
  return value;
}

/** Tasks started in the node between two nodeLastPid() readings. */
export function tasksBetween(before: number, after: number): number {
  return after - before - 1;
}
