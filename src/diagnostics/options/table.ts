/**
 * The one option layer of every command. A command declares its options once, as a table: the
 * table gives citty the help text (`cittyArgs`) and gives the parser (node:util parseArgs) its
 * specification. citty stays for what it does well (command metadata, the lazy command table, the
 * usage text); its own parser does not, because it neither rejects unknown options nor collects
 * repeatable ones. A bad option is a usage error (exit 2).
 */
import { parseArgs } from 'node:util';
import { K8sdiagError } from '../errors';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** A boolean that `--no-NAME` turns off (its value is then `false`). */
  negatable?: boolean;
  /** Help text of `--no-NAME`. */
  negativeDescription?: string;
  description: string;
  valueHint?: string;
}

export type OptionTable = Readonly<Record<string, OptionSpec>>;

export interface CittyArg {
  type: 'string' | 'boolean' | 'positional';
  description: string;
  valueHint?: string;
  alias?: string;
  required?: boolean;
  negativeDescription?: string;
}

/** citty `args`, for the usage text only (parsing is `parseOptions`). */
export function cittyArgs(
  table: OptionTable,
  positional?: { name: string; description: string; valueHint?: string },
): Record<string, CittyArg> {
  const args: Record<string, CittyArg> = {};
  if (positional)
    args[positional.name] = {
      type: 'positional',
      description: positional.description,
      required: false,
      ...(positional.valueHint === undefined ? {} : { valueHint: positional.valueHint }),
    };
  for (const [name, spec] of Object.entries(table)) {
    args[name] = {
      type: spec.type,
      description: spec.description,
      ...(spec.valueHint === undefined ? {} : { valueHint: spec.valueHint }),
      ...(spec.short === undefined ? {} : { alias: spec.short }),
      ...(spec.negatable ? { negativeDescription: spec.negativeDescription ?? `Turn --${name} off` } : {}),
    };
  }
  return args;
}

export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

/** Parses raw argv against a table. `--vagrant` with no value means the current directory. */
export function parseOptions(
  rawArgs: readonly string[],
  table: OptionTable,
): { values: ParsedValues; positionals: string[] } {
  const args = [...rawArgs];
  if (table['vagrant'] !== undefined) {
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--vagrant' && (args[i + 1] === undefined || args[i + 1]?.startsWith('-')))
        args.splice(i + 1, 0, '.');
    }
  }
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, spec] of Object.entries(table)) {
    options[name] = {
      type: spec.type,
      ...(spec.multiple ? { multiple: true } : {}),
      ...(spec.short ? { short: spec.short } : {}),
    };
    if (spec.negatable) options[`no-${name}`] = { type: 'boolean' };
  }
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    const values = { ...parsed.values } as ParsedValues;
    for (const [name, spec] of Object.entries(table)) {
      if (!spec.negatable || values[`no-${name}`] !== true) continue;
      delete values[`no-${name}`];
      values[name] = false;
    }
    return { values, positionals: parsed.positionals };
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    throw new K8sdiagError('E_USAGE', `${message}; see --help`);
  }
}

/**
 * Splits raw arguments into free text and options, for commands whose input is pasted text.
 * Pasted errors often start with a dash ("-bash: ./kubeadm: cannot execute binary file"), which
 * the parser would take for flags, so the text is every argument that is not a long option of
 * `table` (with its value); everything after `--` is text as well.
 */
export function splitFreeText(
  rawArgs: readonly string[],
  table: OptionTable,
): { text: string[]; optionArgs: string[] } {
  const text: string[] = [];
  const optionArgs: string[] = [];
  for (let i = 0; i < rawArgs.length; i += 1) {
    const arg = rawArgs[i] ?? '';
    if (arg === '--') {
      text.push(...rawArgs.slice(i + 1));
      break;
    }
    const name = /^--([a-z-]+)(?:=|$)/.exec(arg)?.[1];
    const spec = name === undefined ? undefined : table[name];
    if (spec === undefined) {
      text.push(arg);
      continue;
    }
    optionArgs.push(arg);
    if (spec.type === 'string' && !arg.includes('=')) {
      i += 1;
      if (i < rawArgs.length) optionArgs.push(rawArgs[i] ?? '');
    }
  }
  return { text, optionArgs };
}

export function str(values: ParsedValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

export function list(values: ParsedValues, name: string): string[] {
  const v = values[name];
  const raw = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return raw
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}

/** Repeatable options whose values may contain commas (inventory host lists, jump chains). */
export function listRaw(values: ParsedValues, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
}

export function flag(values: ParsedValues, name: string): boolean {
  return values[name] === true;
}

export function seconds(values: ParsedValues, name: string, fallback: number): number {
  const text = str(values, name);
  if (text === undefined) return fallback;
  if (!/^[0-9]+(\.[0-9]+)?$/.test(text) || Number(text) <= 0 || Number(text) > 86400) {
    throw new K8sdiagError('E_USAGE', `--${name}: "${text}" is not a number of seconds (0 < S <= 86400)`);
  }
  return Number(text);
}

export function positiveInt(values: ParsedValues, name: string): number | undefined {
  const text = str(values, name);
  if (text === undefined) return undefined;
  if (!/^[0-9]+$/.test(text) || Number(text) < 1 || Number(text) > 100000)
    throw new K8sdiagError('E_USAGE', `--${name}: "${text}" is not a positive integer`);
  return Number(text);
}
