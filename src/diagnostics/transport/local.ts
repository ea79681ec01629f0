/**
 * `--local`: the same script, run by /bin/sh on this machine (for running k8sdiag on the node
 * itself). The shell gets its own process group so the deadline can stop every probe at once.
 */
import { spawn } from 'node:child_process';
import { userInfo } from 'node:os';
import { deadlineSignal } from './deadline';
import type { Collected, CollectOptions } from './types';

export function collectLocally(
  script: string,
  options: CollectOptions & { maxOutputBytes: number },
): Promise<Collected> {
  const started = Date.now();
  return new Promise((resolve) => {
    const limit = deadlineSignal(options.signal, options.deadline);
    const chunks: Buffer[] = [];
    let bytes = 0;
    let scriptStderr = '';
    let status: Collected['status'] = 'ok';
    let reason: string | undefined;
    const child = spawn('/bin/sh', ['-s'], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const kill = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
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
