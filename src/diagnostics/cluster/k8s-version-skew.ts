/**
 * Versions across nodes outside the Kubernetes version skew policy
 * (https://kubernetes.io/releases/version-skew-policy/):
 * - HA kube-apiservers within one minor version of each other;
 * - kubelet never newer than kube-apiserver, and at most three minors older
 *   (two for kubelets older than 1.25);
 * - kubectl within one minor (older or newer) of kube-apiserver;
 * - kubeadm the same minor as the control plane or one newer (it manages that version and the one before).
 * The API server's version comes from the image tag in its static Pod manifest, else from
 * kubeadm on the control-plane nodes.
 */

import { type ClusterFinding, defineClusterCheck, type NodeLines } from '../checks/support/define-cluster';
import { apiserverManifestProbe, parseApiserverProbe } from '../probes/apiserver-manifest';
import {
  formatVersion,
  k8sVersionsProbe,
  minorDiff,
  parseVersion,
  parseVersionsProbe,
  type Version,
} from '../probes/versions';
import type { ClusterCheck, NodeFacts } from '../types';

const meta: ClusterCheck['meta'] = {
  id: 'k8s-version-skew',
  title: 'Kubernetes versions across nodes are within the skew policy',
  titleKo: '노드 간 쿠버네티스 버전 차이가 버전 차이 정책 안에 있다',
  runbook: 'yaml-version-float',
  severity: 'error',
};

interface NodeVersions {
  host: string;
  controlPlane: boolean;
  apiserver: Version | undefined;
  kubeadm: Version | undefined;
  kubelet: Version | undefined;
  kubectl: Version | undefined;
}

function collect(node: NodeFacts, lines: NodeLines): NodeVersions {
  const result: NodeVersions = {
    host: node.host,
    controlPlane: node.roles.includes('control-plane'),
    apiserver: undefined,
    kubeadm: undefined,
    kubelet: undefined,
    kubectl: undefined,
  };
  const versions = lines(node, k8sVersionsProbe.name);
  if (versions) {
    const parsed = parseVersionsProbe(versions);
    if (parsed.ok) {
      for (const binary of parsed.value.binaries) if (binary.version) result[binary.component] = binary.version;
    }
  }
  const manifest = lines(node, apiserverManifestProbe.name);
  if (manifest) {
    const parsed = parseApiserverProbe(manifest);
    const tag = parsed.ok ? parsed.value.image?.value.split(':').pop() : undefined;
    if (tag !== undefined) result.apiserver = parseVersion(tag);
    if (parsed.ok && parsed.value.image) result.controlPlane = true;
  }
  return result;
}

const fmt = (v: Version | undefined) => (v === undefined ? '?' : formatVersion(v));

export default defineClusterCheck({
  meta,
  probes: [k8sVersionsProbe, apiserverManifestProbe],
  analyze({ r, nodes, lines, at }) {
    const all = nodes.filter((node) => node.reachable).map((node) => collect(node, lines));
    const allHosts = all.map((node) => node.host);
    const evidence = all.map(
      (node) =>
        `${node.host}${node.controlPlane ? ' (control plane)' : ''}: apiserver ${fmt(node.apiserver)}, kubelet ${fmt(node.kubelet)}, kubeadm ${fmt(node.kubeadm)}, kubectl ${fmt(node.kubectl)}`,
    );
    let servers = all
      .filter((node) => node.apiserver !== undefined)
      .map((node) => ({ host: node.host, version: node.apiserver as Version }));
    let source = 'the kube-apiserver image tag';
    if (servers.length === 0) {
      servers = all
        .filter((node) => node.controlPlane && node.kubeadm !== undefined)
        .map((node) => ({ host: node.host, version: node.kubeadm as Version }));
      source = 'kubeadm on the control-plane nodes (the API server manifest was not readable)';
    }
    if (servers.length === 0) {
      return [
        at(
          r.skip(
            'no API server version known (no readable kube-apiserver manifest, no kubeadm on a control-plane node)',
            { evidence },
          ),
          allHosts,
        ),
      ];
    }
    const findings: ClusterFinding[] = [];
    const sorted = [...servers].sort((a, b) => minorDiff(a.version, b.version));
    const oldest = sorted[0];
    const newest = sorted[sorted.length - 1];
    if (oldest === undefined || newest === undefined)
      return [at(r.skip('no API server version known', { evidence }), allHosts)];
    if (minorDiff(newest.version, oldest.version) > 1) {
      findings.push(
        at(
          r.fail(
            `API servers are ${fmt(oldest.version)} and ${fmt(newest.version)}: HA API servers must be within one minor version`,
            { evidence },
          ),
          [oldest.host, newest.host],
        ),
      );
    }
    const tooNew = all.filter((node) => node.kubelet !== undefined && minorDiff(node.kubelet, oldest.version) > 0);
    if (tooNew.length > 0) {
      findings.push(
        at(
          r.fail(
            `kubelet is newer than the API server ${fmt(oldest.version)} on ${tooNew.map((node) => `${node.host} (${fmt(node.kubelet)})`).join(', ')}: a kubelet must never be newer`,
            {
              evidence,
              fix: 'install the kubelet of the control plane version on those nodes (or upgrade the control plane first)',
            },
          ),
          tooNew.map((node) => node.host),
        ),
      );
    }
    const tooOld = all.filter((node) => {
      if (node.kubelet === undefined) return false;
      const allowed = node.kubelet.major === 1 && node.kubelet.minor < 25 ? 2 : 3;
      return minorDiff(newest.version, node.kubelet) > allowed;
    });
    if (tooOld.length > 0) {
      findings.push(
        at(
          r.fail(
            `kubelet is too old for the API server ${fmt(newest.version)} on ${tooOld.map((node) => `${node.host} (${fmt(node.kubelet)})`).join(', ')}: at most three minor versions older are supported`,
            {
              evidence,
              fix: 'upgrade those kubelets one minor version at a time (kubeadm upgrade node, then the kubelet package)',
            },
          ),
          tooOld.map((node) => node.host),
        ),
      );
    }
    const kubectlOff = all.filter(
      (node) => node.kubectl !== undefined && Math.abs(minorDiff(node.kubectl, newest.version)) > 1,
    );
    if (kubectlOff.length > 0) {
      findings.push(
        at(
          r.warn(
            `kubectl is more than one minor version away from the API server ${fmt(newest.version)} on ${kubectlOff.map((node) => `${node.host} (${fmt(node.kubectl)})`).join(', ')}`,
            {
              evidence,
              fix: 'install a kubectl within one minor version of the API server',
            },
          ),
          kubectlOff.map((node) => node.host),
        ),
      );
    }
    const kubeadmOff = all.filter((node) => {
      if (node.kubeadm === undefined) return false;
      const diff = minorDiff(node.kubeadm, oldest.version);
      return diff < 0 || minorDiff(node.kubeadm, newest.version) > 1;
    });
    if (kubeadmOff.length > 0) {
      findings.push(
        at(
          r.warn(
            `kubeadm does not match the control plane (${fmt(oldest.version)}) on ${kubeadmOff.map((node) => `${node.host} (${fmt(node.kubeadm)})`).join(', ')}: kubeadm handles its own minor version and the one before`,
            {
              evidence,
              fix: 'install the kubeadm of the control plane version before joining or upgrading',
            },
          ),
          kubeadmOff.map((node) => node.host),
        ),
      );
    }
    if (findings.length > 0) return findings;
    return [
      at(
        r.pass(`all versions are within the skew policy of API server ${fmt(newest.version)} (from ${source})`, {
          evidence,
        }),
        allHosts,
      ),
    ];
  },
});
