/**
 * A real OpenSSH server on 127.0.0.1 with a random high port, its own host key, and a temporary
 * user key in its own AuthorizedKeysFile. Runs as root (sshd must), stopped by `stop()` (tests
 * call it in afterAll, always). Loopback only: no address, route or namespace is touched.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';

export interface Sshd {
  port: number;
  dir: string;
  /** `ssh-ed25519 AAAA...` (or the type asked for) of the server's host key. */
  hostKeyLine: string;
  /** Private key that is authorised for root. */
  userKey: string;
  /** Log lines sshd wrote so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** Why this machine cannot run the test, or undefined when it can. */
export function sshdUnavailable(): string | undefined {
  if (!existsSync(SSHD)) return `${SSHD} is not installed (scripts/setup-system.sh installs openssh-server)`;
  if (process.getuid?.() !== 0) return 'sshd needs root to serve logins';
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function keygen(file: string, type = 'ed25519', passphrase = ''): string {
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'k8sdiag-test', '-f', file]);
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

/** `hostKeyType`: the only host key the server has (and so offers), ed25519 by default. */
export async function startSshd(extraConfig: string[] = [], hostKeyType = 'ed25519'): Promise<Sshd> {
  const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-sshd-'));
  const hostKey = join(dir, `ssh_host_${hostKeyType}_key`);
  const hostKeyLine = keygen(hostKey, hostKeyType).split(' ').slice(0, 2).join(' ');
  const userKey = join(dir, 'id_user');
  writeFileSync(join(dir, 'authorized_keys'), `${keygen(userKey)}\n`, { mode: 0o600 });
  // sshd refuses to start without its privilege separation directory (systemd normally creates it).
  if (!existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${hostKey}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'AllowTcpForwarding yes',
      'MaxStartups 300:30:600',
      'MaxSessions 50',
      'LogLevel INFO',
      ...extraConfig,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sshd did not start within 60 s:\n${log}`)), 10_000);
    const check = (): void => {
      if (log.includes(`Server listening on 127.0.0.1 port ${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}:\n${log}`));
    });
  });
  return {
    port,
    dir,
    hostKeyLine,
    userKey,
    log: () => log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
