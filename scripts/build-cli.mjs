// Bundles the CLI into one ESM file that runs on Node >= 18: build/cli/k8sdiag.mjs.
// It stays one file (the site's /cli/ download, copies onto nodes); the npm bin is bin/k8sdiag.mjs, a
// launcher that turns on Node's compile cache and then imports this file.
// The runbook frontmatter and bodies are inlined, read from the MDX files by the same code the
// tests use, so the bundle carries the knowledge without files beside it.
// ssh2's optional native parts (cpu-features, sshcrypto.node) stay external: ssh2 loads them in
// try/catch and falls back to pure JS, which is what a copied single file gets.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// K8SDIAG_CLI_OUT bundles elsewhere: tests build into a private directory, so they never rewrite
// build/cli/k8sdiag.mjs while another test runs it.
const outFile = process.env.K8SDIAG_CLI_OUT
  ? resolve(process.env.K8SDIAG_CLI_OUT)
  : join(root, 'build/cli/k8sdiag.mjs');
const outDir = dirname(outFile);
mkdirSync(outDir, { recursive: true });

// Bundles a few exports of the project's TypeScript into a temp module inside the repository (so
// node_modules resolves; one file per build process), imports it and removes it again.
// yaml is CommonJS and requires 'process'; bundled into ESM that throws "Dynamic require": these
// build-time helpers import their packages from node_modules instead (packages: 'external').
async function importTs(name, exports) {
  const tmp = join(root, 'build/cli', `.${name}-${process.pid}.mjs`);
  mkdirSync(dirname(tmp), { recursive: true });
  await build({
    stdin: { contents: exports, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: tmp,
    logLevel: 'error',
  });
  try {
    return await import(`${pathToFileURL(tmp).href}?t=${Date.now()}`);
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function loadRunbookEntries() {
  const mod = await importTs(
    'read-runbooks',
    "export { readRunbooksFromDisk } from './src/diagnostics/runbooks/read-runbooks.ts';",
  );
  return mod.readRunbooksFromDisk(root);
}

const entries = await loadRunbookEntries();

// The MDX bodies (a fifth of the bundle) only serve `k8sdiag runbook`, yet every call reads and
// compiles the whole file: they travel brotli-compressed and each entry's `body` is a getter that
// decompresses them all on first use. Same strings, same key order (body stays the last key).
const bodies = brotliCompressSync(Buffer.from(JSON.stringify(entries.map((entry) => entry.body)), 'utf8'));
const inlineRunbooks = {
  name: 'inline-runbooks',
  setup(b) {
    b.onLoad({ filter: /runbooks[\\/]runbook-data\.ts$/ }, () => ({
      contents: `let bodies;
        const bodyOf = (i) => {
          bodies ??= JSON.parse(require('node:zlib').brotliDecompressSync(Buffer.from(${JSON.stringify(bodies.toString('base64'))}, 'base64')).toString('utf8'));
          return bodies[i];
        };
        export const runbookEntries = ${JSON.stringify(entries.map(({ body: _body, ...rest }) => rest))};
        runbookEntries.forEach((entry, i) => Object.defineProperty(entry, 'body', { get: () => bodyOf(i), enumerable: true, configurable: true }));`,
      loader: 'js',
    }));
  },
};

// explain: the matcher's index of the same entries, computed here so a CLI call only parses it
// (src/diagnostics/explain/matcher-index-data.ts is replaced by it, as runbook-data.ts above).
async function explainMatcherIndex(runbookEntries) {
  const { indexDocs, toMatchDoc } = await importTs(
    'matcher-index',
    `export { indexDocs } from './src/retrieval/matcher-index.ts';
     export { toMatchDoc } from './src/retrieval/docs.ts';`,
  );
  return indexDocs(runbookEntries.map((entry) => toMatchDoc(entry.frontmatter)));
}
const explainIndex = JSON.stringify(await explainMatcherIndex(entries));
const inlineExplainIndex = {
  name: 'inline-explain-index',
  setup(b) {
    b.onLoad({ filter: /explain[\\/]matcher-index-data\.ts$/ }, () => ({
      // JSON.parse of a string is cheaper to start than the same object literal.
      contents: `export const matcherIndex = JSON.parse(${JSON.stringify(explainIndex)});`,
      loader: 'js',
    }));
  },
};

// The glossary forms' search words (Korean stemming, ~20 ms of every call otherwise), computed here
// by the same functions; src/retrieval/glossary-forms-data.ts is replaced by them.
async function glossaryFormWords() {
  const { GLOSSARY, entryForms, searchWords } = await importTs(
    'glossary-forms',
    `export { GLOSSARY } from './src/retrieval/glossary.ts';
     export { entryForms } from './src/retrieval/glossary-match.ts';
     export { searchWords } from './src/retrieval/words.ts';`,
  );
  const words = new Map();
  for (const entry of GLOSSARY) for (const text of entryForms(entry)) words.set(text, searchWords(text));
  return [...words];
}
const formWords = JSON.stringify(await glossaryFormWords());
const inlineGlossaryForms = {
  name: 'inline-glossary-forms',
  setup(b) {
    b.onLoad({ filter: /retrieval[\\/]glossary-forms-data\.ts$/ }, () => ({
      contents: `export const glossaryFormWords = new Map(JSON.parse(${JSON.stringify(formWords)}));`,
      loader: 'js',
    }));
  },
};

// Node built-ins that only some commands use (ssh, spawning, lint's workers): an ESM bundle hoists
// every `import ... from 'node:x'` to its top, so each call would load them all before running.
// Re-exported as CommonJS instead, they load when the first module that uses them is initialised
// (esbuild runs lazily imported modules on first use), so `explain` never loads them.
const LAZY_BUILTINS = ['child_process', 'crypto', 'dns/promises', 'net', 'os', 'stream', 'worker_threads'];
const lazyBuiltins = {
  name: 'lazy-builtins',
  setup(b) {
    const filter = new RegExp(`^(node:)?(${LAZY_BUILTINS.join('|').replace('/', '\\/')})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-builtin'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-builtin' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path.startsWith('node:') ? args.path : `node:${args.path}`)});`,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [join(root, 'src/diagnostics/cli.ts')],
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'esm',
  outfile: outFile,
  external: ['cpu-features', '*.node'],
  banner: {
    // CommonJS dependencies expect require, and ssh2's poly1305 (emscripten) reads __dirname.
    js: "import { createRequire as __k8sdiagCreateRequire } from 'node:module'; import { dirname as __k8sdiagDirname } from 'node:path'; import { fileURLToPath as __k8sdiagToPath } from 'node:url'; const require = __k8sdiagCreateRequire(import.meta.url); const __filename = __k8sdiagToPath(import.meta.url); const __dirname = __k8sdiagDirname(__filename);",
  },
  plugins: [inlineRunbooks, inlineExplainIndex, inlineGlossaryForms, lazyBuiltins],
  // Build-time settings: the version from package.json, and K8SDIAG_SITE_URL (the site's address,
  // default in src/site-url.ts) for the runbook links; both frozen into the bundle.
  define: {
    __K8SDIAG_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version),
    __K8SDIAG_SITE_URL__: JSON.stringify(process.env.K8SDIAG_SITE_URL ?? ''),
  },
  legalComments: 'none',
  minify: true,
  keepNames: true,
  charset: 'ascii',
  logLevel: 'warning',
});

console.log(`built ${relative(root, outFile)} (${entries.length} runbook pages inlined)`);
