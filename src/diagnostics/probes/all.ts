/**
 * Probes that several checks read, each in its own file with its parser (the output format is one
 * contract), listed here. Defined once so that a node runs each of them once:
 * a probe name is unique across all checks (a registry test holds that one name always means
 * one command), so the runner may collect the union of all probes by name and hand every
 * analyzer the sections it asked for.
 *
 * Rules for every probe command (shared or not):
 * - static text, never built from node input or from the context;
 * - read-only: it prints files and the state of the kernel, it never changes anything;
 * - POSIX sh that runs under dash and busybox ash, tolerant of missing tools
 *   (`command -v x >/dev/null 2>&1 || ...`), and it prints its own status lines, so it ends with
 *   exit status 0 when it ran as designed. It never calls `exit` (the runner may join probes);
 * - output lines are tagged (`### marker ...`, `| quoted file line`, or `tag value`), so an
 *   analyzer can tell the probe's own words from quoted file content and reject anything else.
 */
import type { Probe } from '../types';
import { apiserverManifestProbe } from './apiserver-manifest';
import { aptSourcesProbe } from './apt';
import { cniConfProbe } from './cni-conf';
import { containerdConfigProbe } from './containerd';
import { containerdPluginsProbe } from './containerd-plugins';
import { hostArchProbe } from './host-arch';
import { ipAddrProbe } from './ip-addr';
import { ipRouteDefaultProbe } from './ip-route';
import { iptablesRulesProbe } from './iptables';
import { userKubeconfigProbe } from './kubeconfig';
import { kubeletCgroupProbe } from './kubelet-cgroup';
import { kubeletFlagsProbe } from './kubelet-flags';
import { nftRulesetProbe } from './nft';
import { podCidrProbe } from './pod-cidr';
import { vagrantfileProbe } from './vagrant';
import { vboxNetworksProbe } from './vbox-networks';
import { k8sVersionsProbe } from './versions';
import { vxlanLinksProbe } from './vxlan-links';

/** Every probe defined in this directory, for the registry test and the catalog (one name, one command). */
export const allProbes: readonly Probe[] = [
  aptSourcesProbe,
  apiserverManifestProbe,
  ipAddrProbe,
  ipRouteDefaultProbe,
  iptablesRulesProbe,
  k8sVersionsProbe,
  kubeletFlagsProbe,
  nftRulesetProbe,
  userKubeconfigProbe,
  containerdConfigProbe,
  containerdPluginsProbe,
  kubeletCgroupProbe,
  cniConfProbe,
  vxlanLinksProbe,
  podCidrProbe,
  hostArchProbe,
  vagrantfileProbe,
  vboxNetworksProbe,
];
