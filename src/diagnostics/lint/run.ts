/**
 * The lint pipeline from paths to findings: discover files, read each once, parse each once,
 * compute facts, run the rules. File reads happen here; everything downstream is pure.
 */
import { readFileSync } from 'node:fs';
import { type DiscoveredFile, discover } from './discovery';
import { type EngineOptions, lintFiles } from './engine';
import { isLintError, isSkipped, parseFile, type SkippedFile } from './parse';
import type { LintError, LintFile, LintFinding } from './types';

export interface LintRunOptions extends EngineOptions {
  cwd: string;
  exclude?: readonly string[];
  excludeBase?: string;
}

export interface LintResult {
  findings: LintFinding[];
  /** Files that could not be read or parsed (bad input: exit code 2). */
  errors: LintError[];
  /** Files linted, by kind. */
  files: Array<{ path: string; kind: string }>;
  /** Files and folders skipped as not ours, with the reason (printed with -v). */
  skipped: SkippedFile[];
  /** Threads that parsed and linted (1 = this one). */
  threads: number;
}

export function parseDiscovered(discovered: readonly DiscoveredFile[]): {
  files: LintFile[];
  errors: LintError[];
  skipped: SkippedFile[];
} {
  const files: LintFile[] = [];
  const errors: LintError[] = [];
  const skipped: SkippedFile[] = [];
  for (const entry of discovered) {
    let text: string;
    try {
      text = readFileSync(entry.abs, 'utf8');
    } catch (cause) {
      errors.push({ path: entry.path, line: 1, column: 1, message: `cannot read: ${(cause as Error).message}` });
      continue;
    }
    if (text.includes('\u0000')) continue; // binary file with a lint-like name
    if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`; // BOM: keep offsets, drop the mark
    const parsed = parseFile(entry.path, text, entry.kind);
    if (parsed === undefined) continue;
    if (isSkipped(parsed)) skipped.push(parsed);
    else if (isLintError(parsed)) errors.push(parsed);
    else files.push(parsed);
  }
  return { files, errors, skipped };
}

export function lintPaths(paths: readonly string[], options: LintRunOptions): LintResult {
  const skippedDirs: SkippedFile[] = [];
  const discovered = discover(paths, {
    cwd: options.cwd,
    exclude: options.exclude ?? [],
    excludeBase: options.excludeBase ?? options.cwd,
    onSkip: (path, reason) => skippedDirs.push({ path, skipped: reason }),
  });
  const result = lintDiscovered(discovered, options);
  result.skipped.unshift(...skippedDirs);
  return result;
}

export function lintDiscovered(discovered: readonly DiscoveredFile[], options: EngineOptions): LintResult {
  const { files, errors, skipped } = parseDiscovered(discovered);
  const findings = lintFiles(files, options);
  return { findings, errors, files: files.map((f) => ({ path: f.path, kind: f.kind })), skipped, threads: 1 };
}
