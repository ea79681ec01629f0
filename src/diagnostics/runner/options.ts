/**
 * Command-line options of `run`, `analyze` and `probe-script` (tables in the one format of
 * ../options/table.ts) and the validators of their own values; a bad value is exit 2.
 */
import { K8sdiagError } from '../errors';
import { formatOption, SHARED_OPTIONS } from '../options/common';
import { type OptionTable, type ParsedValues, str } from '../options/table';
import { FORMATS } from '../report/reporters/index';
import type { InventoryParser } from '../targets/inventory/index';
import { HOST_KEY_POLICIES, type HostKeyPolicy } from '../transport/host-key-store';

export { parseOptions } from '../options/table';

const common = {
  format: formatOption(FORMATS),
  ...SHARED_OPTIONS,
  ignore: {
    type: 'string',
    multiple: true,
    description: 'Skip this check (repeatable, or comma-separated)',
    valueHint: 'CHECK',
  },
  strict: { type: 'boolean', description: 'Exit 1 on warnings and analyzer errors too, not only on failures' },
  'k8s-version': {
    type: 'string',
    description: 'Expected Kubernetes version, e.g. 1.33.2 (else the inventory variable)',
    valueHint: 'X.Y.Z',
  },
  raw: { type: 'boolean', description: 'Include raw probe output in the JSON report (sections)' },
  verbose: { type: 'boolean', short: 'v', description: 'Text report: list passing checks too' },
} as const satisfies OptionTable;

export const RUN_OPTIONS = {
  inventory: {
    type: 'string',
    multiple: true,
    short: 'i',
    description: 'Ansible inventory (INI, YAML, directory or a,b,c list); repeatable',
    valueHint: 'FILE',
  },
  'inventory-parser': {
    type: 'string',
    description: 'auto (ansible-inventory when installed) | static | ansible',
    valueHint: 'auto',
  },
  vagrant: {
    type: 'string',
    description: 'Vagrant project directory (runs `vagrant ssh-config`) or a saved ssh-config file; default .',
    valueHint: 'DIR|FILE',
  },
  'ssh-config': {
    type: 'string',
    description: 'Use this ssh config instead of ~/.ssh/config; alone, diagnose all its Host aliases',
    valueHint: 'FILE',
  },
  host: {
    type: 'string',
    multiple: true,
    description: 'A node: user@address[:port] or an ssh config alias; repeatable',
    valueHint: 'user@addr[:port]',
  },
  local: { type: 'boolean', description: 'Run the probes on this machine (on a node itself)' },
  jump: {
    type: 'string',
    description: 'Jump host(s) for every node, like ssh -J: user@host[:port][,...]',
    valueHint: 'user@host',
  },
  user: { type: 'string', short: 'u', description: 'SSH user when the target does not name one', valueHint: 'USER' },
  identity: {
    type: 'string',
    multiple: true,
    description: 'Private key file, tried first; repeatable (passphrase: prompt or $K8SDIAG_SSH_PASSPHRASE)',
    valueHint: 'FILE',
  },
  'host-key-policy': {
    type: 'string',
    description: 'strict (default) | accept-new | off; wins over the ssh config',
    valueHint: 'strict',
  },
  'known-hosts': {
    type: 'string',
    multiple: true,
    description: 'known_hosts file(s) instead of the ssh config ones; accept-new appends to the first',
    valueHint: 'FILE',
  },
  'connect-timeout': {
    type: 'string',
    description: 'Seconds to wait for the TCP connection (default 10)',
    valueHint: 'S',
  },
  'handshake-timeout': {
    type: 'string',
    description: 'Seconds for the SSH handshake and authentication (default 15)',
    valueHint: 'S',
  },
  'probe-timeout': {
    type: 'string',
    description: 'Default seconds per probe on the node, enforced by timeout(1) (default 10)',
    valueHint: 'S',
  },
  'node-timeout': {
    type: 'string',
    description: 'Seconds per node, connection included (default 120)',
    valueHint: 'S',
  },
  'run-timeout': { type: 'string', description: 'Seconds for the whole run (default 300)', valueHint: 'S' },
  concurrency: { type: 'string', description: 'Nodes in flight at once (default: all, up to 256)', valueHint: 'N' },
  limit: {
    type: 'string',
    short: 'l',
    description: 'Only these hosts or groups (Ansible style: a,b:!c, globs)',
    valueHint: 'PATTERN',
  },
  ...common,
} as const satisfies OptionTable;

export const ANALYZE_OPTIONS = {
  inventory: {
    type: 'string',
    multiple: true,
    short: 'i',
    description: 'Inventory for roles, intended addresses and versions (optional)',
    valueHint: 'FILE',
  },
  'inventory-parser': { type: 'string', description: 'auto | static | ansible', valueHint: 'auto' },
  script: {
    type: 'string',
    description: 'The probe script the outputs came from (its nonce is then required)',
    valueHint: 'FILE',
  },
  errors: {
    type: 'string',
    description: "parallel-ssh's -e directory: hosts it could not reach are reported from it",
    valueHint: 'DIR',
  },
  ...common,
} as const satisfies OptionTable;

export const PROBE_SCRIPT_OPTIONS = {
  role: {
    type: 'string',
    description: 'Checks for: all (default) | control-plane | worker | host (the Vagrant host checks)',
    valueHint: 'all',
  },
  'probe-timeout': RUN_OPTIONS['probe-timeout'],
  ignore: common.ignore,
  output: {
    type: 'string',
    short: 'o',
    description: 'Write the script to FILE (mode 0755) instead of stdout',
    valueHint: 'FILE',
  },
} as const satisfies OptionTable;

export function hostKeyPolicyOf(values: ParsedValues): HostKeyPolicy | undefined {
  const text = str(values, 'host-key-policy');
  if (text === undefined) return undefined;
  if (!(HOST_KEY_POLICIES as readonly string[]).includes(text)) {
    throw new K8sdiagError('E_USAGE', `--host-key-policy: "${text}" is not one of ${HOST_KEY_POLICIES.join(', ')}`);
  }
  return text as HostKeyPolicy;
}

export function inventoryParserOf(values: ParsedValues): InventoryParser {
  const text = str(values, 'inventory-parser') ?? 'auto';
  if (text !== 'auto' && text !== 'static' && text !== 'ansible')
    throw new K8sdiagError('E_USAGE', `--inventory-parser: "${text}" is not one of auto, static, ansible`);
  return text;
}

export function k8sVersionOf(values: ParsedValues): string | undefined {
  const text = str(values, 'k8s-version');
  if (text === undefined) return undefined;
  if (!/^v?[0-9]+\.[0-9]+(\.[0-9]+)?$/.test(text))
    throw new K8sdiagError('E_USAGE', `--k8s-version: "${text}" is not a version like 1.33 or 1.33.2`);
  return text.replace(/^v/, '');
}
