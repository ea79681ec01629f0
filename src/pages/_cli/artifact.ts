/**
 * The bundled CLI (build/cli/k8sdiag.mjs, made by `npm run build:cli`) as a site artifact.
 * Read at build time only; `npm run build` builds the CLI before the site, so the download,
 * its checksum and the usage text on the CLI page all come from the same file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const ARTIFACT_NAME = 'k8sdiag.mjs';
export const CHECKSUM_NAME = `${ARTIFACT_NAME}.sha256`;

/** Relative to the project root: Astro bundles this module, so import.meta.url is not its source path. */
const cliPath = resolve(process.cwd(), 'build/cli/k8sdiag.mjs');

export interface CliArtifact {
  bytes: Buffer;
  sha256: string;
  /** The checksum file's text, in `sha256sum -c` format. */
  checksumLine: string;
  size: number;
  /** `k8sdiag --help` as the bundled CLI prints it. */
  help: string;
  version: string;
}

let cached: CliArtifact | undefined | null = null;

/** The artifact, or undefined when the CLI has not been built (a site-only `astro build`). */
export function cliArtifact(): CliArtifact | undefined {
  if (cached !== null) return cached;
  if (!existsSync(cliPath)) {
    console.warn(`[k8sdiag] ${cliPath} is missing: run "npm run build:cli" first; the CLI page has no download.`);
    cached = undefined;
    return cached;
  }
  const bytes = readFileSync(cliPath);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const run = (args: string[]): string =>
    execFileSync(process.execPath, [cliPath, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  cached = {
    bytes,
    sha256,
    checksumLine: `${sha256}  ${ARTIFACT_NAME}\n`,
    size: bytes.length,
    help: run(['--help']),
    version: run(['--version']).trim(),
  };
  return cached;
}
