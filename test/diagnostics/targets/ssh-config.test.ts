import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { K8sdiagError } from '../../../src/diagnostics/errors';
import { parseHostSpec } from '../../../src/diagnostics/targets/host-spec';
import { applyLimit, checkAliases } from '../../../src/diagnostics/targets/index';
import { computeHost, concreteHosts, loadSshConfig, parseSshConfig } from '../../../src/diagnostics/targets/ssh-config';
import type { Target } from '../../../src/diagnostics/targets/types';
import { vagrantTargets } from '../../../src/diagnostics/targets/vagrant';
import { resolveConnection } from '../../../src/diagnostics/transport/connection';

const FIXTURES = join(__dirname, 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-sshcfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixtureConfig(): { file: string; marker: string } {
  const marker = join(dir, `match-exec-ran-${process.pid}`);
  const file = join(dir, 'ssh_config');
  writeFileSync(file, readFileSync(join(FIXTURES, 'ssh_config'), 'utf8').replace('MARKER_FILE', marker));
  return { file, marker };
}

describe('ssh config', () => {
  it('computes options OpenSSH-style (first value wins) and never runs Match exec', () => {
    const { file, marker } = fixtureConfig();
    const config = loadSshConfig(file);
    const cp = computeHost(config, 'k8s-cp');
    expect(cp.values['hostname']).toBe('198.51.100.40');
    expect(cp.values['user']).toBe('admin');
    expect(cp.values['proxyjump']).toBe('bastion');
    expect(cp.values['stricthostkeychecking']).toBe('accept-new');
    expect(cp.matchedBlock).toBe(true);
    expect(cp.lineOf('identityfile')).toEqual({ file, line: 9 });
    const other = computeHost(config, 'elsewhere');
    expect(other.values['user']).toBe('fallback');
    expect(other.matchedBlock).toBe(false);
    // `Match exec "touch ..."` must not have run, for any host.
    expect(existsSync(marker)).toBe(false);
    expect(concreteHosts(config).map((h) => h.alias)).toEqual(['bastion', 'k8s-cp']);
  });

  it('resolves Include files and keeps their line numbers', () => {
    const included = join(dir, 'lab.conf');
    writeFileSync(included, '# lab hosts\nHost lab-1\n  HostName 198.51.100.50\n  Port abc\n');
    const main = join(dir, 'with-include');
    writeFileSync(main, `Include ${included}\n\nHost *\n  User me\n`);
    const error = (() => {
      try {
        loadSshConfig(main);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(K8sdiagError);
    expect((error as K8sdiagError).oneLine()).toBe(`${included}:4: Port must be a number, got "abc"`);
    writeFileSync(included, '# lab hosts\nHost lab-1\n  HostName 198.51.100.50\n');
    const config = loadSshConfig(main);
    expect(computeHost(config, 'lab-1').values).toMatchObject({ hostname: '198.51.100.50', user: 'me' });
  });

  it('reports syntax errors with file and line', () => {
    expect(() => parseSshConfig('Host a\n  HostName "unterminated\n', 'cfg')).toThrow(K8sdiagError);
    try {
      parseSshConfig('Host a\n  User x\n  ProxyCommand "nc %h\n', 'cfg');
    } catch (error) {
      expect((error as K8sdiagError).oneLine()).toMatch(/^cfg:3: ssh config: /);
    }
    expect(() => loadSshConfig(join(dir, 'missing'))).toThrow(/ssh config file not found/);
  });
});

describe('vagrant ssh-config (rendered from Vagrant\u2019s templates/commands/ssh_config/config.erb)', () => {
  const text = readFileSync(join(FIXTURES, 'vagrant-ssh-config.txt'), 'utf8');
  it('gives one target per machine with its port, user, key and the StrictHostKeyChecking no it asks for', () => {
    const { targets } = vagrantTargets(text, 'vagrant-ssh-config.txt');
    expect(targets.map((t) => [t.name, t.host, t.port, t.user, t.identityFiles.map((k) => k.path)])).toEqual([
      [
        'k8s-master',
        '127.0.0.1',
        2222,
        'vagrant',
        ['/home/dev/lab/.vagrant/machines/k8s-master/virtualbox/private_key'],
      ],
      [
        'k8s-worker1',
        '127.0.0.1',
        2200,
        'vagrant',
        ['/home/dev/my lab/.vagrant/machines/k8s-worker1/virtualbox/private_key'],
      ],
    ]);
    const spec = resolveConnection(targets[0] as Target, parseSshConfig('', 'none'), { identities: [] });
    expect(spec).toMatchObject({
      policy: 'off',
      policyFrom: 'ssh-config',
      knownHosts: { user: ['/dev/null'] },
      agent: undefined,
    });
    // An explicit --host-key-policy wins over the Vagrant block.
    expect(
      resolveConnection(targets[0] as Target, parseSshConfig('', 'none'), { identities: [], policy: 'accept-new' })
        .policy,
    ).toBe('accept-new');
    expect(targets[0]?.identityFiles[0]).toMatchObject({ from: 'vagrant', file: 'vagrant-ssh-config.txt', line: 9 });
  });
  it('refuses output with no Host block', () => {
    expect(() => vagrantTargets('A VirtualBox machine with the name default is not running\n', 'out.txt')).toThrow(
      /no "Host <machine>" block/,
    );
  });
});

describe('connection resolution', () => {
  const { file } = fixtureConfig();
  const config = loadSshConfig(file);
  const target = (t: Partial<Target>): Target => ({
    name: 'x',
    host: 'x',
    identityFiles: [],
    groups: [],
    kind: 'host',
    origin: {},
    ...t,
  });

  it('applies explicit values over the ssh config, and the config over defaults', () => {
    const spec = resolveConnection(target({ name: 'k8s-cp', host: 'k8s-cp' }), config, {
      identities: ['/keys/cli.pem'],
      sshAuthSock: '/run/agent.sock',
    });
    expect(spec).toMatchObject({
      host: '198.51.100.40',
      port: 22,
      user: 'admin',
      policy: 'accept-new',
      policyFrom: 'ssh-config',
      agent: '/run/agent.sock',
      keepaliveIntervalMs: 5000,
      knownHosts: { user: [join(homedir(), '.ssh/known_hosts'), join(homedir(), '.ssh/known_hosts.lab')] },
    });
    expect(spec.identities.map((k) => [k.path, k.from])).toEqual([
      ['/keys/cli.pem', 'cli'],
      [join(homedir(), '.ssh/198.51.100.40.key'), 'ssh-config'],
    ]);
    expect(spec.jumps.map((j) => [j.host, j.port, j.user])).toEqual([['198.51.100.1', 2022, 'jump']]);
    const explicit = resolveConnection(target({ name: 'k8s-cp', host: 'k8s-cp', user: 'root', port: 2222 }), config, {
      identities: [],
      user: 'ignored',
      jump: 'none',
      policy: 'strict',
      knownHosts: ['/tmp/kh'],
    });
    expect(explicit).toMatchObject({
      user: 'root',
      port: 2222,
      policy: 'strict',
      policyFrom: 'cli',
      jumps: [],
      knownHosts: { user: ['/tmp/kh'], global: [] },
    });
  });

  it('marks ProxyCommand unsupported instead of running it', () => {
    const withProxy = parseSshConfig('Host p\n  ProxyCommand nc %h %p\n', 'cfg');
    expect(resolveConnection(target({ name: 'p', host: 'p' }), withProxy, { identities: [] }).unsupported).toMatch(
      /ProxyCommand is not supported/,
    );
  });

  it('parses --host specs', () => {
    expect(parseHostSpec('root@198.51.100.9:2222')).toEqual({ user: 'root', host: '198.51.100.9', port: 2222 });
    expect(parseHostSpec('[2001:db8::1]:22')).toEqual({ host: '2001:db8::1', port: 22 });
    expect(parseHostSpec('2001:db8::1')).toEqual({ host: '2001:db8::1' });
    expect(parseHostSpec('k8s-cp')).toEqual({ host: 'k8s-cp' });
    expect(() => parseHostSpec('root@h:99999')).toThrow(/not a port number/);
    expect(() => parseHostSpec('a;b')).toThrow(/expected user@address/);
  });

  it('refuses an unknown alias (no Host entry, does not resolve) with exit 2', async () => {
    const error = await checkAliases(
      [target({ name: 'no-such-alias-k8sdiag', host: 'no-such-alias-k8sdiag' })],
      config,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(K8sdiagError);
    expect((error as K8sdiagError).code).toBe('E_HOST_ALIAS');
    expect((error as K8sdiagError).exitCode).toBe(2);
    expect((error as K8sdiagError).message).toMatch(/unknown host alias "no-such-alias-k8sdiag"/);
    await expect(checkAliases([target({ name: 'k8s-cp', host: 'k8s-cp' })], config)).resolves.toBeUndefined();
    await expect(checkAliases([target({ name: 'localhost', host: 'localhost' })], config)).resolves.toBeUndefined();
  });

  it('applies --limit by host, group, glob and exclusion', () => {
    const ts = [
      target({ name: 'cp1', groups: ['masters'] }),
      target({ name: 'w1', groups: ['workers'] }),
      target({ name: 'w2', groups: ['workers'] }),
    ];
    expect(applyLimit(ts, 'workers:!w2').map((t) => t.name)).toEqual(['w1']);
    expect(applyLimit(ts, 'cp*,w2').map((t) => t.name)).toEqual(['cp1', 'w2']);
    expect(applyLimit(ts, 'all:!w2').map((t) => t.name)).toEqual(['cp1', 'w1']);
    expect(() => applyLimit(ts, 'nope')).toThrow(/--limit nope: matches no host or group/);
  });
});

describe('ssh config values that would be written or dialled raw (issue 15, F3, F5)', () => {
  const fails = (text: string, file = join(dir, 'f3f5.conf')): string => {
    writeFileSync(file, text);
    try {
      loadSshConfig(file);
    } catch (e) {
      expect(e).toBeInstanceOf(K8sdiagError);
      expect((e as K8sdiagError).exitCode).toBe(2);
      return (e as K8sdiagError).oneLine();
    }
    throw new Error('no error');
  };
  it('F3: a HostKeyAlias with pattern or list characters is refused with file:line', () => {
    const file = join(dir, 'f3.conf');
    expect(fails('Host k8s-cp\n  HostName 198.51.100.40\n  HostKeyAlias "* ssh-ed25519 AAAA"\n', file)).toMatch(
      new RegExp(`^${file}:3: HostKeyAlias "\\* ssh-ed25519 AAAA" contains "\\*"`),
    );
    for (const alias of ['a,b', 'node*', '!x', '|1|x', '#x', '@revoked', '[h]:22'])
      expect(fails(`Host n\n  HostKeyAlias ${alias}\n`, file)).toMatch(/^.*:2: HostKeyAlias /);
    writeFileSync(file, 'Host n\n  HostKeyAlias Node-1.Lab\n');
    const spec = resolveConnection({ name: 'n', host: 'n', identityFiles: [], kind: 'host' }, loadSshConfig(file), {
      identities: [],
    });
    expect(spec.hostKeyAlias).toBe('node-1.lab'); // lowercased like OpenSSH
  });
  it('F5: Port outside 1-65535 is refused with file:line, in ssh config and saved vagrant ssh-config', () => {
    const file = join(dir, 'f5.conf');
    expect(fails('Host n\n  HostName 198.51.100.40\n  Port 99999\n', file)).toBe(
      `${file}:3: Port "99999" is not a port number (1-65535)`,
    );
    expect(fails('Host n\n  Port 0\n', file)).toBe(`${file}:2: Port "0" is not a port number (1-65535)`);
    const saved = join(dir, 'vagrant-f5.conf');
    const error = (() => {
      try {
        vagrantTargets('Host k8s-master\n  HostName 127.0.0.1\n  User vagrant\n  Port 99999\n', saved);
      } catch (e) {
        return e as K8sdiagError;
      }
      return undefined;
    })();
    expect(error?.oneLine()).toBe(`${saved}:4: Port "99999" is not a port number (1-65535)`);
  });
});
