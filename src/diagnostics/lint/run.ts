/**
 * The lint pipeline from paths to findings: discover files, read each once, parse each once,
 * compute facts, run the rules. File reads happen here; everything downstream is pure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { classifyPath } from './classify';
import { type DiscoveredFile, discover } from './discovery';
import { type EngineOptions, lintFiles } from './engine';
import { isLintError, isSkipped, parseFile, type SkippedFile } from './parse';
import { normalizePath } from './projects';
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
  // Ruby files a Vagrantfile loads are read as Vagrantfiles too (a few levels deep).
  const seen = new Set(discovered.map((d) => d.abs));
  const queue = [...discovered];
  for (let index = 0; index < queue.length; index++) {
    const entry = queue[index] as DiscoveredFile;
    let text: string;
    try {
      text = readFileSync(entry.abs, 'utf8');
    } catch (cause) {
      errors.push({ path: entry.path, line: 1, column: 1, message: `cannot read: ${(cause as Error).message}` });
      continue;
    }
    if (text.includes('\u0000')) continue; // binary file with a lint-like name
    if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`; // BOM: keep offsets, drop the mark
    const parsed = parseFile(entry.path, text, entry.kind, siblingReader(entry.abs));
    if (parsed === undefined) continue;
    if (isSkipped(parsed)) skipped.push(parsed);
    else if (isLintError(parsed)) errors.push(parsed);
    else {
      files.push(parsed);
      if (parsed.kind !== 'vagrantfile' || queue.length > discovered.length + 50) continue;
      for (const next of loadedBy(entry, parsed)) {
        if (seen.has(next.abs)) continue;
        seen.add(next.abs);
        queue.push(next);
      }
    }
  }
  return { files, errors, skipped };
}

/** Reads files next to `abs` by relative path (settings a Vagrantfile loads); never leaves that folder's tree upward. */
function siblingReader(abs: string): (relativePath: string) => string | undefined {
  return (relativePath) => {
    if (relativePath.startsWith('/') || relativePath.split('/').includes('..')) return undefined;
    try {
      const text = readFileSync(resolve(dirname(abs), relativePath), 'utf8');
      return text.length > 1_000_000 ? undefined : text;
    } catch {
      return undefined;
    }
  };
}

/** Files a parsed Vagrantfile loads that discovery does not pick up itself (Ruby helpers). */
function loadedBy(entry: DiscoveredFile, file: LintFile): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  for (const load of file.vagrant?.loads ?? []) {
    if (load.startsWith('/') || classifyPath(load) !== undefined) continue;
    const abs = resolve(dirname(entry.abs), load);
    const path = normalizePath(`${dirname(entry.path)}/${load}`);
    if (!existsSync(abs)) continue;
    out.push({ abs, path, kind: 'vagrantfile' });
  }
  return out;
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
