/**
 * The lab's fixed plan: names, directories and the only two address ranges it may use.
 *
 * Network safety (see ../../../shared/DESIGN.md): every interface, address, route and iptables rule
 * the lab creates lives inside a network namespace the lab created. The host namespace is never
 * touched. Addresses come only from 198.51.100.0/24 (TEST-NET-2, the private "host-only" network)
 * and 203.0.113.0/24 (TEST-NET-3, the NAT-like network that every node shares, as Vagrant's 10.0.2.15).
 */
import { join } from 'node:path';

/** Every namespace, directory and process title the lab creates starts with this. */
export const PREFIX = 'k8sdiag-lab';

/** Node state lives here, one directory per lab id. Removed by teardown. */
export const LAB_ROOT = `/tmp/${PREFIX}`;

/** The hub's address on the private bridge: the client (k8sdiag, pssh, ansible) connects from here. */
export const HUB_IP = '198.51.100.1';
export const PRIVATE_PREFIX = '198.51.100';
export const PRIVATE_CIDR = 24;
/** Every node's NAT-side address, like Vagrant's 10.0.2.15: the same on every node, on its own link. */
export const NAT_IP = '203.0.113.15';
/** The NAT gateway a node's default route points at, like Vagrant's 10.0.2.2 (nothing answers there). */
export const NAT_GATEWAY = '203.0.113.2';
/** Service CIDR used in the kube-proxy-style iptables rules (kept inside TEST-NET-3 on purpose). */
export const SERVICE_IP = '203.0.113.129';
/** First private host number: nodes are .10, .11, ... (so at most 244 nodes). */
export const FIRST_HOST = 10;
export const MAX_NODES = 244;

/** Bridge name inside the hub namespace (IFNAMSIZ is 16, so this fits with the prefix). */
export const BRIDGE = 'k8sdiag-lab-br';

export const ALLOWED_NETS = ['198.51.100.0/24', '203.0.113.0/24'] as const;

export function labDir(id: string): string {
  return join(LAB_ROOT, id);
}

export function hubNs(id: string): string {
  return `${PREFIX}-${id}-hub`;
}

export function nodeNs(id: string, node: string): string {
  return `${PREFIX}-${id}-${node}`;
}

export function privateIp(index: number): string {
  const host = FIRST_HOST + index;
  if (index < 0 || index >= MAX_NODES) throw new Error(`node index ${index} is outside 0..${MAX_NODES - 1}`);
  return `${PRIVATE_PREFIX}.${host}`;
}

/** Lab ids become part of namespace names and paths: keep them short and tame. */
export function checkLabId(id: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,23}$/.test(id)) throw new Error(`lab id "${id}" must match [a-z0-9][a-z0-9-]{0,23}`);
  return id;
}

/**
 * The id a test or script gives its lab, plus K8SDIAG_LAB_SUFFIX when set, so that two checkouts (or a
 * test run beside a benchmark) can each have a lab at the same time without sharing namespace names.
 */
export function labId(base: string): string {
  const suffix = process.env.K8SDIAG_LAB_SUFFIX;
  return checkLabId(suffix ? `${base}-${suffix}` : base);
}

/** Refuses any address outside the two lab ranges: a last line of defence for the network rule. */
export function assertLabAddress(address: string): string {
  const bare = address.replace(/\/\d+$/, '');
  if (!bare.startsWith('198.51.100.') && !bare.startsWith('203.0.113.')) {
    throw new Error(`refusing address ${address}: the lab uses only ${ALLOWED_NETS.join(' and ')}`);
  }
  return address;
}
