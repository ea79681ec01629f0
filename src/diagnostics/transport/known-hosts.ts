/**
 * known_hosts with OpenSSH semantics:
 * - host patterns, comma-separated, with `*`/`?` wildcards and `!negation`, matched
 *   case-insensitively against `host` (port 22) or `[host]:port`;
 * - hashed entries `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`;
 * - `@revoked` lines: a matching key is refused whatever else the file says;
 * - `@cert-authority` lines are not used (ssh2 has no host certificates) and are reported as such;
 * - a host with any known plain key that differs from the one presented is CHANGED, never new:
 *   a key of another type is not a second chance for an impostor (OpenSSH refuses it too).
 * Pure functions over parsed entries; reading and appending files lives in host-key-store.ts.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface KnownHostEntry {
  file: string;
  line: number;
  marker: 'revoked' | 'cert-authority' | undefined;
  /** Raw host field (comma-separated patterns or one hashed entry). */
  hosts: string;
  keyType: string;
  key: Buffer;
}

export interface KnownHostsParse {
  entries: KnownHostEntry[];
  /** Lines that could not be read (like OpenSSH, they are skipped, not fatal). */
  skipped: Array<{ file: string; line: number; reason: string }>;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The key type inside an SSH public key blob (the first length-prefixed string). */
export function blobKeyType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || blob.length < 4 + len) return undefined;
  return blob.toString('latin1', 4, 4 + len);
}

export function parseKnownHosts(text: string, file: string): KnownHostsParse {
  const entries: KnownHostEntry[] = [];
  const skipped: KnownHostsParse['skipped'] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = raw.split(/[ \t]+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift();
      if (name === '@revoked') marker = 'revoked';
      else if (name === '@cert-authority') marker = 'cert-authority';
      else {
        skipped.push({ file, line: i + 1, reason: `unknown marker ${name}` });
        continue;
      }
    }
    const [hosts, keyType, key] = fields;
    if (hosts === undefined || keyType === undefined || key === undefined || !BASE64.test(key)) {
      skipped.push({ file, line: i + 1, reason: 'not "hosts keytype base64-key"' });
      continue;
    }
    const blob = Buffer.from(key, 'base64');
    if (blobKeyType(blob) !== keyType) {
      skipped.push({ file, line: i + 1, reason: `key blob is not of type ${keyType}` });
      continue;
    }
    entries.push({ file, line: i + 1, marker, hosts, keyType, key: blob });
  }
  return { entries, skipped };
}

/** `host` for port 22, `[host]:port` otherwise (OpenSSH's put_host_port). */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** OpenSSH match_pattern: `*` any run, `?` one character. */
function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star !== -1) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

function hashedMatch(field: string, name: string): boolean {
  const parts = field.split('|');
  // ['', '1', salt, hash]
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2] ?? '', 'base64');
  const expected = Buffer.from(parts[3] ?? '', 'base64');
  if (salt.length === 0 || expected.length !== 20) return false;
  const actual = createHmac('sha1', salt).update(name).digest();
  return timingSafeEqual(actual, expected);
}

/** OpenSSH match_hostname: any positive pattern matches and no negated one does. */
export function hostMatches(hosts: string, name: string): boolean {
  if (hosts.startsWith('|')) return hashedMatch(hosts, name);
  const lower = name.toLowerCase();
  let positive = false;
  for (const pattern of hosts.split(',')) {
    if (pattern === '') continue;
    if (pattern.startsWith('!')) {
      if (globMatch(pattern.slice(1).toLowerCase(), lower)) return false;
    } else if (globMatch(pattern.toLowerCase(), lower)) {
      positive = true;
    }
  }
  return positive;
}

export type HostKeyStatus =
  | { kind: 'known'; entry: KnownHostEntry }
  | { kind: 'revoked'; entry: KnownHostEntry }
  | { kind: 'changed'; offending: KnownHostEntry[] }
  | { kind: 'new' };

/**
 * Looks the key up for `name` (`host` or `[host]:port`, or a HostKeyAlias).
 * A revoked key wins over everything; then an exact match; then any other known key for the
 * name makes it a change (same type first in `offending`, as OpenSSH names it).
 */
export function checkHostKey(entries: readonly KnownHostEntry[], name: string, key: Buffer): HostKeyStatus {
  const keyType = blobKeyType(key) ?? '';
  const forHost = entries.filter((entry) => entry.marker !== 'cert-authority' && hostMatches(entry.hosts, name));
  const revoked = forHost.find((entry) => entry.marker === 'revoked' && entry.key.equals(key));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const plain = forHost.filter((entry) => entry.marker === undefined);
  const match = plain.find((entry) => entry.key.equals(key));
  if (match) return { kind: 'known', entry: match };
  if (plain.length === 0) return { kind: 'new' };
  const sameType = plain.filter((entry) => entry.keyType === keyType);
  return { kind: 'changed', offending: [...sameType, ...plain.filter((entry) => entry.keyType !== keyType)] };
}

/**
 * Why `name` cannot be a known_hosts host name, or undefined when it can. A name is written raw
 * into known_hosts, so whitespace, pattern characters (`, * ? !`), hashing and marker characters
 * (`| # @`), brackets and control characters would change what the line means.
 */
export function badHostKeyName(name: string): string | undefined {
  if (name === '') return 'is empty';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  const bad = /[\s,*?!|#@[\]\u0000-\u001f\u007f-\u009f]/u.exec(name);
  if (bad)
    return `contains ${JSON.stringify(bad[0])}; a host name must not contain whitespace, , * ? ! | # @ [ ] or control characters`;
  return undefined;
}

/** Key types already known for `name`, to prefer them in host key negotiation like OpenSSH does. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  return [
    ...new Set(
      entries
        .filter((entry) => entry.marker === undefined && hostMatches(entry.hosts, name))
        .map((entry) => entry.keyType),
    ),
  ];
}

/** `SHA256:...` as OpenSSH prints it. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The line accept-new appends (hashed like `HashKnownHosts yes`, or plain). */
export function knownHostsLine(name: string, key: Buffer, hashed: boolean): string {
  const keyType = blobKeyType(key) ?? 'unknown';
  let hosts = name;
  if (hashed) {
    const salt = randomBytes(20);
    hosts = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
  }
  return `${hosts} ${keyType} ${key.toString('base64')}\n`;
}

/** Upper-case key family for messages, like OpenSSH's "ED25519 key". */
export function keyFamily(keyType: string): string {
  if (keyType === 'ssh-ed25519') return 'ED25519';
  if (keyType.startsWith('ecdsa-')) return 'ECDSA';
  if (keyType === 'ssh-rsa') return 'RSA';
  if (keyType === 'ssh-dss') return 'DSA';
  return keyType.toUpperCase();
}
