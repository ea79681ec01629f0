/**
 * The API server advertises another address than the inventory intends, typically the Vagrant
 * NAT address 10.0.2.15 that `ansible_default_ipv4.address` returns on a VirtualBox VM. Every
 * VM has that same address, so workers that are told to join 10.0.2.15:6443 reach themselves.
 */

import { apiserverManifestProbe, parseApiserverProbe } from '../probes/apiserver-manifest';
import { hostOf, isIPv4, isVagrantNat } from '../probes/blocks';
import { ipAddrProbe, parseAddrProbe } from '../probes/ip-addr';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { type Problem, unexpected, worstOf } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'advertise-address-mismatch',
  title: 'The API server advertises the intended address',
  titleKo: 'API 서버의 advertise 주소가 의도한 주소다',
  runbook: 'ansible-default-ipv4-nat',
  severity: 'error',
  roles: ['control-plane'],
};

const FIX =
  "pass the inventory address explicitly: kubeadm init --apiserver-advertise-address={{ hostvars[inventory_hostname]['ansible_host'] }} (or localAPIEndpoint.advertiseAddress in the kubeadm config), not ansible_default_ipv4.address; on an existing cluster reset and re-init, or edit --advertise-address in /etc/kubernetes/manifests/kube-apiserver.yaml and regenerate the apiserver certificate for the new address";

export default defineCheck({
  meta,
  probes: [apiserverManifestProbe, ipAddrProbe],
  analyze: ({ r, sections, context, open }) => {
    const gate = open(apiserverManifestProbe.name);
    if (!gate.ok) return [gate.finding];
    const parsed = parseApiserverProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, apiserverManifestProbe.name, parsed.what, parsed.line, parsed.no)];
    const facts = parsed.value;
    const fromConfig = facts.configValues.find((value) => value.key === 'advertiseAddress');
    const advertised = facts.advertiseAddress ?? fromConfig;
    const evidence = [facts.advertiseAddress, facts.annotatedEndpoint, facts.bindAddress, ...facts.configValues]
      .filter((item) => item !== undefined)
      .map((item) => `${item.source}: ${item.line}`);
    if (!facts.manifestPresent && advertised === undefined) {
      return [
        r.skip('no /etc/kubernetes/manifests/kube-apiserver.yaml: kubeadm init has not run on this node', { evidence }),
      ];
    }
    if (advertised === undefined) {
      return [
        r.warn(
          'kube-apiserver.yaml has no --advertise-address: the API server picks the default-route address (the NAT address on Vagrant)',
          { evidence, fix: FIX },
        ),
      ];
    }
    const address = advertised.value;
    if (!isIPv4(address) && !address.includes(':')) {
      return [unexpected(r, apiserverManifestProbe.name, 'advertise address is not an IP address', advertised.line)];
    }

    let local: string[] | undefined;
    const addrGate = sections[ipAddrProbe.name] === undefined ? undefined : open(ipAddrProbe.name);
    if (addrGate?.ok) {
      const addrs = parseAddrProbe(addrGate.value.lines);
      if (addrs.ok && addrs.value !== null) local = addrs.value.map((addr) => addr.address);
    }

    const problems: Problem[] = [];
    const intended = context.intendedAddress === undefined ? undefined : hostOf(context.intendedAddress);
    if (isVagrantNat(address)) {
      problems.push({
        status: 'fail',
        text: `the API server advertises ${address}, the Vagrant NAT address every VM has${intended ? `; the inventory intends ${intended}` : ''}`,
      });
    } else if (intended !== undefined && isIPv4(intended) && intended !== address) {
      problems.push({
        status: 'fail',
        text: `the API server advertises ${address} but the inventory intends ${intended}`,
      });
    }
    if (local !== undefined && !local.includes(address)) {
      problems.push({
        status: 'fail',
        text: `the advertised address ${address} is not on any interface of this node (${local.join(', ')})`,
      });
    }
    const annotated = facts.annotatedEndpoint ? hostOf(facts.annotatedEndpoint.value) : undefined;
    if (annotated !== undefined && annotated !== address) {
      problems.push({ status: 'warn', text: `the kubeadm annotation says ${annotated} but the flag says ${address}` });
    }
    const worst = worstOf(r, problems, { evidence, fix: FIX });
    if (worst) return [worst];
    return [
      r.pass(
        intended === undefined
          ? `the API server advertises ${address} (no intended address to compare; give ansible_host or --host)`
          : `the API server advertises ${address}, the intended address`,
        { evidence },
      ),
    ];
  },
});
