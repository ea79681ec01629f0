import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { K8sdiagError } from '../../../src/diagnostics/errors';
import { KeyRing } from '../../../src/diagnostics/transport/keys';

let dir: string;
let plain: string;
let encrypted: string;
let encryptedRsa: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8sdiag-keys-'));
  plain = join(dir, 'id_ed25519');
  encrypted = join(dir, 'id_enc');
  encryptedRsa = join(dir, 'id_rsa_pem');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', plain]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'correct horse', '-f', encrypted]);
  // An old-style PEM RSA key with a passphrase, as older tools still write.
  execFileSync('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', 'pem pass', '-f', encryptedRsa]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const error = async (promise: Promise<unknown>): Promise<K8sdiagError> => {
  const caught = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(caught).toBeInstanceOf(K8sdiagError);
  return caught as K8sdiagError;
};

describe('identity files', () => {
  it('loads a plain key once, however many nodes ask', async () => {
    const ring = new KeyRing({ agentAvailable: false });
    const [a, b] = await Promise.all([
      ring.load({ path: plain, from: 'cli' }),
      ring.load({ path: plain, from: 'cli' }),
    ]);
    expect(a).toBe(b);
    expect(a?.isPrivateKey()).toBe(true);
    expect(a?.type).toBe('ssh-ed25519');
  });

  it('a missing key named in an inventory is an error at that inventory line', async () => {
    const ring = new KeyRing({ agentAvailable: false });
    const e = await error(ring.load({ path: join(dir, 'nope'), from: 'inventory', file: 'hosts.ini', line: 14 }));
    expect(e.oneLine()).toBe(`hosts.ini:14: identity file ${join(dir, 'nope')} not found`);
    expect(e.exitCode).toBe(2);
    const cli = await error(ring.load({ path: join(dir, 'nope2'), from: 'cli' }));
    expect(cli.oneLine()).toBe(`${join(dir, 'nope2')}: identity file ${join(dir, 'nope2')} not found`);
  });

  it('a missing IdentityFile from ~/.ssh/config only warns, like OpenSSH', async () => {
    const ring = new KeyRing({ agentAvailable: false });
    expect(
      await ring.load({ path: join(dir, 'gone'), from: 'ssh-config', file: '/home/u/.ssh/config', line: 3 }),
    ).toBeUndefined();
    expect(ring.warnings[0]).toMatch(/no such identity: .*gone \(named in \/home\/u\/.ssh\/config:3\)/);
  });

  it('an encrypted key without a passphrase source is an input error', async () => {
    const ring = new KeyRing({ agentAvailable: false });
    const e = await error(ring.load({ path: encrypted, from: 'cli' }));
    expect(e.code).toBe('E_KEY');
    expect(e.message).toMatch(/is encrypted and no passphrase is available: set K8SDIAG_SSH_PASSPHRASE/);
  });

  it('decrypts with K8SDIAG_SSH_PASSPHRASE, and says so when it is wrong', async () => {
    const ok = await new KeyRing({ env: 'correct horse', agentAvailable: false }).load({
      path: encrypted,
      from: 'cli',
    });
    expect(ok?.isPrivateKey()).toBe(true);
    const pem = await new KeyRing({ env: 'pem pass', agentAvailable: false }).load({ path: encryptedRsa, from: 'cli' });
    expect(pem?.type).toBe('ssh-rsa');
    const e = await error(
      new KeyRing({ env: 'wrong', agentAvailable: false }).load({
        path: encrypted,
        from: 'vagrant',
        file: 'ssh.conf',
        line: 9,
      }),
    );
    expect(e.oneLine()).toBe(`ssh.conf:9: K8SDIAG_SSH_PASSPHRASE does not decrypt ${encrypted}`);
  });

  it('asks the terminal prompt (once per key, three attempts)', async () => {
    const asked: string[] = [];
    const answers = ['nope', 'correct horse'];
    const ring = new KeyRing({
      agentAvailable: false,
      prompt: async (q) => {
        asked.push(q);
        return answers.shift() ?? '';
      },
    });
    const [a, b] = await Promise.all([
      ring.load({ path: encrypted, from: 'cli' }),
      ring.load({ path: encrypted, from: 'cli' }),
    ]);
    expect(a?.isPrivateKey()).toBe(true);
    expect(b).toBe(a);
    expect(asked).toEqual([`Enter passphrase for key '${encrypted}': `, `Enter passphrase for key '${encrypted}': `]);
  });

  it('leaves an undecryptable key to ssh-agent when one is running', async () => {
    const ring = new KeyRing({ agentAvailable: true });
    expect(await ring.load({ path: encrypted, from: 'cli' })).toBeUndefined();
    expect(ring.warnings[0]).toMatch(/relying on ssh-agent/);
  });

  it('refuses a public key given as identity', async () => {
    const e = await error(new KeyRing({ agentAvailable: false }).load({ path: `${plain}.pub`, from: 'cli' }));
    expect(e.message).toMatch(/no private key|not a private key/);
  });
});
