/**
 * Display names of the three layers a runbook can belong to (the ids live in
 * src/content/runbook-schema.ts). Used by the sidebar groups, the home page and the layer pages.
 */
import type { Layer } from '../content/runbook-schema';
import type { SiteLang } from './lang';

export const LAYER_LABELS: Record<Layer, Record<SiteLang, string>> = {
  vm: { en: 'VM', ko: 'VM' },
  provisioning: { en: 'Provisioning', ko: '프로비저닝' },
  cluster: { en: 'Cluster', ko: '클러스터' },
};

/** One line under each layer's name on the home page. */
export const LAYER_SUMMARIES: Record<Layer, Record<SiteLang, string>> = {
  vm: {
    en: 'Vagrant and VirtualBox: the box, the host CPU, booting the machines.',
    ko: 'Vagrant와 VirtualBox: 박스 선택, 호스트 CPU, VM 부팅까지.',
  },
  provisioning: {
    en: 'Ansible: variables, templates, apt sources and package installs.',
    ko: 'Ansible: 변수, 템플릿, apt 소스, 패키지 설치.',
  },
  cluster: {
    en: 'kubeadm and the node network: binaries, iptables, routes, init, join, kubectl.',
    ko: 'kubeadm과 노드 네트워크: 바이너리, iptables, 라우팅, init, join, kubectl.',
  },
};
