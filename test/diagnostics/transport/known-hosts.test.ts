import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostKeyStore } from '../../../src/diagnostics/transport/host-key-store';
import {
  checkHostKey,
  fingerprint,
  hostMatches,
  knownHostName,
  parseKnownHosts,
} from '../../../src/diagnostics/transport/known-hosts';

const hasKeygen = (() => {
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (error as { status?: number }).status !== undefined && (error as { status: number }).status !== 127;
  }
})();

interface Key {
  line: string;
  blob: Buffer;
  type: string;
}

let dir: string;
const keys: Record<string, Key> = {};

/** Real keys from ssh-keygen; the blob is what an SSH server sends. */
function makeKey(name: string, type: string): Key {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', name, '-f', file]);
  const pub = readFileSync(`${file}.pub`, 'utf8').trim();
  const [keyType = '', b64 = ''] = pub.split(' ');
  return { line: `${keyType} ${b64}`, blob: Buffer.from(b64, 'base64'), type: keyType };
}

describe.skipIf(!hasKeygen)('known_hosts with OpenSSH semantics (keys and hashes from ssh-keygen)', () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'k8sdiag-kh-'));
    keys['a'] = makeKey('a', 'ed25519');
    keys['b'] = makeKey('b', 'ed25519');
    keys['c'] = makeKey('c', 'ecdsa');
    keys['r'] = makeKey('r', 'ed25519');
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const k = (name: string): Key => keys[name] as Key;

  it('matches plain, [host]:port, hashed (ssh-keygen -H), wildcard and negated entries', () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(
      file,
      [
        `# comment`,
        `node1,198.51.100.11 ${k('a').line}`,
        `[127.0.0.1]:2222 ${k('b').line}`,
        `hashed-node ${k('c').line}`,
        '',
      ].join('\n'),
    );
    // ssh-keygen -H hashes every name (and refuses files with wildcards), so those lines come after.
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file]);
    const hashedText = readFileSync(file, 'utf8');
    expect(hashedText).toMatch(/^\|1\|/m); // really hashed by OpenSSH
    expect(hashedText).not.toContain('hashed-node');
    expect(hashedText).not.toContain('[127.0.0.1]');
    const text = `${hashedText}*.lab.example,!bad.lab.example ${k('a').line}\n@cert-authority *.example ${k('r').line}\ngarbage line\n`;
    const { entries, skipped } = parseKnownHosts(text, file);
    expect(skipped.map((s) => s.reason)).toEqual(['not "hosts keytype base64-key"']);

    expect(checkHostKey(entries, 'node1', k('a').blob).kind).toBe('known');
    expect(checkHostKey(entries, '198.51.100.11', k('a').blob).kind).toBe('known');
    expect(checkHostKey(entries, knownHostName('127.0.0.1', 2222), k('b').blob).kind).toBe('known');
    // The same address on port 22 is another host for OpenSSH.
    expect(checkHostKey(entries, knownHostName('127.0.0.1', 22), k('b').blob).kind).toBe('new');
    expect(checkHostKey(entries, 'hashed-node', k('c').blob).kind).toBe('known');
    expect(checkHostKey(entries, 'HASHED-NODE', k('c').blob).kind).toBe('new'); // hashes are exact
    expect(checkHostKey(entries, 'w1.lab.example', k('a').blob).kind).toBe('known');
    expect(checkHostKey(entries, 'bad.lab.example', k('a').blob).kind).toBe('new');
    // A @cert-authority line is never taken for a host key.
    expect(checkHostKey(entries, 'x.example', k('r').blob).kind).toBe('new');
  });

  it('reports a changed key of the same type, and of another type too (F1: never "new" when a key is known)', () => {
    const { entries } = parseKnownHosts(`[127.0.0.1]:2222 ${k('a').line}\n`, 'kh');
    const changed = checkHostKey(entries, '[127.0.0.1]:2222', k('b').blob);
    expect(changed.kind).toBe('changed');
    const other = checkHostKey(entries, '[127.0.0.1]:2222', k('c').blob);
    expect(other.kind).toBe('changed');
    expect(other.kind === 'changed' && other.offending.map((e) => e.keyType)).toEqual(['ssh-ed25519']);
    // A host with no key at all is still new.
    expect(checkHostKey(entries, '[127.0.0.1]:2223', k('c').blob)).toEqual({ kind: 'new' });
  });

  it('F1: accept-new refuses a key of another type for a known host and appends nothing', () => {
    const file = join(dir, 'kh_other_type');
    const before = `[127.0.0.1]:2222 ${k('a').line}\n`;
    writeFileSync(file, before);
    for (const policy of ['strict', 'accept-new', 'off'] as const) {
      const decision = new HostKeyStore().decide(
        { host: '127.0.0.1', port: 2222, policy, files: { user: [file], global: [] }, hash: false },
        k('c').blob,
      );
      expect([policy, decision.accept, decision.verdict]).toEqual([policy, false, 'changed']);
      expect(decision.banner).toContain(`Offending ED25519 key in ${file}:1`);
    }
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('F3: a host key name that is not one plain name is refused, never written to known_hosts', () => {
    const file = join(dir, 'kh_alias');
    writeFileSync(file, '');
    for (const alias of ['* ssh-ed25519 AAAA', 'a,b', '*', 'x\ny', '|1|abc', '@revoked']) {
      const decision = new HostKeyStore().decide(
        { host: 'h', port: 22, alias, policy: 'accept-new', files: { user: [file], global: [] }, hash: false },
        k('a').blob,
      );
      expect([alias, decision.accept]).toEqual([alias, false]);
    }
    expect(readFileSync(file, 'utf8')).toBe('');
  });

  it('F3b: the banner quotes the name and file in the ssh-keygen command it suggests', () => {
    const file = join(dir, "kh it's");
    writeFileSync(file, `evil$(touch${'\t'}x) ${k('a').line}\n`);
    const store = new HostKeyStore();
    const decision = store.decide(
      { host: 'evil$(id)', port: 22, policy: 'strict', files: { user: [file], global: [] }, hash: false },
      k('b').blob,
    );
    // The host name itself is refused before any lookup (it is not a plain name).
    expect(decision.accept).toBe(false);
    const plain = join(dir, 'kh space');
    writeFileSync(plain, `node-1 ${k('a').line}\n`);
    const changed = store.decide(
      { host: 'node-1', port: 22, policy: 'strict', files: { user: [plain], global: [] }, hash: false },
      k('b').blob,
    );
    expect(changed.banner).toContain(`  ssh-keygen -R 'node-1' -f '${plain}'`);
  });

  it('refuses a @revoked key even when a plain line lists it too', () => {
    const { entries } = parseKnownHosts(`node1 ${k('r').line}\n@revoked * ${k('r').line}\n`, 'kh');
    const status = checkHostKey(entries, 'node1', k('r').blob);
    expect(status.kind).toBe('revoked');
    const store = new HostKeyStore();
    const file = join(dir, 'revoked_hosts');
    writeFileSync(file, `@revoked * ${k('r').line}\n`);
    const decision = store.decide(
      { host: 'node9', port: 22, policy: 'off', files: { user: [file], global: [] }, hash: false },
      k('r').blob,
    );
    expect(decision.accept).toBe(false);
    expect(decision.reason).toMatch(/@revoked/);
  });

  it('implements OpenSSH pattern lists', () => {
    expect(hostMatches('a,b,c', 'b')).toBe(true);
    expect(hostMatches('10.0.0.?', '10.0.0.7')).toBe(true);
    expect(hostMatches('10.0.0.?', '10.0.0.17')).toBe(false);
    expect(hostMatches('*,!10.*', '10.1.1.1')).toBe(false);
    expect(hostMatches('!10.*', '192.0.2.1')).toBe(false); // negation alone never matches
    expect(hostMatches('[*]:2222', '[127.0.0.1]:2222')).toBe(true);
  });

  it('strict refuses a new host; accept-new appends a hashed line OpenSSH can find; off accepts', () => {
    const file = join(dir, 'kh_store');
    writeFileSync(file, `node1 ${k('a').line}`); // no trailing newline on purpose
    const store = new HostKeyStore();
    const req = {
      host: '127.0.0.1',
      port: 2200,
      policy: 'strict' as const,
      files: { user: [file], global: [] },
      hash: true,
    };
    const strict = store.decide(req, k('b').blob);
    expect(strict).toMatchObject({ accept: false, verdict: 'unknown' });
    expect(strict.reason).toContain(`no host key for [127.0.0.1]:2200 in ${file}`);
    expect(strict.reason).toContain(fingerprint(k('b').blob));

    const added = store.decide({ ...req, policy: 'accept-new' }, k('b').blob);
    expect(added).toMatchObject({ accept: true, verdict: 'added' });
    // OpenSSH finds the appended (hashed) entry, and the old line is intact.
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2200', '-f', file], { encoding: 'utf8' });
    expect(found).toContain(k('b').line.split(' ')[1]);
    expect(execFileSync('ssh-keygen', ['-F', 'node1', '-f', file], { encoding: 'utf8' })).toContain('node1');
    // Remembered in memory: a second decision is "known" without re-reading.
    expect(store.decide({ ...req, policy: 'strict' }, k('b').blob).verdict).toBe('known');
    // A fresh store reads the appended line back from the file.
    expect(new HostKeyStore().decide(req, k('b').blob).verdict).toBe('known');

    const off = new HostKeyStore().decide({ ...req, port: 2201, policy: 'off' }, k('c').blob);
    expect(off).toMatchObject({ accept: true, verdict: 'unverified' });
  });

  it('refuses a changed key under every policy (F12: off too) with the OpenSSH banner', () => {
    const file = join(dir, 'kh_changed');
    writeFileSync(file, `# one\n[127.0.0.1]:2222 ${k('a').line}\n`);
    const store = new HostKeyStore();
    const req = { host: '127.0.0.1', port: 2222, files: { user: [file], global: [] }, hash: false };
    for (const policy of ['strict', 'accept-new'] as const) {
      const decision = store.decide({ ...req, policy }, k('b').blob);
      expect(decision.accept).toBe(false);
      expect(decision.verdict).toBe('changed');
      expect(decision.banner).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!');
      expect(decision.banner).toContain(`Offending ED25519 key in ${file}:2`);
      expect(decision.banner).toContain(fingerprint(k('b').blob));
      expect(decision.reason).toMatch(/^REMOTE HOST IDENTIFICATION HAS CHANGED/);
    }
    expect(readFileSync(file, 'utf8')).toBe(`# one\n[127.0.0.1]:2222 ${k('a').line}\n`); // never rewritten
    const off = store.decide({ ...req, policy: 'off' }, k('b').blob);
    expect([off.accept, off.verdict]).toEqual([false, 'changed']);
    expect(off.banner).toContain('refuses to connect');
  });

  it('prefers the known key types in negotiation', () => {
    const file = join(dir, 'kh_pref');
    writeFileSync(file, `[h]:2222 ${k('c').line}\n`);
    const store = new HostKeyStore();
    const algorithms = store.preferredAlgorithms({ host: 'h', port: 2222, files: { user: [file], global: [] } });
    expect(algorithms[0]).toBe(k('c').type);
    expect(algorithms).toContain('ssh-ed25519');
  });
});
