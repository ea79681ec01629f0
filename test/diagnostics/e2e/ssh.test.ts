/**
 * End to end against a real OpenSSH server on loopback, through the BUNDLED CLI (built here by
 * scripts/build-cli.mjs, into a private directory) run by the system Node when there is one
 * (Node 20: the bundle targets Node >= 18).
 *
 * The probes run on this machine (sshd is local), so the three iptables checks are ignored:
 * iptables tools must not run in the host's network namespace (lab safety rule; the lab of
 * issue 4 runs them inside namespaces). Every other probe is read-only and runs for real.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Report, reportJsonSchema, reportSchema } from '../../../src/diagnostics/report/schema';
import { keygen, type Sshd, sshdUnavailable, startSshd } from '../helpers/sshd';

const ROOT = join(__dirname, '../../..');
/** Bundled here, from the current sources, into a private directory (see beforeAll). */
const BUNDLE_DIR = mkdtempSync(join(tmpdir(), 'k8sdiag-e2e-cli-'));
const CLI = join(BUNDLE_DIR, 'k8sdiag.mjs');
const NODE = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
const IGNORE = 'iptables-policy-drop,iptables-kube-chains-flushed,iptables-backend-split';

const unavailable = sshdUnavailable();

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

let home: string;
let work: string;

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  HOME: home,
  LANG: 'C',
  ...extra,
});

const cli = (args: string[], extra: Record<string, string> = {}, cwd = work): CliResult => {
  const result = spawnSync(NODE, [CLI, ...args], { env: env(extra), encoding: 'utf8', cwd, timeout: 300_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

const report = (result: CliResult): Report => {
  try {
    return reportSchema.parse(JSON.parse(result.stdout));
  } catch (error) {
    throw new Error(
      `not a valid report (exit ${result.code}):\n${result.stderr}\n${result.stdout.slice(0, 2000)}\n${String(error)}`,
    );
  }
};

beforeAll(() => {
  // The same build as `npm run build:cli`, written to a private path so that other tests running
  // build/cli/k8sdiag.mjs at the same time never see a half-written file.
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-cli.mjs')], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, K8SDIAG_CLI_OUT: CLI },
  });
  home = mkdtempSync(join(tmpdir(), 'k8sdiag-e2e-home-'));
  work = mkdtempSync(join(tmpdir(), 'k8sdiag-e2e-work-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
});

afterAll(() => {
  rmSync(BUNDLE_DIR, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('the bundled CLI without a server', () => {
  it('bad input exits 2 with one line naming file and line', () => {
    const inv = join(work, 'bad.ini');
    writeFileSync(inv, '[masters]\ncp1 ansible_host=198.51.100.10\ncp2 oops\n');
    const bad = cli(['run', '-i', inv]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`k8sdiag: ${inv}:3: Expected key=value host variable assignment, got: oops\n`);

    const vagrant = join(work, 'vagrant-ssh-config');
    writeFileSync(
      vagrant,
      readFileSync(join(ROOT, 'test/diagnostics/targets/fixtures/vagrant-ssh-config.txt'), 'utf8'),
    );
    const missingKey = cli(['run', '--vagrant', vagrant]);
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toBe(
      `k8sdiag: ${vagrant}:9: identity file /home/dev/lab/.vagrant/machines/k8s-master/virtualbox/private_key not found\n`,
    );

    const alias = cli(['run', '--host', 'no-such-node-k8sdiag']);
    expect(alias.code).toBe(2);
    expect(alias.stderr).toMatch(
      /^k8sdiag: [^\n]*unknown host alias "no-such-node-k8sdiag": no Host entry in [^\n]*, and the name does not resolve\n$/,
    );

    for (const args of [
      ['run'],
      ['run', '--format', 'xml', '--local'],
      ['run', '--host'],
      ['run', '--local', '--ignore', 'no-such-check'],
      ['run', '--local', '--concurrency', '0'],
    ]) {
      const usage = cli(args);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(usage.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a server that never speaks SSH: handshake timeout, reported as timeout; --output writes the report', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const out = join(work, 'silent.json');
      const result = await new Promise<CliResult>((resolve) => {
        const child = spawn(
          NODE,
          [
            CLI,
            'run',
            '--host',
            `root@127.0.0.1:${port}`,
            '--handshake-timeout',
            '1',
            '--format',
            'json',
            '--output',
            out,
          ],
          { env: env(), cwd: work },
        );
        let stderr = '';
        let stdout = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
      expect(result.code).toBe(3);
      expect(result.stdout).toBe('');
      const r = reportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
      expect(r.nodes[0]).toMatchObject({
        status: 'timeout',
        reason: `SSH handshake with 127.0.0.1:${port} timed out after 1 s`,
      });
    } finally {
      silent.close();
    }
  });

  it('runs the host checks next to a Vagrantfile, as node "localhost"', () => {
    const project = mkdtempSync(join(tmpdir(), 'k8sdiag-vagrant-'));
    try {
      writeFileSync(
        join(project, 'Vagrantfile'),
        'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\nend\n',
      );
      const result = cli(
        ['run', '--host', 'root@127.0.0.1:1', '--format', 'json', '--connect-timeout', '2'],
        {},
        project,
      );
      const r = report(result);
      expect(result.code).toBe(3);
      const host = r.nodes.find((n) => n.name === 'localhost');
      expect(host).toMatchObject({ status: 'ok', transport: 'local', rolesFrom: 'host', roles: [] });
      expect(host?.findings.map((f) => f.checkId)).toEqual(['host-box-arch', 'host-only-range']);
      // This Vagrantfile has no private_network: nothing for the host-only range check to judge.
      expect(host?.findings.find((f) => f.checkId === 'host-only-range')?.status).toBe('skip');
      expect(r.nodes.find((n) => n.name !== 'localhost')?.status).toBe('unreachable');
      // Ignoring both host checks drops the host node.
      const ignored = report(
        cli(
          [
            'run',
            '--host',
            'root@127.0.0.1:1',
            '--format',
            'json',
            '--connect-timeout',
            '2',
            '--ignore',
            'host-box-arch,host-only-range',
          ],
          {},
          project,
        ),
      );
      expect(ignored.nodes.map((n) => n.name)).toEqual(['root@127.0.0.1:1']);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});

if (unavailable !== undefined && process.env['CI'] === 'true') {
  // Under CI a missing sshd is a failure, not a skip.
  describe('e2e over real OpenSSH', () => {
    it('has sshd', () => {
      throw new Error(`cannot run the SSH end-to-end test: ${unavailable}`);
    });
  });
} else if (unavailable !== undefined) {
  describe.skip(`e2e over real OpenSSH (skipped: ${unavailable})`, () => {
    it('needs sshd', () => undefined);
  });
} else {
  describe('e2e over real OpenSSH', suite);
}

function suite(): void {
  let sshd: Sshd;

  const target = (): string => `root@127.0.0.1:${sshd.port}`;
  const knownHostsName = (): string => `[127.0.0.1]:${sshd.port}`;

  beforeAll(async () => {
    sshd = await startSshd();
  });

  afterAll(async () => {
    await sshd?.stop();
  });

  it('accept-new: a real run produces a JSON report that validates, and records the host key', () => {
    const kh = join(work, 'known_hosts');
    const result = cli([
      'run',
      '--host',
      target(),
      '--identity',
      sshd.userKey,
      '--host-key-policy',
      'accept-new',
      '--known-hosts',
      kh,
      '--format',
      'json',
      '--ignore',
      IGNORE,
      '--raw',
    ]);
    const r = report(result);
    expect([0, 1], result.stderr).toContain(result.code);
    expect(r.summary.exitCode).toBe(result.code);
    const node = r.nodes.find((n) => n.name === target());
    expect(node).toMatchObject({
      status: 'ok',
      address: '127.0.0.1',
      port: sshd.port,
      user: 'root',
      transport: 'ssh',
      rolesFrom: 'detected',
    });
    expect(node?.probes.complete).toBe(true);
    expect(node?.probes.finished).toBe(node?.probes.planned);
    expect(node?.findings.length).toBeGreaterThan(10);
    for (const f of node?.findings ?? []) expect(f.runbookUrl).toMatch(/^https?:\/\/.+\/runbooks\/[a-z0-9-]+\/$/);
    expect(Object.keys(node?.sections ?? {})).toContain('k8s-versions');
    // The key the server really has, as ssh-keygen prints it.
    const pub = join(work, 'host.pub');
    writeFileSync(pub, `${sshd.hostKeyLine}\n`);
    const fingerprint = execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).split(' ')[1];
    expect(node?.hostKey).toEqual({ type: 'ssh-ed25519', fingerprint, verdict: 'added' });
    // OpenSSH finds the appended entry.
    expect(execFileSync('ssh-keygen', ['-F', knownHostsName(), '-f', kh], { encoding: 'utf8' })).toContain(
      sshd.hostKeyLine.split(' ')[1],
    );
    // The exported JSON Schema accepts the real report too.
    return import('ajv/dist/2020').then((mod) => {
      const Ajv = (mod as unknown as { default: new (o: object) => { compile(s: object): (d: unknown) => boolean } })
        .default;
      expect(new Ajv({ strict: false, logger: false }).compile(reportJsonSchema())(JSON.parse(result.stdout))).toBe(
        true,
      );
    });
  });

  it('the bundle copied alone (no node_modules, so no native ssh2 parts) still connects', () => {
    const alone = mkdtempSync(join(tmpdir(), 'k8sdiag-alone-'));
    try {
      const copy = join(alone, 'k8sdiag.mjs');
      writeFileSync(copy, readFileSync(CLI));
      const kh = join(alone, 'kh');
      const result = spawnSync(
        NODE,
        [
          copy,
          'run',
          '--host',
          target(),
          '--identity',
          sshd.userKey,
          '--host-key-policy',
          'accept-new',
          '--known-hosts',
          kh,
          '--format',
          'json',
          '--ignore',
          IGNORE,
        ],
        {
          env: env(),
          encoding: 'utf8',
          cwd: alone,
          timeout: 240_000,
        },
      );
      const node = report({ code: result.status, stdout: result.stdout, stderr: result.stderr }).nodes[0];
      expect(node?.status, result.stderr).toBe('ok');
      expect(node?.probes.complete).toBe(true);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  });

  it('strict (the default) connects once the key is known', () => {
    const kh = join(work, 'known_hosts_strict');
    writeFileSync(kh, `${knownHostsName()} ${sshd.hostKeyLine}\n`);
    const result = cli([
      'run',
      '--host',
      target(),
      '--identity',
      sshd.userKey,
      '--known-hosts',
      kh,
      '--format',
      'json',
      '--ignore',
      IGNORE,
    ]);
    const node = report(result).nodes[0];
    expect(node?.status, result.stderr).toBe('ok');
    expect(node?.hostKey?.verdict).toBe('known');
  });

  it('strict refuses an unknown host key, with the fingerprint and what to do', () => {
    const kh = join(work, 'known_hosts_empty');
    writeFileSync(kh, '');
    const result = cli([
      'run',
      '--host',
      target(),
      '--identity',
      sshd.userKey,
      '--known-hosts',
      kh,
      '--format',
      'json',
    ]);
    expect(result.code).toBe(3);
    const node = report(result).nodes[0];
    expect(node?.status).toBe('host-key-refused');
    expect(node?.reason).toMatch(
      new RegExp(
        `^no host key for \\[127\\.0\\.0\\.1\\]:${sshd.port} in .*known_hosts_empty.*SHA256:.*--host-key-policy accept-new`,
      ),
    );
    expect(readFileSync(kh, 'utf8')).toBe('');
  });

  it('refuses a CHANGED host key loudly, under accept-new too, and leaves known_hosts alone', () => {
    const other = join(work, 'other_host_key');
    const otherLine = keygen(other).split(' ').slice(0, 2).join(' ');
    const kh = join(work, 'known_hosts_changed');
    const before = `# lab\n${knownHostsName()} ${otherLine}\n`;
    writeFileSync(kh, before);
    const result = cli([
      'run',
      '--host',
      target(),
      '--identity',
      sshd.userKey,
      '--known-hosts',
      kh,
      '--host-key-policy',
      'accept-new',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @');
    expect(result.stderr).toContain(`Offending ED25519 key in ${kh}:2`);
    const node = report(result).nodes[0];
    expect(node?.status).toBe('host-key-refused');
    expect(node?.reason).toMatch(/^REMOTE HOST IDENTIFICATION HAS CHANGED/);
    expect(node?.findings).toEqual([]);
    expect(readFileSync(kh, 'utf8')).toBe(before);
  });

  it('reports an authentication failure as auth-failed (exit 3)', () => {
    const stranger = join(work, 'id_stranger');
    keygen(stranger);
    const result = cli([
      'run',
      '--host',
      target(),
      '--identity',
      stranger,
      '--host-key-policy',
      'off',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(3);
    const node = report(result).nodes[0];
    expect(node?.status).toBe('auth-failed');
    expect(node?.reason).toContain(`root@127.0.0.1:${sshd.port}: authentication failed (tried ${stranger})`);
    expect(result.stderr).toContain('host key checking is OFF');
  });

  it('keeps a good node’s results when another node is unreachable (exit 3)', () => {
    const dead = `root@127.0.0.1:${sshd.port === 1 ? 2 : 1}`;
    const result = cli([
      'run',
      '--host',
      target(),
      '--host',
      dead,
      '--identity',
      sshd.userKey,
      '--host-key-policy',
      'off',
      '--format',
      'json',
      '--ignore',
      IGNORE,
    ]);
    expect(result.code).toBe(3);
    const r = report(result);
    expect(r.nodes.map((n) => n.status)).toEqual(['ok', 'unreachable']);
    expect(r.nodes[1]?.reason).toMatch(/connection refused by 127\.0\.0\.1:/);
    expect(r.nodes[0]?.findings.length).toBeGreaterThan(10);
    expect(r.summary.nodes).toMatchObject({ total: 2, ok: 1, unreachable: 1 });
  });

  it('a node that runs past --node-timeout is reported as timeout, with what it sent kept', async () => {
    // A node that sends the start of its output and then hangs, whatever the speed of this machine: its
    // own sshd runs the probe script, lets the first 2000 bytes through and then sleeps. (On the shared
    // server the whole run once took longer than a short --node-timeout; on a fast host it does not.)
    const slow = await startSshd(['ForceCommand /bin/sh -c \'eval "$SSH_ORIGINAL_COMMAND" | head -c 2000; sleep 10\'']);
    try {
      const result = cli([
        'run',
        '--host',
        `root@127.0.0.1:${slow.port}`,
        '--identity',
        slow.userKey,
        '--host-key-policy',
        'off',
        '--node-timeout',
        '2',
        '--format',
        'json',
        '--ignore',
        IGNORE,
        '--raw',
      ]);
      expect(result.code, result.stderr).toBe(3);
      const node = report(result).nodes[0];
      expect(node?.status).toBe('timeout');
      expect(node?.reason).toMatch(/node timeout|cut short/);
      expect(node?.probes.complete).toBe(false);
      // What it sent before it hung is kept: the probes that finished in those bytes, not the rest.
      expect(node?.probes.finished).toBeGreaterThan(0);
      expect(node?.probes.finished).toBeLessThan(node?.probes.planned ?? 0);
    } finally {
      await slow.stop();
    }
  });

  it('--ssh-config FILE alone runs on its Host aliases, with the options it sets (ProxyJump, accept-new, UserKnownHostsFile)', () => {
    const kh = join(work, 'kh_sshconfig');
    const config = join(work, 'ssh_config_lab');
    writeFileSync(
      config,
      [
        'Host bastion',
        '  HostName 127.0.0.1',
        `  Port ${sshd.port}`,
        'Host lab-*',
        '  HostName 127.0.0.1',
        `  Port ${sshd.port}`,
        '  User root',
        `  IdentityFile ${sshd.userKey}`,
        '  StrictHostKeyChecking accept-new',
        `  UserKnownHostsFile ${kh}`,
        'Host lab-cp',
        'Host lab-w1',
        '  ProxyJump root@bastion',
        'Host *',
        `  IdentityFile ${sshd.userKey}`,
        `  UserKnownHostsFile ${kh}`,
        '  StrictHostKeyChecking accept-new',
        '',
      ].join('\n'),
    );
    const result = cli(['run', '--ssh-config', config, '--format', 'json', '--ignore', IGNORE]);
    const r = report(result);
    expect(r.nodes.map((n) => [n.name, n.status, n.user, n.port])).toEqual([
      ['bastion', 'ok', 'root', sshd.port],
      ['lab-cp', 'ok', 'root', sshd.port],
      ['lab-w1', 'ok', 'root', sshd.port],
    ]);
    // accept-new recorded the key once (by whichever connection came first: a node or the jump session).
    for (const n of r.nodes) expect(['added', 'known']).toContain(n.hostKey?.verdict);
    expect(execFileSync('ssh-keygen', ['-F', knownHostsName(), '-f', kh], { encoding: 'utf8' })).toContain(
      sshd.hostKeyLine.split(' ')[1],
    );
    // An alias from the same file, by name.
    const one = report(
      cli(['run', '--ssh-config', config, '--host', 'lab-cp', '--format', 'json', '--ignore', IGNORE]),
    );
    expect(one.nodes.map((n) => [n.name, n.status, n.hostKey?.verdict])).toEqual([['lab-cp', 'ok', 'known']]);
  });

  it('authenticates with ssh-agent (SSH_AUTH_SOCK) when no identity file is given', async () => {
    const sock = join(work, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 50 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 100));
      execFileSync('ssh-add', ['-q', sshd.userKey], { env: { ...env(), SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
      const result = cli(
        ['run', '--host', target(), '--host-key-policy', 'off', '--format', 'json', '--ignore', IGNORE],
        { SSH_AUTH_SOCK: sock },
      );
      expect(report(result).nodes[0]?.status, result.stderr).toBe('ok');
      const without = cli(['run', '--host', target(), '--host-key-policy', 'off', '--format', 'json']);
      expect(report(without).nodes[0]?.status).toBe('auth-failed');
    } finally {
      agent.kill('SIGTERM');
    }
  });

  it('goes through a jump host (--jump) on one shared connection', () => {
    const result = cli([
      'run',
      '--host',
      target(),
      '--jump',
      target(),
      '--identity',
      sshd.userKey,
      '--host-key-policy',
      'off',
      '--format',
      'json',
      '--ignore',
      IGNORE,
    ]);
    const node = report(result).nodes[0];
    expect(node?.status, result.stderr).toBe('ok');
    expect(node?.probes.complete).toBe(true);
  });

  it('an encrypted key: exit 2 with one line and no stack when no passphrase is available; works with K8SDIAG_SSH_PASSPHRASE', () => {
    const locked = join(work, 'id_locked');
    // The authorised key, re-encrypted with a passphrase by ssh-keygen.
    writeFileSync(locked, readFileSync(sshd.userKey), { mode: 0o600 });
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', 'open sesame', '-f', locked], { stdio: 'ignore' });
    const refused = cli(['run', '--host', target(), '--identity', locked, '--host-key-policy', 'off']);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([
      `k8sdiag: ${locked}: identity file ${locked} is encrypted and no passphrase is available: set K8SDIAG_SSH_PASSPHRASE, run on a terminal to be asked, or load it into ssh-agent`,
    ]);
    const ok = cli(
      [
        'run',
        '--host',
        target(),
        '--identity',
        locked,
        '--host-key-policy',
        'off',
        '--format',
        'json',
        '--ignore',
        IGNORE,
      ],
      {
        K8SDIAG_SSH_PASSPHRASE: 'open sesame',
      },
    );
    expect(report(ok).nodes[0]?.status, ok.stderr).toBe('ok');
    // The passphrase was never in any argv: only the environment carried it.
    expect(ok.stderr).not.toContain('open sesame');
  });

  it('probe-script + parallel-ssh -o and ansible -t, then analyze DIR: the same report', () => {
    const script = join(work, 'probe.sh');
    const printed = cli(['probe-script', '--ignore', IGNORE, '--output', script]);
    expect(printed.code, printed.stderr).toBe(0);
    const sshOptions = [
      '-o',
      'StrictHostKeyChecking=no',
      '-o',
      'UserKnownHostsFile=/dev/null',
      '-o',
      'IdentitiesOnly=yes',
      '-i',
      sshd.userKey,
    ];

    const psshDir = join(work, 'pssh-out');
    const pssh = spawnSync(
      'parallel-ssh',
      [
        '-H',
        target(),
        '-H',
        'root@127.0.0.1:1',
        '-x',
        sshOptions.join(' '),
        '-o',
        psshDir,
        '-e',
        join(work, 'pssh-err'),
        '-I',
        '/bin/sh -s',
      ],
      {
        input: readFileSync(script),
        env: env(),
        encoding: 'utf8',
        timeout: 240_000,
      },
    );
    if (pssh.error === undefined) {
      // parallel-ssh names the file after the host as given, and writes none for the dead one.
      expect(readdirSync(psshDir)).toEqual([target()]);
      const analyzed = cli([
        'analyze',
        psshDir,
        '--errors',
        join(work, 'pssh-err'),
        '--script',
        script,
        '--format',
        'json',
      ]);
      const r = report(analyzed);
      expect(analyzed.code).toBe(3);
      expect(r.nodes[1]).toMatchObject({
        name: 'root@127.0.0.1:1',
        status: 'unreachable',
        reason: 'parallel-ssh: ssh: connect to host 127.0.0.1 port 1: Connection refused',
      });
      expect(r.run.collector).toBe('analyze');
      expect(r.nodes[0]).toMatchObject({
        name: target(),
        address: '127.0.0.1',
        port: sshd.port,
        status: 'ok',
        transport: 'offline',
        rolesFrom: 'detected',
      });
      expect(r.nodes[0]?.findings.length).toBeGreaterThan(10);
    }

    const inventory = join(work, 'inventory.ini');
    writeFileSync(
      inventory,
      `[masters]\n\n[workers]\nnode1 ansible_host=127.0.0.1 ansible_port=${sshd.port} ansible_user=root ansible_ssh_private_key_file=${sshd.userKey}\n`,
    );
    const treeDir = join(work, 'ansible-tree');
    const ansible = spawnSync('ansible', ['all', '-i', inventory, '-m', 'script', '-a', script, '-t', treeDir], {
      env: env({
        ANSIBLE_HOST_KEY_CHECKING: 'False',
        ANSIBLE_LOCAL_TEMP: join(work, 'ansible-tmp'),
        ANSIBLE_NOCOLOR: '1',
      }),
      encoding: 'utf8',
      timeout: 240_000,
    });
    if (ansible.error === undefined) {
      expect(ansible.status, `${ansible.stdout}${ansible.stderr}`).toBe(0);
      const analyzed = cli(['analyze', treeDir, '-i', inventory, '--format', 'json']);
      const r = report(analyzed);
      expect(r.nodes[0]).toMatchObject({ name: 'node1', status: 'ok', roles: ['worker'], rolesFrom: 'inventory' });
      expect(r.nodes[0]?.probes.complete).toBe(true);
    }
  });
}
