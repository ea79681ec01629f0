/**
 * Evidence weight of one token, fixed and independent of how many runbooks exist (an IDF over
 * the runbooks would shift every score when a runbook is added). Pure and browser-safe.
 *
 * - Words every tool prints (error, failed, kubeadm, connection ...) weigh little: they say which
 *   tool talks, not what went wrong.
 * - Anchors weigh most and must be present for a signature to decide: ports (8080 vs 6443),
 *   versions (v1_3 vs v1_30), hex result codes (0x80004005), three-digit status codes (404), and
 *   the VirtualBox NAT address (vboxnat: 10.0.2.15 is the whole point of a signature that names it),
 *   network ranges (cidr_192_168_0_0_16 vs cidr_10_244_0_0_16).
 */

const GENERIC: ReadonlySet<string> = new Set([
  'error',
  'err',
  'errors',
  'fail',
  'failed',
  'failur',
  'fatal',
  'warning',
  'warn',
  'info',
  'not',
  'no',
  'found',
  'unabl',
  'cannot',
  'could',
  'couldnt',
  'connection',
  'connect',
  'server',
  'host',
  'ipaddr',
  'localhost',
  'vboxnat',
  'running',
  'run',
  'check',
  'checks',
  'default',
  'get',
  'http',
  'https',
  'tcp',
  'dial',
  'msg',
  'code',
  'command',
  'kubeadm',
  'kubectl',
  'kubelet',
  'kubernet',
  'vagrant',
  'ansible',
  'apt',
  'ubuntu',
  'file',
  'while',
  'after',
  'task',
  'changed',
  'fals',
  'true',
  'stderr',
  'stdout',
  'rc',
  'line',
  'request',
  'call',
  'last',
  'time',
  'use',
  'using',
  'set',
  'new',
]);

const ANCHOR = /^(?:\d{2,5}|v\d+_\d+|0x[0-9a-f]+)$/;

export function termWeight(token: string): number {
  if (GENERIC.has(token)) return 0.3;
  if (ANCHOR.test(token)) return 1.5;
  if (token.includes('_')) return 1.5;
  return 1;
}

/** Tokens a deciding signature cannot do without: a paste with another port or version is other evidence. */
export function isAnchor(token: string): boolean {
  return ANCHOR.test(token) || token === 'vboxnat' || token.startsWith('cidr_');
}

export function pairWeight(pair: string): number {
  const space = pair.indexOf(' ');
  return (termWeight(pair.slice(0, space)) + termWeight(pair.slice(space + 1))) / 2;
}
