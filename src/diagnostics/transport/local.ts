/**
 * `--local`: the same script, run by /bin/sh on this machine (for running k8sdiag on the node
 * itself). The shell gets its own process group so the deadline can stop every probe at once.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { deadlineSignal } from './deadline';
import type { Collected, CollectOptions } from './types';

/**
 * Every descendant of `root`, from /proc (Linux). GNU timeout puts each probe in a process group
 * of its own, so killing the shell's group is not enough to stop a probe at the node deadline.
 */
function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift() as number;
    for (const child of children.get(pid) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

export function collectLocally(
  script: string,
  options: CollectOptions & { maxOutputBytes: number; cwd?: string | undefined },
): Promise<Collected> {
  const started = Date.now();
  return new Promise((resolve) => {
    const limit = deadlineSignal(options.signal, options.deadline);
    const chunks: Buffer[] = [];
    let bytes = 0;
    let scriptStderr = '';
    let status: Collected['status'] = 'ok';
    let reason: string | undefined;
    const child = spawn('/bin/sh', ['-s'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
    const kill = (): void => {
      if (child.pid === undefined) return;
      const tree = descendants(child.pid);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      for (const pid of tree) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    const onAbort = (): void => {
      status = 'timeout';
      reason = options.signal.aborted
        ? 'run timeout reached while the probes ran'
        : 'node timeout reached while the probes ran';
      kill();
    };
    limit.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > options.maxOutputBytes) {
        status = 'error';
        reason = `output exceeded ${options.maxOutputBytes} bytes; stopped`;
        kill();
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (scriptStderr.length < 65536) scriptStderr += chunk.toString('utf8');
    });
    child.on('error', (error) => {
      status = 'error';
      reason = `cannot run /bin/sh: ${error.message}`;
    });
    child.on('close', (code) => {
      limit.dispose();
      limit.signal.removeEventListener('abort', onAbort);
      resolve({
        status,
        ...(reason === undefined ? {} : { reason }),
        output: Buffer.concat(chunks),
        scriptStderr,
        exitCode: code,
        address: 'localhost',
        port: 0,
        user: userInfo().username,
        durationMs: Date.now() - started,
      });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(script);
  });
}
