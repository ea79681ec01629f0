/**
 * `vagrant ssh-config` output: one `Host <machine>` block per running machine, with HostName,
 * Port, User, IdentityFile, `StrictHostKeyChecking no` and `UserKnownHostsFile /dev/null`.
 * Either run in a Vagrant directory (when `vagrant` is on PATH) or read from a saved file.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { K8sdiagError } from '../errors';
import { childEnv } from './child-env';
import { all, computeHost, concreteHosts, first, parseSshConfig } from './ssh-config';
import type { Target } from './types';

function runVagrant(dir: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'vagrant',
      ['ssh-config'],
      { cwd: dir, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: childEnv() },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new K8sdiagError(
              'E_INPUT',
              `vagrant is not on PATH; run "vagrant ssh-config > vagrant-ssh.conf" where it is and pass --vagrant vagrant-ssh.conf`,
              {
                file: dir,
              },
            ),
          );
          return;
        }
        // With some machines not running, vagrant prints the running ones and exits non-zero.
        if (error && stdout.trim() === '') {
          const reason =
            stderr
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)[0] ?? error.message;
          reject(new K8sdiagError('E_INPUT', `vagrant ssh-config failed: ${reason}`, { file: dir }));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/** Targets from `vagrant ssh-config` text (saved or captured). */
export function vagrantTargets(text: string, file: string): { targets: Target[]; warnings: string[] } {
  const source = parseSshConfig(text, file, { user: false });
  const hosts = concreteHosts(source);
  if (hosts.length === 0) {
    throw new K8sdiagError(
      'E_INPUT',
      'no "Host <machine>" block: is this `vagrant ssh-config` output, and is a machine running?',
      {
        file,
        line: 1,
      },
    );
  }
  const targets = hosts.map(({ alias, line }): Target => {
    const computed = computeHost(source, alias);
    const values = computed.values;
    const hostName = first(values['hostname']) ?? alias;
    const portText = first(values['port']);
    const identityFiles = all(values['identityfile']).map((path) => {
      const at = computed.lineOf('identityfile');
      return { path: path.replace(/^"|"$/g, ''), from: 'vagrant' as const, file, ...(at ? { line: at.line } : {}) };
    });
    return {
      name: alias,
      host: hostName,
      ...(portText === undefined ? {} : { port: Number(portText) }),
      ...(first(values['user']) === undefined ? {} : { user: first(values['user']) as string }),
      identityFiles,
      groups: [],
      sshOptions: values,
      kind: 'vagrant',
      origin: { file, line },
    };
  });
  return { targets, warnings: source.warnings };
}

/** `--vagrant` with a directory (runs vagrant there) or a saved file. */
export async function loadVagrant(
  spec: string,
  timeoutMs = 120_000,
): Promise<{ targets: Target[]; warnings: string[] }> {
  if (!existsSync(spec)) throw new K8sdiagError('E_INPUT', '--vagrant: no such file or directory', { file: spec });
  if (statSync(spec).isDirectory()) {
    if (!existsSync(join(spec, 'Vagrantfile')))
      throw new K8sdiagError('E_INPUT', '--vagrant: no Vagrantfile in this directory', { file: spec });
    return vagrantTargets(await runVagrant(spec, timeoutMs), join(spec, '(vagrant ssh-config)'));
  }
  return vagrantTargets(readFileSync(spec, 'utf8'), spec);
}
