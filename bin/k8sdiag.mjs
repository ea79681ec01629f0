#!/usr/bin/env node
// The npm bin: turns on Node's compile cache, then runs the one-file bundle (build/cli/k8sdiag.mjs,
// `npm run build:cli`). The cache only covers modules loaded after it is enabled, so the bundle is
// imported here, dynamically, instead of being the entry itself. The bundle stays one file for the
// site's download and runs alone (`node k8sdiag.mjs`); this file only makes repeated calls faster.
// Cache: $XDG_CACHE_HOME/k8sdiag, else ~/.cache/k8sdiag, else <os tmpdir>/k8sdiag-<uid> (owned by this
// user, mode 0700, or not used); never inside this package. K8SDIAG_NO_COMPILE_CACHE=1 or Node's
// NODE_DISABLE_COMPILE_CACHE=1 turn it off. A cache that cannot be created or written changes nothing:
// Node reports that in the returned status, which is ignored, and the bundle runs uncached.
import { existsSync, lstatSync, mkdirSync } from 'node:fs';
import module from 'node:module';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../build/cli/k8sdiag.mjs', import.meta.url);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const env = process.env;

const inside = (dir, parent) => {
  const rel = relative(parent, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** A per-user directory in the shared temp dir: only one this user owns and nobody else may write. */
async function tmpCacheDir() {
  const { tmpdir } = await import('node:os');
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = join(tmpdir(), `k8sdiag-${uid ?? 'user'}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (stat.mode & 0o022) !== 0) return undefined;
  return dir;
}

async function cacheDir() {
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'k8sdiag');
  if (env.HOME && isAbsolute(env.HOME)) return join(env.HOME, '.cache', 'k8sdiag');
  return tmpCacheDir();
}

async function enableCompileCache() {
  if (typeof module.enableCompileCache !== 'function') return; // Node < 22.8
  if (env.K8SDIAG_NO_COMPILE_CACHE || env.NODE_DISABLE_COMPILE_CACHE) return;
  try {
    const dir = await cacheDir();
    if (dir === undefined || inside(dir, packageDir)) return;
    module.enableCompileCache(dir);
  } catch {
    // no cache, same output
  }
}

await enableCompileCache();
try {
  await import(bundle.href);
} catch (error) {
  if (!existsSync(bundle)) {
    process.stderr.write(`k8sdiag: ${fileURLToPath(bundle)} is missing; run "npm run build:cli" first\n`);
    process.exitCode = 70;
  } else {
    throw error;
  }
}
