/**
 * `.k8sdiag-lint.yaml`: rule ids to ignore, path globs to exclude (gitignore syntax, relative to the
 * config file's folder) and per-rule severity overrides. Validated with zod; a bad file is bad input:
 * one `file:line: message` error and exit code 2.
 */
import { dirname } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import { z } from 'zod';
import { K8sdiagError } from '../errors';
import { lineIndex } from './position';
import { RULE_IDS, type RuleId } from './rules/index';
import type { Severity } from './types';

export const CONFIG_FILE = '.k8sdiag-lint.yaml';

const ruleId = z.enum(RULE_IDS as [RuleId, ...RuleId[]], {
  error: (issue) => `unknown rule id ${JSON.stringify(issue.input)}`,
});

export const lintConfigSchema = z.strictObject({
  /** Rule ids switched off everywhere. */
  ignore: z.array(ruleId).default([]),
  /** gitignore-style globs of paths not to lint, relative to the config file. */
  exclude: z.array(z.string().min(1)).default([]),
  /** Severity per rule id: error, warning, info, or off. */
  rules: z.partialRecord(ruleId, z.enum(['error', 'warning', 'info', 'off'])).default({}),
});

export type LintConfigFile = z.infer<typeof lintConfigSchema>;

export interface LintConfig {
  ignore: ReadonlySet<string>;
  severity: ReadonlyMap<string, Severity>;
  exclude: readonly string[];
  /** Folder the exclude globs are relative to. */
  base: string;
  /** Where the config came from (undefined: defaults). */
  file: string | undefined;
}

export function defaultConfig(base: string): LintConfig {
  return { ignore: new Set(), severity: new Map(), exclude: [], base, file: undefined };
}

/** The line of the YAML node at `path` (or of the closest existing parent). */
function lineOf(text: string, doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): number | undefined {
  const lines = lineIndex(text);
  for (let depth = path.length; depth >= 0; depth--) {
    const keyPath = path.slice(0, depth).map((p) => (typeof p === 'symbol' ? String(p) : p)) as Array<string | number>;
    const node = keyPath.length === 0 ? doc.contents : doc.getIn(keyPath, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range !== undefined) return lines.at(range[0]).line;
    // A map key that exists: point at the key itself.
    const parent = keyPath.length <= 1 ? doc.contents : doc.getIn(keyPath.slice(0, -1), true);
    if (isMap(parent)) {
      const pair = parent.items.find(
        (p) => (p.key as { value?: unknown } | null)?.value === keyPath[keyPath.length - 1],
      );
      const keyRange = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (keyRange !== undefined) return lines.at(keyRange[0]).line;
    }
    if (isSeq(parent) && typeof keyPath[keyPath.length - 1] === 'number') continue;
  }
  return undefined;
}

/** Parses and validates config text. Throws K8sdiagError(E_CONFIG, exit 2) with file:line. */
export function parseLintConfig(text: string, file: string): LintConfig {
  const doc = parseDocument(text, { prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    throw new K8sdiagError('E_CONFIG', `YAML syntax: ${syntax.message.split('\n')[0] ?? ''}`, {
      file,
      line: lineIndex(text).at(syntax.pos[0]).line,
    });
  }
  const raw = doc.toJS() ?? {};
  const parsed = lintConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown key is reported on its parent; point at the key itself.
    const extra = issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [];
    const path = [...(issue?.path ?? []), ...extra];
    const where = path.length === 0 ? '' : `${path.map(String).join('.')}: `;
    const line = lineOf(text, doc, path);
    throw new K8sdiagError(
      'E_CONFIG',
      `${where}${issue?.message ?? 'invalid config'}`,
      line === undefined ? { file } : { file, line },
    );
  }
  const severity = new Map<string, Severity>();
  const ignore = new Set<string>(parsed.data.ignore);
  for (const [id, level] of Object.entries(parsed.data.rules)) {
    if (level === 'off') ignore.add(id);
    else if (level !== undefined) severity.set(id, level);
  }
  return { ignore, severity, exclude: parsed.data.exclude, base: dirname(file), file };
}
