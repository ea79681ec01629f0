/** Process helpers for the lab driver: synchronous for setup steps, async for long runs. */
import { type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Single-quotes a word for POSIX sh. */
export function q(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Runs a command, throws with its stderr when it fails. */
export function must(command: string, args: readonly string[], input?: string): string {
  const result = spawnSync(command, args, { input: input ?? '', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    const detail = `${result.stderr}${result.stdout}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`${command} ${args.join(' ')} exited ${result.status ?? result.signal}: ${detail}`);
  }
  return result.stdout;
}

/** Runs a command, never throws. */
export function attempt(command: string, args: readonly string[], input?: string): RunResult {
  const started = performance.now();
  const result = spawnSync(command, args, { input: input ?? '', encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout ?? '',
    stderr: result.error ? result.error.message : (result.stderr ?? ''),
    durationMs: performance.now() - started,
  };
}

/**
 * Runs a bash script with `set -euo pipefail`; throws with the tail of its output when it fails.
 * The script goes through a file: a 200-node network script is far over the 128 KiB argv limit.
 */
export function bash(script: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-lab-sh-'));
  const file = join(dir, 'script.sh');
  try {
    writeFileSync(file, `set -euo pipefail\n${script}\n`, { mode: 0o600 });
    return must('bash', [file]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Async run with a hard deadline (SIGKILL to the whole process group when it passes). */
export function runAsync(
  command: string,
  args: readonly string[],
  options: { deadlineMs: number; input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = { deadlineMs: 120_000 },
): Promise<RunResult & { killedByDeadline: boolean }> {
  const started = performance.now();
  const spawnOptions: SpawnOptions = { stdio: ['pipe', 'pipe', 'pipe'], detached: true };
  if (options.env) spawnOptions.env = options.env;
  if (options.cwd) spawnOptions.cwd = options.cwd;
  const child = spawn(command, args, spawnOptions);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  child.stdin?.end(options.input ?? '');
  let killedByDeadline = false;
  const timer = setTimeout(() => {
    killedByDeadline = true;
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, options.deadlineMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        durationMs: performance.now() - started,
        killedByDeadline,
      });
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
