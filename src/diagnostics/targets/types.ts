/**
 * A target is a node to diagnose, as the user named it. The transport later resolves it
 * (ssh config, defaults, CLI options) into connection parameters.
 */
import type { Role } from '../types';

export type TargetKind = 'inventory' | 'vagrant' | 'ssh-config' | 'host' | 'local';

/** Where a value was written, for file:line errors. */
export interface Origin {
  file?: string;
  line?: number;
}

export interface IdentityRef extends Origin {
  path: string;
  /** Where the key was named: a missing or unusable key here is an input error (exit 2). */
  from: 'cli' | 'inventory' | 'vagrant' | 'ssh-config';
}

export interface Target {
  /** Display name and --limit key: inventory hostname, Vagrant machine, ssh alias, or --host text. */
  name: string;
  /** Host to connect to before ssh config (an alias or an address). */
  host: string;
  port?: number;
  user?: string;
  identityFiles: IdentityRef[];
  /** ProxyJump spec from the inventory (ansible_ssh_common_args -J / ProxyJump). */
  jump?: string;
  /** Inventory groups (transitive), for --limit and roles. */
  groups: string[];
  /** Roles from group names; undefined means "detect on the node". */
  roles?: Role[];
  /** Run the script on this machine (`--local`, or ansible_connection=local). */
  local?: boolean;
  /** Address the inventory intends the node to use (not a loopback/NAT forward). */
  intendedAddress?: string;
  /** Expected Kubernetes version from inventory vars. */
  k8sVersion?: { value: string; origin: Origin; yamlNumber: boolean };
  /** Control-plane endpoint from inventory vars. */
  controlPlaneEndpoint?: string;
  /** ssh options that came with the target itself (a Vagrant ssh-config block), lower-cased. */
  sshOptions?: Record<string, string | string[]>;
  kind: TargetKind;
  origin: Origin;
}
