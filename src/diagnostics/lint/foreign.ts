/**
 * Files and folders that are not ours: what lint reads is Vagrant, Ansible, netplan and node
 * provisioning shell. CI configuration and scripts, Helm charts (Go templates and values), Kubernetes
 * manifests, documentation sites and tool configs are skipped, with the reason (listed with `-v`).
 * Decided from the path (and, for folders, their entries); Go templates are also recognised by content.
 */

/** Folder names whose whole subtree is not node provisioning. */
const FOREIGN_DIRS: ReadonlyMap<string, string> = new Map([
  ['.github', 'CI configuration (GitHub)'],
  ['.gitlab', 'CI configuration (GitLab)'],
  ['.circleci', 'CI configuration (CircleCI)'],
  ['.travis', 'CI configuration (Travis)'],
  ['.buildkite', 'CI configuration (Buildkite)'],
  ['.azure-pipelines', 'CI configuration (Azure)'],
  ['.woodpecker', 'CI configuration (Woodpecker)'],
  ['.devcontainer', 'editor configuration'],
  ['.vscode', 'editor configuration'],
  ['.idea', 'editor configuration'],
  ['docs', 'documentation'],
  ['doc', 'documentation'],
  ['website', 'documentation'],
  ['molecule', 'test scenarios (molecule)'],
]);

/** File names that are never node provisioning, whatever folder they are in. */
const FOREIGN_FILES: ReadonlyArray<[RegExp, string]> = [
  [/^\.travis\.ya?ml$/, 'CI configuration (Travis)'],
  [/^\.gitlab-ci\.ya?ml$/, 'CI configuration (GitLab)'],
  [/^\.drone\.ya?ml$/, 'CI configuration (Drone)'],
  [/^(?:azure-pipelines|appveyor|bitbucket-pipelines|cloudbuild|codecov|\.?codecov)\.ya?ml$/, 'CI configuration'],
  [/^\.pre-commit-(?:config|hooks)\.ya?ml$/, 'tool configuration (pre-commit)'],
  [
    /^\.?(?:golangci|goreleaser|mergify|mkdocs|readthedocs|markdownlint|yamllint|ansible-lint)\.ya?ml$/,
    'tool configuration',
  ],
  [/^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$/, 'Docker Compose file'],
  [/^(?:Chart|kustomization|skaffold|helmfile)\.ya?ml$/, 'Kubernetes tooling file'],
  [/^values(?:[.-][\w.-]+)?\.ya?ml$/, 'Helm values'],
  [/^(?:ci|run-ci|ci-[\w-]+|[\w-]*(?:travis|circleci|gitlab-ci|github-actions)[\w-]*)\.(?:sh|bash)$/i, 'CI script'],
];

/** Why a folder is skipped: a foreign name, or a Helm chart (its entries include Chart.yaml). */
export function foreignDir(name: string, entries: readonly string[]): string | undefined {
  const reason = FOREIGN_DIRS.get(name);
  if (reason !== undefined) return reason;
  if (entries.includes('Chart.yaml') || entries.includes('Chart.yml')) return 'Helm chart (Go templates and values)';
  return undefined;
}

/** Why a file is skipped, from its path relative to the lint root, if it is foreign. */
export function foreignFile(path: string): string | undefined {
  const parts = path.split('/');
  const base = parts[parts.length - 1] ?? '';
  for (const dir of parts.slice(0, -1)) {
    const reason = FOREIGN_DIRS.get(dir);
    if (reason !== undefined) return reason;
  }
  // Helm values and compose files are foreign unless Ansible reads them as vars.
  const ansibleVars = parts.includes('group_vars') || parts.includes('host_vars') || parts.includes('roles');
  for (const [pattern, reason] of FOREIGN_FILES) {
    if (pattern.test(base) && !(ansibleVars && reason === 'Helm values')) return reason;
  }
  return undefined;
}

/** Go template syntax (Helm, Hugo, gomplate): `{{ .Values.x }}`, `{{- include ... }}`, `{{ range .x }}`. Jinja never starts with a dot. */
const GO_TEMPLATE =
  /\{\{-?\s*(?:\.[A-Za-z$]|\$\.|(?:include|template|define|toYaml|tpl)\s|(?:if|range|with)\s+(?:\.|\$|not\s+\.|and\s+\.|or\s+\.))/;

/** YAML text that is a Go template (not Jinja), so not Ansible and not valid YAML to read. */
export function isGoTemplate(text: string): boolean {
  return GO_TEMPLATE.test(text);
}

/** Kubernetes manifests (not node configuration). kubeadm's and kubelet's own config kinds are kept. */
export function isKubernetesManifest(text: string): boolean {
  if (!/^apiVersion:/m.test(text) || !/^kind:/m.test(text)) return false;
  return !/^apiVersion:\s*(?:kubeadm|kubelet\.config|kubeproxy\.config)\.k8s\.io\//m.test(text);
}

/**
 * A CNI's own manifest, kept although it is a Kubernetes manifest: the calico-node DaemonSet, a Tigera
 * operator Installation, kube-flannel. Where it picks the node's interface is node networking.
 */
export function isCniManifest(text: string): boolean {
  return (
    (/^kind:[ \t]*Installation[ \t]*$/m.test(text) && /operator\.tigera\.io/.test(text)) ||
    /^[ \t]*(?:-[ \t]+)?name:[ \t]*(?:calico-node|kube-flannel(?:-ds)?)[ \t]*$/m.test(text)
  );
}
