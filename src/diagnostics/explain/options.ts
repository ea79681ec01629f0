/**
 * Options shared by `explain`, `runbook` and `checks`: language and docs URL. Pure: the
 * environment comes in as a plain record.
 */

import { K8sdiagError } from '../errors';
import { runbookEntries } from '../knowledge/runbook-data';
import { DEFAULT_DOCS_URL, type Lang } from '../knowledge/runbooks';

export const langArg = {
  type: 'string',
  description: 'Output language: en or ko',
  default: 'en',
  valueHint: 'en|ko',
} as const;

export const docsUrlArg = {
  type: 'string',
  description: `Base URL of the runbook site (default: $K8SDIAG_DOCS_URL, then ${DEFAULT_DOCS_URL})`,
  valueHint: 'url',
} as const;

/**
 * The languages the runbooks are written in, taken from the runbook data itself (importing the
 * LANGS constant would pull the YAML reader and zod into every `explain` start-up).
 */
export function parseLang(value: unknown): Lang {
  const lang = String(value ?? 'en').toLowerCase();
  const available = [...new Set(runbookEntries.map((entry) => entry.lang))].sort();
  const found = runbookEntries.find((entry) => entry.lang === lang);
  if (found !== undefined) return found.lang;
  throw new K8sdiagError('E_USAGE', `unknown language "${lang}"; use one of: ${available.join(', ')}`);
}

/** The environment variables these options read. */
export interface OptionsEnv {
  K8SDIAG_DOCS_URL?: string | undefined;
  NO_COLOR?: string | undefined;
  FORCE_COLOR?: string | undefined;
  TERM?: string | undefined;
  [name: string]: string | undefined;
}

export function resolveDocsUrl(flag: unknown, env: Readonly<OptionsEnv>): string {
  const value = typeof flag === 'string' && flag !== '' ? flag : env.K8SDIAG_DOCS_URL || DEFAULT_DOCS_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new K8sdiagError('E_USAGE', `--docs-url: not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new K8sdiagError('E_USAGE', `--docs-url: only http(s) URLs are allowed, got "${url.protocol}"`);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Colour only on a terminal (picocolors alone would also colour piped output under CI=...).
 * NO_COLOR turns it off, FORCE_COLOR on (https://no-color.org).
 */
export function colorEnabled(isTTY: boolean | undefined, env: Readonly<OptionsEnv>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY === true && env.TERM !== 'dumb';
}

/**
 * The error text from `explain`'s raw arguments. Pasted errors often start with a dash
 * ("-bash: ./kubeadm: cannot execute binary file"), which an option parser would take for flags,
 * so the text is every argument that is not one of `valueOptions` (with its value), joined by
 * spaces; everything after `--` is text as well.
 */
export function textFromRawArgs(rawArgs: readonly string[], valueOptions: readonly string[]): string[] {
  const text: string[] = [];
  for (let i = 0; i < rawArgs.length; i += 1) {
    const arg = rawArgs[i] ?? '';
    if (arg === '--') {
      text.push(...rawArgs.slice(i + 1));
      break;
    }
    const name = /^--([a-z-]+)(?:=|$)/.exec(arg)?.[1];
    if (name !== undefined && valueOptions.includes(name)) {
      if (!arg.includes('=')) i += 1;
      continue;
    }
    text.push(arg);
  }
  return text;
}
