/**
 * The lint rule registry: a sorted literal map from rule id to rule. The id is the file name, the
 * --ignore key, the suppression-comment key and the SARIF rule id. Each rule names its runbook;
 * the runbook pages list the rules from here (diagnostics/catalog.ts runbookCoverage).
 */
import type { Rule } from '../types';
import aptCacheNotRefreshed from './apt-cache-not-refreshed';
import aptKeyDeprecated from './apt-key-deprecated';
import aptRepoLegacyUrl from './apt-repo-legacy-url';
import aptSourceUnsigned from './apt-source-unsigned';
import cniInterfaceUnset from './cni-interface-unset';
import cniNotApplied from './cni-not-applied';
import containerdCriDisabledConfig from './containerd-cri-disabled-config';
import containerdSystemdCgroupOff from './containerd-systemd-cgroup-off';
import defaultIpv4ForAdvertise from './default-ipv4-for-advertise';
import hardcodedArch from './hardcoded-arch';
import iptablesFlush from './iptables-flush';
import jinjaVersionString from './jinja-version-string';
import joinWithoutTimeout from './join-without-timeout';
import kubeconfigRootOnly from './kubeconfig-root-only';
import multipleDefaultGateways from './multiple-default-gateways';
import podCidrOverlap from './pod-cidr-overlap';
import vagrantBoxArch from './vagrant-box-arch';
import vboxHostonlyRange from './vbox-hostonly-range';
import yamlVersionFloat from './yaml-version-float';

export const RULES = {
  'apt-cache-not-refreshed': aptCacheNotRefreshed,
  'apt-key-deprecated': aptKeyDeprecated,
  'apt-repo-legacy-url': aptRepoLegacyUrl,
  'apt-source-unsigned': aptSourceUnsigned,
  'cni-interface-unset': cniInterfaceUnset,
  'cni-not-applied': cniNotApplied,
  'containerd-cri-disabled-config': containerdCriDisabledConfig,
  'containerd-systemd-cgroup-off': containerdSystemdCgroupOff,
  'default-ipv4-for-advertise': defaultIpv4ForAdvertise,
  'hardcoded-arch': hardcodedArch,
  'iptables-flush': iptablesFlush,
  'jinja-version-string': jinjaVersionString,
  'join-without-timeout': joinWithoutTimeout,
  'kubeconfig-root-only': kubeconfigRootOnly,
  'multiple-default-gateways': multipleDefaultGateways,
  'pod-cidr-overlap': podCidrOverlap,
  'vagrant-box-arch': vagrantBoxArch,
  'vbox-hostonly-range': vboxHostonlyRange,
  'yaml-version-float': yamlVersionFloat,
} as const satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}

export function allRules(): Rule[] {
  return RULE_IDS.map((id) => RULES[id]);
}
