/**
 * Host key trust against real OpenSSH servers on loopback (issue 15, F1, F2, F12), through
 * `executeRun` in this process: the real ssh2 handshake, the real known_hosts files.
 * F1: a server that offers ONLY an RSA key, for a name whose ED25519 key is known, is an impostor
 * under every policy; accept-new must not append its key (after which plain OpenSSH trusts it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportSchema } from '../../../src/diagnostics/report/schema';
import { parseOptions, RUN_OPTIONS } from '../../../src/diagnostics/runner/options';
import { registryCatalog } from '../../../src/diagnostics/runner/registry-catalog';
import { executeRun } from '../../../src/diagnostics/runner/run';
import { keygen, type Sshd, sshdUnavailable, startSshd } from '../helpers/sshd';

const unavailable = sshdUnavailable();

/** Only the cheapest checks: the point is the handshake, not the probes. */
const IGNORE_ALL_BUT = 'swap-enabled';

async function run(args: string[], home: string): Promise<{ code: number; out: string; err: string }> {
  const { values } = parseOptions(args, RUN_OPTIONS);
  let out = '';
  let err = '';
  const catalog = registryCatalog();
  const ignore = [...catalog.nodeChecks, ...catalog.clusterChecks, ...catalog.hostChecks]
    .map((c) => c.meta.id)
    .filter((id) => id !== IGNORE_ALL_BUT);
  values['ignore'] = ignore;
  const code = await executeRun(values, catalog, {
    out: (text) => {
      out += text;
    },
    err: (text) => {
      err += text;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { HOME: home },
    cwd: home,
    version: 'test',
  });
  return { code, out, err };
}

describe.skipIf(unavailable !== undefined && process.env['CI'] !== 'true')(
  `host key trust over real OpenSSH${unavailable ? ` (skipped: ${unavailable})` : ''}`,
  () => {
    let rsa: Sshd;
    let ed: Sshd;
    let work: string;

    beforeAll(async () => {
      if (unavailable !== undefined) throw new Error(unavailable);
      work = mkdtempSync(join(tmpdir(), 'k8sdiag-trust-'));
      rsa = await startSshd([], 'rsa');
      ed = await startSshd([]);
    }, 300_000);

    afterAll(async () => {
      await rsa?.stop();
      await ed?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    const name = (s: Sshd): string => `[127.0.0.1]:${s.port}`;

    it('F1: a known ED25519 host that now offers only RSA is refused under accept-new, and nothing is appended', async () => {
      const kh = join(work, 'kh-f1');
      const known = `${name(rsa)} ${keygen(join(work, 'f1-old'))}`.split(' ').slice(0, 3).join(' ');
      writeFileSync(kh, `${known}\n`);
      for (const policy of ['accept-new', 'strict', 'off']) {
        const r = await run(
          [
            '--host',
            `root@127.0.0.1:${rsa.port}`,
            '--identity',
            rsa.userKey,
            '--known-hosts',
            kh,
            '--host-key-policy',
            policy,
            '--format',
            'json',
          ],
          work,
        );
        const node = reportSchema.parse(JSON.parse(r.out)).nodes[0];
        expect([policy, r.code, node?.status], r.err).toEqual([policy, 3, 'host-key-refused']);
        expect(node?.reason).toMatch(/^REMOTE HOST IDENTIFICATION HAS CHANGED: .* sent RSA key .* ED25519 key in /);
        expect(r.err).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!');
      }
      expect(readFileSync(kh, 'utf8')).toBe(`${known}\n`);
      // And OpenSSH itself still finds only the old key for that name.
      const found = execFileSync('ssh-keygen', ['-F', name(rsa), '-f', kh], { encoding: 'utf8' });
      expect(found).not.toContain(rsa.hostKeyLine.split(' ')[1]);
    });

    it('F12: --host-key-policy off refuses a changed key of the same type too', async () => {
      const kh = join(work, 'kh-f12');
      const old = keygen(join(work, 'f12-old')).split(' ').slice(0, 2).join(' ');
      writeFileSync(kh, `${name(ed)} ${old}\n`);
      const r = await run(
        [
          '--host',
          `root@127.0.0.1:${ed.port}`,
          '--identity',
          ed.userKey,
          '--known-hosts',
          kh,
          '--host-key-policy',
          'off',
          '--format',
          'json',
        ],
        work,
      );
      const node = reportSchema.parse(JSON.parse(r.out)).nodes[0];
      expect([r.code, node?.status, node?.findings]).toEqual([3, 'host-key-refused', []]);
    });

    it('F2: a Vagrant ssh-config (UserKnownHostsFile /dev/null) with accept-new records the key in ~/.ssh/known_hosts', async () => {
      const home = mkdtempSync(join(work, 'home-'));
      const conf = join(work, 'vagrant-ssh-config');
      writeFileSync(
        conf,
        [
          'Host k8s-node',
          '  HostName 127.0.0.1',
          '  User root',
          `  Port ${ed.port}`,
          '  UserKnownHostsFile /dev/null',
          '  StrictHostKeyChecking no',
          '  PasswordAuthentication no',
          `  IdentityFile ${ed.userKey}`,
          '  IdentitiesOnly yes',
          '  LogLevel FATAL',
          '',
        ].join('\n'),
      );
      const previousHome = process.env['HOME'];
      process.env['HOME'] = home; // os.homedir() reads it: ~/.ssh/known_hosts under the test's home
      try {
        const first = await run(['--vagrant', conf, '--host-key-policy', 'accept-new', '--format', 'json'], home);
        const node = reportSchema.parse(JSON.parse(first.out)).nodes[0];
        expect([node?.status, node?.hostKey?.verdict], first.err).toEqual(['ok', 'added']);
        expect(readFileSync(join(home, '.ssh/known_hosts'), 'utf8')).toContain(ed.hostKeyLine.split(' ')[1]);
        // Without accept-new, Vagrant's "StrictHostKeyChecking no" still warns that checking is off.
        const off = await run(['--vagrant', conf, '--format', 'json'], home);
        expect(off.err).toContain('host key checking is OFF for k8s-node');
        // With a known key of the same name now recorded, a changed key is refused even so.
        writeFileSync(
          join(home, '.ssh/known_hosts'),
          `${name(ed)} ${keygen(join(work, 'f2-other')).split(' ').slice(0, 2).join(' ')}\n`,
        );
        const changed = await run(['--vagrant', conf, '--host-key-policy', 'accept-new', '--format', 'json'], home);
        expect(reportSchema.parse(JSON.parse(changed.out)).nodes[0]?.status).toBe('host-key-refused');
      } finally {
        process.env['HOME'] = previousHome;
      }
    });
  },
);
