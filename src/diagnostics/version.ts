/**
 * k8sdiag's version, from package.json: frozen into the bundle at build time
 * (scripts/build-cli.mjs defines __K8SDIAG_VERSION__), read from the file when run from source.
 */
import { readFileSync } from 'node:fs';

declare const __K8SDIAG_VERSION__: string | undefined;

function fromPackageJson(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

export const VERSION: string = typeof __K8SDIAG_VERSION__ === 'string' ? __K8SDIAG_VERSION__ : fromPackageJson();
