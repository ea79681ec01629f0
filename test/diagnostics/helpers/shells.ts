/**
 * Runs a generated probe script under real shells: dash, bash, and busybox sh with a PATH of
 * busybox applets only (what an Alpine or minimal node has, including busybox `timeout` and `head`).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ShellUnderTest {
  name: string;
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

let busyboxBin: string | undefined;

/** A directory with one symlink per busybox applet. */
export function busyboxPath(): string {
  if (busyboxBin) return busyboxBin;
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-busybox-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const applets = execFileSync('/usr/bin/busybox', ['--list'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  for (const applet of applets) symlinkSync('/usr/bin/busybox', join(bin, applet));
  busyboxBin = bin;
  return bin;
}

/** Removes the applet directory (call from afterAll). */
export function removeBusyboxPath(): void {
  if (busyboxBin) rmSync(join(busyboxBin, '..'), { recursive: true, force: true });
  busyboxBin = undefined;
}

export function shells(): ShellUnderTest[] {
  const list: ShellUnderTest[] = [];
  const env = { PATH: '/usr/bin:/bin', HOME: '/tmp', LANG: 'C' };
  if (existsSync('/bin/dash')) list.push({ name: 'dash', file: '/bin/dash', args: ['-s'], env });
  if (existsSync('/usr/bin/busybox')) {
    list.push({
      name: 'busybox sh',
      file: '/usr/bin/busybox',
      args: ['sh', '-s'],
      env: { ...env, PATH: busyboxPath() },
    });
  }
  if (existsSync('/bin/bash')) list.push({ name: 'bash --posix', file: '/bin/bash', args: ['--posix', '-s'], env });
  return list;
}

export interface ScriptRun {
  stdout: Buffer;
  stderr: string;
  code: number | null;
  ms: number;
}

/** Feeds the script on stdin through a pipe, as ssh does. */
export function runScript(shell: ShellUnderTest, script: string, prefix: string[] = []): Promise<ScriptRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const [file, args] =
      prefix.length > 0
        ? [prefix[0] as string, [...prefix.slice(1), shell.file, ...shell.args]]
        : [shell.file, shell.args];
    const child = spawn(file, args, { env: shell.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        code,
        ms: Date.now() - started,
      }),
    );
    child.stdin.end(script);
  });
}
