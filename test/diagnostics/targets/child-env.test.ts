/**
 * Issue 15, F10: K8SDIAG_SSH_PASSPHRASE is for k8sdiag alone. `vagrant` (the Vagrantfile's Ruby)
 * and `ansible-inventory` (inventory scripts) are started without it. Stand-ins on PATH record
 * the environment they were given.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAnsibleInventory } from '../../../src/diagnostics/targets/inventory/ansible-json';
import { loadVagrant } from '../../../src/diagnostics/targets/vagrant';

const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-child-env-'));
const saved = { PATH: process.env['PATH'], pass: process.env['K8SDIAG_SSH_PASSPHRASE'] };

beforeAll(() => {
  writeFileSync(
    join(dir, 'vagrant'),
    `#!/bin/sh\nenv > ${dir}/vagrant.env\nprintf 'Host default\\n  HostName 127.0.0.1\\n  Port 2222\\n  User vagrant\\n'\n`,
    { mode: 0o755 },
  );
  writeFileSync(
    join(dir, 'ansible-inventory'),
    `#!/bin/sh\nenv > ${dir}/ansible.env\necho '{"_meta":{"hostvars":{}}}'\n`,
    {
      mode: 0o755,
    },
  );
  writeFileSync(join(dir, 'Vagrantfile'), 'Vagrant.configure("2") {}\n');
  process.env['PATH'] = `${dir}:${saved.PATH ?? '/usr/bin:/bin'}`;
  process.env['K8SDIAG_SSH_PASSPHRASE'] = 'hunter2-passphrase';
});

afterAll(() => {
  process.env['PATH'] = saved.PATH;
  if (saved.pass === undefined) delete process.env['K8SDIAG_SSH_PASSPHRASE'];
  else process.env['K8SDIAG_SSH_PASSPHRASE'] = saved.pass;
  rmSync(dir, { recursive: true, force: true });
});

describe('programs k8sdiag starts do not inherit K8SDIAG_SSH_PASSPHRASE', () => {
  it('vagrant ssh-config', async () => {
    const loaded = await loadVagrant(dir);
    expect(loaded.targets.map((t) => t.name)).toEqual(['default']);
    const env = readFileSync(join(dir, 'vagrant.env'), 'utf8');
    expect(env).toContain(`PATH=${dir}:`); // the rest of the environment is passed
    expect(env).not.toContain('hunter2-passphrase');
  });

  it('ansible-inventory', async () => {
    const inv = join(dir, 'hosts.ini');
    writeFileSync(inv, '[a]\nh1\n');
    const run = await runAnsibleInventory(inv);
    expect(run?.ok).toBe(true);
    const env = readFileSync(join(dir, 'ansible.env'), 'utf8');
    expect(env).toContain('ANSIBLE_NOCOLOR=1');
    expect(env).not.toContain('hunter2-passphrase');
  });
});
