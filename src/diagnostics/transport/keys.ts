/**
 * Identity files, each read and decrypted once per run whatever the number of nodes.
 * Passphrases come from K8SDIAG_SSH_PASSPHRASE or a prompt on the terminal, never from argv.
 * A key named by the user (--identity, inventory, Vagrant) that is missing or cannot be
 * decrypted is an input error with the file and line that named it (exit 2).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type ParsedKey, utils } from 'ssh2';
import { K8sdiagError } from '../errors';
import type { IdentityRef } from '../targets/types';

export interface PassphraseSource {
  /** From K8SDIAG_SSH_PASSPHRASE. */
  env?: string | undefined;
  /** Asks on the terminal (echo off); undefined when there is no terminal. */
  prompt?: ((question: string) => Promise<string>) | undefined;
  /** ssh-agent is available: an undecryptable key can be left to it. */
  agentAvailable: boolean;
}

export interface KeyRef extends Omit<IdentityRef, 'from'> {
  from: IdentityRef['from'] | 'default';
}

export const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export function defaultIdentityRefs(): KeyRef[] {
  return DEFAULT_IDENTITIES.map((name) => ({ path: join(homedir(), '.ssh', name), from: 'default' as const })).filter(
    (ref) => existsSync(ref.path),
  );
}

function errorAt(ref: KeyRef, message: string): K8sdiagError {
  // Point at the line that named the key when there is one, else at the key file itself.
  return ref.file !== undefined
    ? new K8sdiagError('E_KEY', message, { file: ref.file, ...(ref.line === undefined ? {} : { line: ref.line }) })
    : new K8sdiagError('E_KEY', message, { file: ref.path });
}

const isEncryptedError = (error: Error): boolean => /encrypted|passphrase/i.test(error.message);

export class KeyRing {
  private readonly cache = new Map<string, Promise<ParsedKey | undefined>>();
  readonly warnings: string[] = [];
  /** Serialises prompts so two keys never ask at once. */
  private promptChain: Promise<unknown> = Promise.resolve();

  constructor(private readonly passphrases: PassphraseSource) {}

  load(ref: KeyRef): Promise<ParsedKey | undefined> {
    const cached = this.cache.get(ref.path);
    if (cached) return cached;
    const loading = this.read(ref);
    this.cache.set(ref.path, loading);
    return loading;
  }

  private async read(ref: KeyRef): Promise<ParsedKey | undefined> {
    if (!existsSync(ref.path)) {
      if (ref.from === 'default') return undefined;
      if (ref.from === 'ssh-config') {
        // OpenSSH only warns about a missing IdentityFile from ~/.ssh/config.
        this.warnings.push(
          `no such identity: ${ref.path} (named in ${ref.file ?? 'ssh config'}${ref.line ? `:${ref.line}` : ''})`,
        );
        return undefined;
      }
      throw errorAt(ref, `identity file ${ref.path} not found`);
    }
    let data: Buffer;
    try {
      data = readFileSync(ref.path);
    } catch (error) {
      throw errorAt(ref, `identity file ${ref.path} is not readable: ${(error as Error).message}`);
    }
    const parsed = utils.parseKey(data);
    if (!(parsed instanceof Error)) return this.privateKey(parsed, ref);
    if (!isEncryptedError(parsed))
      throw errorAt(ref, `identity file ${ref.path} is not a private key: ${parsed.message}`);
    return this.decrypt(data, ref);
  }

  private privateKey(parsed: ParsedKey | ParsedKey[], ref: KeyRef): ParsedKey {
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key === undefined || !key.isPrivateKey())
      throw errorAt(ref, `identity file ${ref.path} holds no private key (a .pub file?)`);
    return key;
  }

  private async decrypt(data: Buffer, ref: KeyRef): Promise<ParsedKey | undefined> {
    const { env, prompt, agentAvailable } = this.passphrases;
    if (env !== undefined && env !== '') {
      const parsed = utils.parseKey(data, env);
      if (!(parsed instanceof Error)) return this.privateKey(parsed, ref);
      throw errorAt(ref, `K8SDIAG_SSH_PASSPHRASE does not decrypt ${ref.path}`);
    }
    if (prompt) {
      const ask = async (): Promise<ParsedKey> => {
        for (let attempt = 0; attempt < 3; attempt++) {
          const passphrase = await prompt(`Enter passphrase for key '${ref.path}': `);
          const parsed = utils.parseKey(data, passphrase);
          if (!(parsed instanceof Error)) return this.privateKey(parsed, ref);
        }
        throw errorAt(ref, `wrong passphrase for ${ref.path} (3 attempts)`);
      };
      const result = this.promptChain.then(ask, ask);
      this.promptChain = result.catch(() => undefined);
      return result;
    }
    if (ref.from === 'default' || agentAvailable) {
      this.warnings.push(`${ref.path} is encrypted and no passphrase is available; relying on ssh-agent for it`);
      return undefined;
    }
    throw errorAt(
      ref,
      `identity file ${ref.path} is encrypted and no passphrase is available: set K8SDIAG_SSH_PASSPHRASE, run on a terminal to be asked, or load it into ssh-agent`,
    );
  }
}
