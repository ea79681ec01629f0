/**
 * OpenSSH client configuration through the `ssh-config` package, with what k8sdiag adds:
 * line numbers for errors and provenance, top-level `Include`, and no command execution
 * (`Match exec` is never run; `CanonicalizeHostName`, which makes the package run nslookup,
 * is dropped). Values follow OpenSSH's rule: the first value obtained wins; user file before
 * the system-wide one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import SSHConfig, { type Directive, glob, type Line, LineType } from 'ssh-config';
import { K8sdiagError } from '../errors';
import { badHostKeyName } from '../transport/known-hosts';

export interface SshConfigSource {
  /** Files in the order they were read (main file first, included files inline). */
  files: string[];
  config: SSHConfig;
  /** Line number of every directive, by identity. */
  where: Map<Line, { file: string; line: number }>;
  warnings: string[];
}

export interface ComputedHost {
  /** Lower-cased option names, first value wins. */
  values: Record<string, string | string[]>;
  /** A Host or Match block other than a bare `Host *` matched the name. */
  matchedBlock: boolean;
  /** Where a given option value came from (first directive with that name in a matching block). */
  lineOf(option: string): { file: string; line: number } | undefined;
}

const MAX_INCLUDE_DEPTH = 16;

function directiveValue(line: Directive): string {
  return Array.isArray(line.value) ? line.value.map((v) => v.val).join(' ') : line.value;
}

/** Finds the first line of `text` that the package refuses, for a file:line error. */
function failingLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    try {
      SSHConfig.parse(lines[i] as string);
    } catch {
      return i + 1;
    }
  }
  return undefined;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Walks lines in document order, recording each directive's 1-based line number. */
function recordLines(config: SSHConfig, file: string, where: SshConfigSource['where']): void {
  let newlines = 0;
  const visit = (lines: readonly Line[]): void => {
    for (const line of lines) {
      newlines += countNewlines(line.before);
      if (line.type === LineType.DIRECTIVE) where.set(line, { file, line: newlines + 1 });
      newlines += countNewlines(line.after);
      if ('config' in line) visit(line.config);
    }
  };
  visit(config);
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/** Minimal glob for Include: `*` and `?` in the last path component. */
function expandInclude(pattern: string, base: string): string[] {
  let path = expandHome(pattern);
  if (!isAbsolute(path)) path = join(base, path);
  if (!/[*?]/.test(path)) return existsSync(path) ? [path] : [];
  const dir = dirname(path);
  const last = path.slice(dir.length + 1);
  if (/[*?]/.test(dir) || !existsSync(dir)) return [];
  const re = new RegExp(
    `^${last
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return readdirSync(dir)
    .filter((name) => re.test(name))
    .sort()
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile());
}

function parseFile(file: string, text: string, source: SshConfigSource, depth: number, isUser: boolean): SSHConfig {
  let config: SSHConfig;
  try {
    config = SSHConfig.parse(text);
  } catch (error) {
    const line = failingLine(text);
    throw new K8sdiagError('E_SSH_CONFIG', `ssh config: ${(error as Error).message}`, {
      file,
      ...(line === undefined ? {} : { line }),
      cause: error,
    });
  }
  source.files.push(file);
  recordLines(config, file, source.where);
  const out = new SSHConfig();
  for (const line of config) {
    if (line.type === LineType.DIRECTIVE && /^include$/i.test(line.param)) {
      if (depth >= MAX_INCLUDE_DEPTH) {
        throw new K8sdiagError('E_SSH_CONFIG', 'Include nested too deeply', {
          file,
          line: source.where.get(line)?.line ?? 0,
        });
      }
      // OpenSSH resolves relative user includes against ~/.ssh, system ones against /etc/ssh.
      const base = isUser ? join(homedir(), '.ssh') : '/etc/ssh';
      const patterns = Array.isArray(line.value) ? line.value.map((v) => v.val) : [line.value];
      for (const pattern of patterns) {
        for (const included of expandInclude(pattern, base)) {
          out.push(...parseFile(included, readFileSync(included, 'utf8'), source, depth + 1, isUser));
        }
      }
      continue;
    }
    if ('config' in line) {
      const nested = line.config.filter((sub) => {
        if (sub.type !== LineType.DIRECTIVE) return true;
        if (/^include$/i.test(sub.param)) {
          source.warnings.push(
            `${file}:${source.where.get(sub)?.line ?? '?'}: Include inside a Host/Match block is not supported; ignored`,
          );
          return false;
        }
        if (/^canonicalizehostname$/i.test(sub.param)) return false;
        return true;
      });
      line.config.splice(0, line.config.length, ...nested);
    } else if (line.type === LineType.DIRECTIVE && /^canonicalizehostname$/i.test(line.param)) {
      continue;
    }
    out.push(line);
  }
  validate(out, source);
  return out;
}

const NUMERIC = new Set(['port', 'connecttimeout', 'serveraliveinterval', 'serveralivecountmax', 'connectionattempts']);

/** A value from a file, quoted for a one-line message (control characters escaped). */
function show(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
}

function validate(config: readonly Line[], source: SshConfigSource): void {
  for (const line of config) {
    if (line.type !== LineType.DIRECTIVE) continue;
    const param = line.param.toLowerCase();
    const value = directiveValue(line);
    const fail = (message: string): never => {
      const at = source.where.get(line);
      throw new K8sdiagError('E_SSH_CONFIG', message, { ...(at ? { file: at.file, line: at.line } : {}) });
    };
    if (NUMERIC.has(param) && !/^[0-9]+$/.test(value)) fail(`${line.param} must be a number, got ${show(value)}`);
    if (param === 'port' && (Number(value) < 1 || Number(value) > 65535))
      fail(`${line.param} ${show(value)} is not a port number (1-65535)`);
    if (param === 'hostkeyalias') {
      const bad = badHostKeyName(value);
      if (bad !== undefined) fail(`HostKeyAlias ${show(value)} ${bad}`);
    }
    if ('config' in line) validate(line.config, source);
  }
}

/** Parses one ssh config text (with Includes resolved from disk). Throws K8sdiagError with file:line. */
export function parseSshConfig(text: string, file: string, options: { user?: boolean } = {}): SshConfigSource {
  const source: SshConfigSource = { files: [], config: new SSHConfig(), where: new Map(), warnings: [] };
  source.config = parseFile(file, text, source, 0, options.user ?? true);
  return source;
}

/**
 * Loads OpenSSH's files: an explicit file (like `ssh -F`, alone), else ~/.ssh/config then
 * /etc/ssh/ssh_config. Missing default files are fine; a missing explicit file is an error.
 */
export function loadSshConfig(explicit: string | undefined): SshConfigSource {
  if (explicit !== undefined) {
    if (!existsSync(explicit)) throw new K8sdiagError('E_SSH_CONFIG', 'ssh config file not found', { file: explicit });
    return parseSshConfig(readFileSync(explicit, 'utf8'), explicit);
  }
  const merged: SshConfigSource = { files: [], config: new SSHConfig(), where: new Map(), warnings: [] };
  const candidates: Array<[string, boolean]> = [
    [join(homedir(), '.ssh/config'), true],
    ['/etc/ssh/ssh_config', false],
  ];
  for (const [file, user] of candidates) {
    if (!existsSync(file)) continue;
    const one = parseSshConfig(readFileSync(file, 'utf8'), file, { user });
    merged.files.push(...one.files);
    merged.config.push(...one.config);
    for (const [line, at] of one.where) merged.where.set(line, at);
    merged.warnings.push(...one.warnings);
  }
  return merged;
}

function patternsOf(line: Directive): string[] {
  return Array.isArray(line.value) ? line.value.map((v) => v.val) : [line.value];
}

/** OpenSSH-style evaluation for one host name, never executing anything. */
export function computeHost(source: SshConfigSource, host: string, user?: string): ComputedHost {
  const values = source.config.compute(user === undefined ? { Host: host } : { Host: host, User: user }, {
    ignoreCase: true,
    matchExec: false,
  }) as Record<string, string | string[]>;
  delete values['host'];
  delete values['match'];
  let matchedBlock = false;
  const matching: Line[] = [];
  for (const line of source.config) {
    if (line.type !== LineType.DIRECTIVE) continue;
    if (!('config' in line)) {
      matching.push(line);
      continue;
    }
    if (/^host$/i.test(line.param)) {
      const patterns = patternsOf(line);
      if (glob(patterns, host)) {
        if (!(patterns.length === 1 && patterns[0] === '*')) matchedBlock = true;
        matching.push(...line.config);
      }
    } else if (/^match$/i.test(line.param)) {
      const criteria = (line as { criteria?: Record<string, unknown> }).criteria ?? {};
      const keys = Object.keys(criteria).map((k) => k.toLowerCase());
      if (keys.includes('exec')) continue;
      const hostCriterion = criteria['host'] ?? criteria['Host'] ?? criteria['originalhost'];
      if (typeof hostCriterion === 'string' && glob(hostCriterion.split(','), host)) {
        matchedBlock = true;
        matching.push(...line.config);
      }
    }
  }
  return {
    values,
    matchedBlock,
    lineOf(option: string) {
      const found = matching.find((line) => line.type === LineType.DIRECTIVE && line.param.toLowerCase() === option);
      return found ? source.where.get(found) : undefined;
    },
  };
}

/** Concrete host aliases (no wildcard, no negation) of every `Host` block, in file order. */
export function concreteHosts(source: SshConfigSource): Array<{ alias: string; file: string; line: number }> {
  const out: Array<{ alias: string; file: string; line: number }> = [];
  for (const line of source.config) {
    if (line.type !== LineType.DIRECTIVE || !('config' in line) || !/^host$/i.test(line.param)) continue;
    const at = source.where.get(line) ?? { file: '?', line: 0 };
    for (const pattern of patternsOf(line)) {
      if (!/[*?!]/.test(pattern)) out.push({ alias: pattern, file: at.file, line: at.line });
    }
  }
  return out;
}

export function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function all(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
