/**
 * A target is a node to diagnose, as the user named it. The transport later resolves it
 * (ssh config, defaults, CLI options) into connection parameters.
 */
import type { Check, Role } from '../types';

export type TargetKind = 'inventory' | 'vagrant' | 'ssh-config' | 'host' | 'local' | 'vagrant-host';

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
  /** Checks that run here instead of the role-based ones: the host checks on the Vagrant host. */
  checks?: readonly Check[];
  /** Working directory for a local run (the Vagrant project directory for host checks). */
  cwd?: string;
  kind: TargetKind;
  origin: Origin;
}
