/**
 * Can the lab run here? Root, the tools it drives, and (for end-to-end tests) the bundled CLI.
 * Outside CI a lab test that cannot run is skipped with a one-line reason; under CI=true it fails.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './assets.ts';
import { attempt, isRoot } from './sh.ts';

export const CLI = join(REPO_ROOT, 'build/cli/k8sdiag.mjs');

const TOOLS = [
  'ip',
  'unshare',
  'nsenter',
  'iptables-restore',
  'iptables-legacy-restore',
  'ssh-keygen',
  'openssl',
  'gpg',
  'mknod',
];

/** Undefined when the lab can run; otherwise why not, in one line. */
export function labUnavailable(options: { needCli?: boolean } = {}): string | undefined {
  if (process.platform !== 'linux') return `the lab needs Linux (this is ${process.platform})`;
  if (!isRoot()) return 'the lab needs root (network namespaces, mounts, sshd); run as root or in CI';
  if (!existsSync('/usr/sbin/sshd')) return 'openssh-server is not installed (bash scripts/setup-system.sh)';
  const missing = TOOLS.filter((tool) => attempt('sh', ['-c', `command -v ${tool}`]).code !== 0);
  if (missing.length > 0) return `missing tools: ${missing.join(', ')} (bash scripts/setup-system.sh)`;
  if (options.needCli && !existsSync(CLI)) return `${CLI} is not built (npm run build:cli)`;
  return undefined;
}

export const IN_CI = process.env['CI'] === 'true' || process.env['CI'] === '1';
