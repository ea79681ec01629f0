/**
 * What a file says about the container runtime's configuration and the kubeadm release: whether it
 * writes or edits containerd's config (or sets the kubelet to cgroupfs), which kubeadm minor versions it
 * pins, and whether another runtime (Docker, CRI-O) is installed. Pure; merged into project facts.
 */

import { blankCommentLines } from './match';

/**
 * containerd's config is written or edited somewhere (`containerd config default`, a copy/template to
 * /etc/containerd, a SystemdCgroup edit), or the kubelet is set to cgroupfs (then cgroupfs matches).
 */
const CONFIGURES =
  /\/etc\/containerd\b|containerd\/config\.toml|\bcontainerd\s+config\s+default\b|SystemdCgroup|systemd_cgroup|cgroupDriver:\s*["']?cgroupfs|--cgroup-driver[= ]["']?cgroupfs/;

/** Another runtime the kubelet may talk to instead of containerd. */
const OTHER_RUNTIME = /\bdocker-ce\b|\bdocker\.io\b|\bdocker-engine\b|\bcri-o\b|\bcri-dockerd\b|\bcrio\b/;

/** Where a kubeadm release is pinned: packages, pkgs.k8s.io channels, version variables, kubernetesVersion. */
const KUBEADM_PINS: readonly RegExp[] = [
  /\bkube(?:adm|let)[=-]v?1\.(\d+)(?:\.\d+)?/g,
  /pkgs\.k8s\.io\/core:\/stable:\/v1\.(\d+)\b/g,
  /\bkubernetesVersion:\s*["']?v?1\.(\d+)\b/g,
  /\b(?:k8s|kube|kubernetes)[A-Za-z_]*version["']?\s*[:=]\s*["']?v?1\.(\d+)\b/gi,
];

export function configuresContainerd(text: string): boolean {
  return CONFIGURES.test(blankCommentLines(text));
}

export function installsOtherRuntime(text: string): boolean {
  return OTHER_RUNTIME.test(blankCommentLines(text));
}

/** Kubernetes minor versions the file pins for kubeadm/kubelet (1.23.0-00 -> 23). */
export function kubeadmMinors(text: string): number[] {
  if (!/1\.\d/.test(text)) return [];
  const uncommented = blankCommentLines(text);
  return KUBEADM_PINS.flatMap((re) => [...uncommented.matchAll(re)].map((m) => Number(m[1])));
}

/** The Ubuntu/Debian `containerd` package (not Docker's containerd.io) as a package word. */
export const CONTAINERD_PACKAGE = /^containerd(?:=[^\s]*)?$/;
