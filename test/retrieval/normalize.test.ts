import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/retrieval/normalize';
import { tokenize } from '../../src/retrieval/tokenize';

const words = (text: string): string[] => tokenize(normalize(text));

describe('normalize', () => {
  it('drops klog headers, timestamps and pids', () => {
    const line =
      'E0401 16:47:34.292876   22219 memcache.go:265] couldn\'t get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused';
    const tokens = words(line);
    expect(tokens).not.toContain('e0401');
    expect(tokens).not.toContain('22219');
    expect(tokens).not.toContain('memcache');
    expect(tokens.join(' ')).toContain('localhost 8080');
    expect(tokens).toContain('couldnt');
  });

  it('maps loopback to localhost, VirtualBox NAT to vboxnat and other addresses to ipaddr', () => {
    expect(words('dial tcp [::1]:8080: connect')).toEqual(['dial', 'tcp', 'localhost', '8080', 'connect']);
    expect(words('dial tcp 10.0.2.15:6443')).toEqual(['dial', 'tcp', 'vboxnat', '6443']);
    expect(words('connect to host 192.168.56.11 port 22')).toEqual(['connect', 'host', 'ipaddr', 'port', '22']);
  });

  it('keeps well-known ports and drops ephemeral ones', () => {
    expect(words('127.0.0.1:2222')).toEqual(['localhost']);
    expect(words('ssh: connect to host 127.0.0.1 port 2200')).toEqual(['ssh', 'connect', 'host', 'localhost', 'port']);
    expect(words('k8s-master:6443')).toEqual(['k8s', 'master', '6443']);
  });

  it('drops GPG key ids, UUIDs, digests and bootstrap tokens but keeps 0x error codes', () => {
    expect(words('NO_PUBKEY B53DC80D13EDEF05')).toEqual(['no_pubkey', 'no', 'pubkey']);
    expect(words('Interface: ISession {c0447716-ff5a-4795-b57a-ecd5fffa18a4}')).toEqual(words('Interface: ISession'));
    expect(words('NO_PUBKEY B53DC80D13EDEF05')).toEqual(words('NO_PUBKEY 234654DA9A296436'));
    expect(words('code NS_ERROR_FAILURE (0x80004005)')).toEqual([
      'code',
      'ns_error_failure',
      'ns',
      'error',
      'failur',
      '0x80004005',
    ]);
    expect(
      words('--token 3dwl8j.xquc9fiyk8lbbkb0 --discovery-token-ca-cert-hash sha256:757cede0cfad6432ebc2ea067be2e91c'),
    ).toEqual(['token', 'discovery', 'token', 'ca', 'cert', 'hash']);
  });

  it('keeps major.minor of a version as one word and strips quotes', () => {
    expect(words("E: Version '1.33' for 'kubeadm' was not found")).toEqual([
      'version',
      'v1_33',
      'kubeadm',
      'not',
      'found',
    ]);
    expect(words('Err:8 https://packages.cloud.google.com/apt kubernetes-xenial Release')).toContain('xenial');
  });

  it('unescapes JSON strings as Ansible prints them', () => {
    const ansible = String.raw`"msg": "Failed to update apt cache: E:The repository \"https://apt.kubernetes.io kubernetes-xenial Release\" does not have a Release file.\nN: Updating"`;
    const lines = normalize(ansible).split('\n');
    expect(lines.length).toBe(2);
    expect(lines[0]).not.toContain('"');
  });

  it('removes user names from home paths and syslog timestamps', () => {
    expect(words('open /home/alice/.kube/config: permission denied')).toEqual(
      words('open /home/bob/.kube/config: permission denied'),
    );
    expect(words('open /home/alice/.kube/config: permission denied')).toEqual([
      'open',
      'kube',
      'config',
      'permission',
      'deni',
    ]);
    expect(words('Aug 22 11:11:04 k8server systemd: Failed at step EXEC')).toEqual([
      'k8server',
      'systemd',
      'fail',
      'step',
      'exec',
    ]);
  });
});

describe('normalize: what distinguishes a failure survives', () => {
  it('keeps 1.3, 1.30 and 1.28 apart and drops patch levels', () => {
    expect(words('core:/stable:/v1.3/deb')).toContain('v1_3');
    expect(words('core:/stable:/v1.30/deb')).toContain('v1_30');
    expect(words('Hit:4 https://pkgs.k8s.io/core:/stable:/v1.28/deb InRelease')).toContain('v1_28');
    expect(words('kubeadm 1.30.2-1.1')).toEqual(words('kubeadm v1.30.0'));
  });

  it('keeps the port: localhost:8080 and 127.0.0.1:6443 are different evidence', () => {
    expect(words('localhost:8080')).toEqual(['localhost', '8080']);
    expect(words('127.0.0.1:6443')).toEqual(['localhost', '6443']);
  });

  it('keeps network ranges whole: 192.168.0.0/16 and 10.244.0.0/16 are different evidence', () => {
    expect(words('--pod-network-cidr=192.168.0.0/16')).toContain('cidr_192_168_0_0_16');
    expect(words('--pod-network-cidr=10.244.0.0/16')).toContain('cidr_10_244_0_0_16');
    expect(words('inet 192.168.56.10/24')).toEqual(['inet', 'ipaddr']);
    expect(words('ping 192.168.56.10')).toEqual(['ping', 'ipaddr']);
  });

  it("keeps iptables' chain policy apart from a chain name beside a target", () => {
    expect(words('iptables -P INPUT DROP')).toEqual(['iptabl', 'policy', 'input', 'drop']);
    expect(words('iptables --policy FORWARD ACCEPT')).toEqual(['iptabl', 'policy', 'forward', 'accept']);
    expect(words('*filter\n:INPUT DROP [0:0]').slice(0, 4)).toEqual(['filter', 'policy', 'input', 'drop']);
    expect(words('sed -i s/DROP/DROP-log/g /etc/iptables.d/900-INPUT-drop')).not.toContain('policy');
    expect(words('iptables -A INPUT -p tcp --dport 22 -j ACCEPT')).not.toContain('policy');
    expect(words('mkdir -p input')).toEqual(['mkdir', 'input']);
  });
});

describe('tokenize', () => {
  it('stems Korean words with the search stemmer so particles do not hide the stem', () => {
    expect(tokenize('서버를')).toEqual(['서버']);
    expect(tokenize('서버에')).toEqual(['서버']);
  });

  it('drops a particle glued to an English word and keeps one-syllable Korean words', () => {
    expect(tokenize('kubectl이 안 됨')).toEqual(['kubectl', '안', '됨']);
  });

  it('drops stop words and one-letter tokens and stems simple suffixes', () => {
    expect(tokenize('the connection was refused')).toEqual(['connection', 'refus']);
    expect(tokenize('refuses')).toEqual(['refus']);
  });
});
