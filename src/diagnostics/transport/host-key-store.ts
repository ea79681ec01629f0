/**
 * Host key decisions for a run: known_hosts files are read once (shared by every node), keys
 * accepted under accept-new are appended once (serialised) and remembered in memory, so 200
 * nodes cost 200 lookups, not 200 file reads.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { shQuote } from '../probe/shell-quote';
import {
  badHostKeyName,
  blobKeyType,
  checkHostKey,
  fingerprint,
  type KnownHostEntry,
  keyFamily,
  knownHostName,
  knownHostsLine,
  knownKeyTypes,
  parseKnownHosts,
} from './known-hosts';

export type HostKeyPolicy = 'strict' | 'accept-new' | 'off';
export const HOST_KEY_POLICIES: readonly HostKeyPolicy[] = ['strict', 'accept-new', 'off'];

export interface KnownHostsFiles {
  /** UserKnownHostsFile list; the first one receives accept-new keys. `/dev/null` disables. */
  user: readonly string[];
  /** GlobalKnownHostsFile list (read only). */
  global: readonly string[];
}

export interface HostKeyRequest {
  host: string;
  port: number;
  /** HostKeyAlias from ssh config: looked up instead of host/port. */
  alias?: string | undefined;
  policy: HostKeyPolicy;
  files: KnownHostsFiles;
  /** HashKnownHosts from ssh config. */
  hash: boolean;
}

export type HostKeyVerdict = 'known' | 'added' | 'unverified' | 'changed' | 'revoked' | 'unknown';

export interface HostKeyDecision {
  accept: boolean;
  verdict: HostKeyVerdict;
  keyType: string;
  fingerprint: string;
  /** One line for the report. */
  reason?: string;
  /** Multi-line warning for stderr (the changed-key banner), printed even when accepted. */
  banner?: string;
}

const DEFAULT_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

function algorithmsFor(keyType: string): string[] {
  return keyType === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [keyType];
}

/** One shell word for a command the user copies: quoted unless it is plainly safe. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9._:@%+=/-]+$/.test(value) ? value : shQuote(value);
}

function changedBanner(name: string, keyType: string, print: string, offending: KnownHostEntry): string {
  const family = keyFamily(keyType);
  return [
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
    '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
    'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
    'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
    'It is also possible that a host key has just been changed.',
    `The fingerprint for the ${family} key sent by the remote host ${name} is`,
    `${print}.`,
    `Offending ${keyFamily(offending.keyType)} key in ${offending.file}:${offending.line}`,
    `Host key for ${name} has changed and k8sdiag refuses to connect to it (under every --host-key-policy).`,
    'If the node was rebuilt (vagrant destroy/up, new VM), check the new key out of band, then remove the old one:',
    `  ssh-keygen -R ${shQuote(name)} -f ${shellWord(offending.file)}`,
  ].join('\n');
}

export class HostKeyStore {
  private readonly cache = new Map<string, KnownHostEntry[]>();
  private readonly warnings: string[] = [];
  private readonly lineCounts = new Map<string, number>();

  /** Parsed entries of a file (read once; a missing file is empty). */
  private entriesOf(file: string): KnownHostEntry[] {
    const cached = this.cache.get(file);
    if (cached) return cached;
    let entries: KnownHostEntry[] = [];
    if (file !== '/dev/null' && existsSync(file)) {
      try {
        const parsed = parseKnownHosts(readFileSync(file, 'utf8'), file);
        entries = parsed.entries;
        const ca = entries.filter((entry) => entry.marker === 'cert-authority');
        if (ca.length > 0) {
          this.warnings.push(
            `${file}: ${ca.length} @cert-authority line(s) ignored (host certificates are not supported; plain host keys are checked)`,
          );
        }
      } catch (error) {
        this.warnings.push(`${file}: not readable (${(error as Error).message}); treated as empty`);
      }
    }
    this.cache.set(file, entries);
    return entries;
  }

  private allEntries(files: KnownHostsFiles): KnownHostEntry[] {
    return [...files.user, ...files.global].flatMap((file) => this.entriesOf(file));
  }

  /** Notes for the report (ignored @cert-authority lines, unreadable files). */
  notes(): readonly string[] {
    return this.warnings;
  }

  /** serverHostKey algorithms with the types known for this host first (as OpenSSH orders them). */
  preferredAlgorithms(request: Pick<HostKeyRequest, 'host' | 'port' | 'alias' | 'files'>): string[] {
    const name = request.alias ?? knownHostName(request.host, request.port);
    const known = knownKeyTypes(this.allEntries(request.files), name).flatMap(algorithmsFor);
    return [...new Set([...known, ...DEFAULT_HOST_KEY_ALGORITHMS])];
  }

  decide(request: HostKeyRequest, key: Buffer): HostKeyDecision {
    const name = request.alias ?? knownHostName(request.host, request.port);
    const keyType = blobKeyType(key) ?? 'unknown';
    const print = fingerprint(key);
    const base = { keyType, fingerprint: print };
    const bad = badHostKeyName(request.alias ?? request.host);
    if (bad !== undefined) {
      // Validated with file:line when the ssh config is read; this guards every other way in.
      return { ...base, accept: false, verdict: 'unknown', reason: `host key name ${JSON.stringify(name)} ${bad}` };
    }
    const status = checkHostKey(this.allEntries(request.files), name, key);
    switch (status.kind) {
      case 'known':
        return { ...base, accept: true, verdict: 'known' };
      case 'revoked':
        return {
          ...base,
          accept: false,
          verdict: 'revoked',
          reason: `the ${keyFamily(keyType)} key of ${name} (${print}) is marked @revoked in ${status.entry.file}:${status.entry.line}`,
        };
      case 'changed': {
        // Refused under every policy, `off` included: a known key that no longer matches is the
        // one case where connecting is never the right default (the README promises it).
        const offending = status.offending[0] as KnownHostEntry;
        return {
          ...base,
          accept: false,
          verdict: 'changed',
          reason: `REMOTE HOST IDENTIFICATION HAS CHANGED: ${name} sent ${keyFamily(keyType)} key ${print}, which differs from the ${keyFamily(offending.keyType)} key in ${offending.file}:${offending.line}`,
          banner: changedBanner(name, keyType, print, offending),
        };
      }
      case 'new': {
        const files = [...request.files.user, ...request.files.global].join(', ') || 'no known_hosts file';
        if (request.policy === 'strict') {
          return {
            ...base,
            accept: false,
            verdict: 'unknown',
            reason: `no host key for ${name} in ${files}; its ${keyFamily(keyType)} key is ${print}. Check it, then add it (ssh-keyscan${request.port === 22 ? '' : ` -p ${request.port}`} ${shellWord(request.host)} >> ~/.ssh/known_hosts) or use --host-key-policy accept-new`,
          };
        }
        if (request.policy === 'off') return { ...base, accept: true, verdict: 'unverified' };
        this.remember(request, name, key);
        return { ...base, accept: true, verdict: 'added' };
      }
    }
  }

  private remember(request: HostKeyRequest, name: string, key: Buffer): void {
    const target = request.files.user.find((file) => file !== '/dev/null');
    const line = knownHostsLine(name, key, request.hash);
    const entry: KnownHostEntry = {
      file: target ?? '(memory)',
      line: 0,
      marker: undefined,
      hosts: line.split(' ')[0] as string,
      keyType: blobKeyType(key) ?? 'unknown',
      key,
    };
    if (target === undefined) {
      this.entriesOf('/dev/null').push(entry);
      return;
    }
    const entries = this.entriesOf(target);
    try {
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      let before = this.lineCounts.get(target);
      let text = line;
      if (before === undefined) {
        const existing = existsSync(target) ? readFileSync(target, 'utf8') : '';
        before = countLines(existing);
        if (existing !== '' && !existing.endsWith('\n')) text = `\n${line}`;
      }
      // One small O_APPEND write per key: atomic enough for concurrent runs on the same file.
      appendFileSync(target, text, { mode: 0o600 });
      entry.line = before + 1;
      this.lineCounts.set(target, before + 1);
    } catch (error) {
      this.warnings.push(`could not add ${name} to ${target}: ${(error as Error).message}`);
    }
    entries.push(entry);
  }
}

function countLines(text: string): number {
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
