/**
 * Finds the files lint reads under the given paths: Vagrantfiles, playbooks, roles, inventories,
 * group_vars/host_vars, netplan YAML, templates and shell scripts. Honours .gitignore files (at every
 * level, like git) and the config's exclude globs, and never enters vendored folders.
 * This module does file-system I/O; everything after it is pure.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { K8sdiagError } from '../errors';
import { classifyPath, type PathKind } from './classify';
import { foreignDir, foreignFile } from './foreign';

/** Folders that hold other people's code or tool state. */
export const VENDORED_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  '.vagrant',
  'ansible_collections',
  'collections',
  'venv',
  '.venv',
  '.tox',
  '__pycache__',
  '.cache',
  '.terraform',
]);

export interface DiscoveredFile {
  /** Absolute path. */
  abs: string;
  /** Path relative to cwd, forward slashes (what reports show). */
  path: string;
  kind: PathKind;
}

export interface DiscoverOptions {
  cwd: string;
  /** gitignore-style globs, relative to `excludeBase`. */
  exclude: readonly string[];
  excludeBase: string;
  /** Told about every file or folder skipped as not ours (CI, Helm charts, docs ...), with the reason. */
  onSkip?: (path: string, reason: string) => void;
}

const toPosix = (p: string): string => (sep === '/' ? p : p.split(sep).join('/'));

interface Scope {
  base: string;
  rules: Ignore;
}

function readGitignore(dir: string, names: readonly import('node:fs').Dirent[]): Ignore | undefined {
  if (!names.some((entry) => entry.name === '.gitignore')) return undefined;
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return ignore().add(text);
}

function ignoredBy(scopes: readonly Scope[], abs: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = toPosix(relative(scope.base, abs));
    if (rel === '' || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

export function discover(paths: readonly string[], options: DiscoverOptions): DiscoveredFile[] {
  const out: DiscoveredFile[] = [];
  const seen = new Set<string>();
  const excludeScope: Scope | undefined =
    options.exclude.length > 0 ? { base: options.excludeBase, rules: ignore().add([...options.exclude]) } : undefined;

  const add = (abs: string, kind: PathKind): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ abs, path: toPosix(relative(options.cwd, abs)) || '.', kind });
  };

  const skip = (abs: string, reason: string, isDir: boolean): void => {
    options.onSkip?.(`${toPosix(relative(options.cwd, abs)) || '.'}${isDir ? '/' : ''}`, reason);
  };

  const walk = (dir: string, scopes: Scope[], named: boolean): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (!named) {
      const segments = dir.split(sep);
      const reason = foreignDir(
        segments[segments.length - 1] ?? '',
        entries.map((e) => e.name),
      );
      if (reason !== undefined) {
        if (!ignoredBy(scopes, dir, true)) skip(dir, reason, true);
        return;
      }
    }
    const own = readGitignore(dir, entries);
    const here = own === undefined ? scopes : [...scopes, { base: dir, rules: own }];
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (VENDORED_DIRS.has(entry.name)) continue;
        if (ignoredBy(here, abs, true)) continue;
        walk(abs, here, false);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      if (entry.isSymbolicLink()) {
        try {
          if (!statSync(abs).isFile()) continue;
        } catch {
          continue;
        }
      }
      const rel = toPosix(relative(options.cwd, abs));
      const kind = classifyPath(rel.startsWith('..') ? toPosix(abs) : rel);
      if (kind === undefined) continue;
      if (ignoredBy(here, abs, false)) continue;
      const foreign = foreignFile(entry.name);
      if (foreign !== undefined) {
        skip(abs, foreign, false);
        continue;
      }
      add(abs, kind);
    }
  };

  for (const given of paths) {
    const abs = resolve(options.cwd, given);
    let stats: import('node:fs').Stats;
    try {
      stats = statSync(abs);
    } catch {
      throw new K8sdiagError('E_INPUT', `no such file or directory: ${given}`);
    }
    if (stats.isDirectory()) {
      walk(abs, excludeScope === undefined ? [] : [excludeScope], true);
      continue;
    }
    const kind = classifyPath(toPosix(relative(options.cwd, abs)).replace(/^(\.\.\/)+/, ''));
    // A file named on the command line is read even when .gitignore or exclude would skip it,
    // as long as it is a kind of file lint understands.
    add(abs, kind ?? 'maybe-shell');
  }
  return out;
}
