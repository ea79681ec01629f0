/**
 * The options every command shares, declared and resolved in one place: report format, runbook
 * language, docs URL, colour, --ignore and -o. Pure apart from the output check: the environment
 * comes in as a plain record. Light on purpose (no reporters, no YAML): `explain` loads it at start.
 */

import { LANGS, type Lang } from '../../langs';
import { K8sdiagError } from '../errors';
import { DEFAULT_DOCS_URL } from '../runbooks/runbooks';
import { type OptionSpec, type ParsedValues, str } from './table';

/** `--format`, listing the formats the command writes. */
export function formatOption(formats: readonly string[], what = 'Report format'): OptionSpec {
  return {
    type: 'string',
    description: `${what}: ${formats.join(' | ')} (default ${formats[0]})`,
    valueHint: formats[0] as string,
  };
}

export const SHARED_OPTIONS = {
  output: { type: 'string', short: 'o', description: 'Write the report to FILE instead of stdout', valueHint: 'FILE' },
  'docs-url': {
    type: 'string',
    description: `Base URL of the runbook site (default $K8SDIAG_DOCS_URL, then ${DEFAULT_DOCS_URL})`,
    valueHint: 'URL',
  },
  lang: {
    type: 'string',
    description: `Runbook language of the links: ${LANGS.join(' | ')} (default en)`,
    valueHint: 'en',
  },
} as const satisfies Record<string, OptionSpec>;

/** The environment variables these options read. */
export interface OptionsEnv {
  K8SDIAG_DOCS_URL?: string | undefined;
  NO_COLOR?: string | undefined;
  FORCE_COLOR?: string | undefined;
  TERM?: string | undefined;
  [name: string]: string | undefined;
}

export function parseLang(value: unknown): Lang {
  const lang = String(value ?? 'en').toLowerCase();
  const found = LANGS.find((known) => known === lang);
  if (found !== undefined) return found;
  throw new K8sdiagError('E_USAGE', `unknown language "${lang}"; use one of: ${[...LANGS].sort().join(', ')}`);
}

/** `--lang`, else `fallback`. */
export function langOf(values: ParsedValues, fallback: Lang = 'en'): Lang {
  return parseLang(str(values, 'lang') ?? fallback);
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

export function docsUrlOf(values: ParsedValues, env: Readonly<OptionsEnv>): string {
  return resolveDocsUrl(str(values, 'docs-url'), env);
}

/** `--format`, one of `formats` (the first is the default). */
export function formatOf<F extends string>(values: ParsedValues, formats: readonly F[]): F {
  const text = str(values, 'format') ?? formats[0];
  const found = formats.find((format) => format === text);
  if (found === undefined) throw new K8sdiagError('E_USAGE', `--format: "${text}" is not one of ${formats.join(', ')}`);
  return found;
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

/** Colour of a report: text format, written to a terminal (never to a file). */
export function reportColor(
  format: string,
  toFile: boolean,
  isTTY: boolean | undefined,
  env: Readonly<OptionsEnv>,
): boolean {
  return format === 'text' && !toFile && colorEnabled(isTTY, env);
}
