/**
 * Kubernetes package repositories: the legacy Google-hosted ones (frozen 2023-09-13, removed
 * 2024-03-04) and the community-owned pkgs.k8s.io. One list for the node checks and the lint rules.
 */

/** Hosts that served only the legacy Kubernetes packages. */
export const LEGACY_K8S_HOSTS: readonly string[] = ['apt.kubernetes.io', 'yum.kubernetes.io'];
/** Google's package host: legacy Kubernetes under /apt (kubernetes-* suites) and /yum (kubernetes-el7-*). */
export const GOOGLE_PACKAGES_HOST = 'packages.cloud.google.com';
/** The community-owned repository and its CDN name. */
export const CURRENT_K8S_HOSTS: readonly string[] = ['pkgs.k8s.io', 'prod-cdn.packages.k8s.io'];
/** The dead signing key of the legacy repositories (apt-key add / gpg --dearmor of it). */
export const LEGACY_K8S_KEY_PATHS: readonly string[] = [
  'packages.cloud.google.com/apt/doc/apt-key.gpg',
  'packages.cloud.google.com/yum/doc/yum-key.gpg',
  'packages.cloud.google.com/yum/doc/rpm-package-key.gpg',
];

/** A regular expression source matching a legacy repository URL (scheme optional) up to the end of the URL. */
export const LEGACY_K8S_URL =
  /\b(?:apt|yum)\.kubernetes\.io\b[^\s"'<>\\]*|\bpackages\.cloud\.google\.com\/(?:apt|yum)\b[^\s"'<>\\]*/g;

export function uriHost(uri: string): string {
  return uri
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/[/:].*$/, '')
    .toLowerCase();
}

export function uriPath(uri: string): string {
  const rest = uri.replace(/^[a-z+]+:\/\//i, '');
  const slash = rest.indexOf('/');
  return slash < 0 ? '/' : rest.slice(slash);
}

/**
 * A source entry on the legacy repositories: apt.kubernetes.io / yum.kubernetes.io, or the
 * kubernetes-* suites of packages.cloud.google.com/apt (the Cloud SDK suites there still work).
 * Without suites (a URL seen in code), any packages.cloud.google.com/apt|yum URL counts.
 */
export function isLegacyKubernetesSource(uri: string, suites?: readonly string[]): boolean {
  const host = uriHost(uri);
  if (LEGACY_K8S_HOSTS.includes(host)) return true;
  if (host === GOOGLE_PACKAGES_HOST && /^\/(?:apt|yum)\b/.test(uriPath(uri))) {
    if (suites === undefined) return true;
    return suites.some((suite) => /^kubernetes-/.test(suite));
  }
  return false;
}

/** The community-owned repository (pkgs.k8s.io) or its CDN. */
export function isPkgsK8sIo(uri: string): boolean {
  return CURRENT_K8S_HOSTS.includes(uriHost(uri));
}
