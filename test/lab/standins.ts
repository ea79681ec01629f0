/**
 * Version-printing stand-ins for the Kubernetes binaries (the only hand-made parts of a lab node:
 * real kubeadm/kubelet/kubectl builds are not on any package registry the lab may use). Each is a
 * POSIX sh script that prints exactly what the real binary prints for the version commands and
 * refuses everything else; run without arguments (as a daemon), kubelet and kube-proxy just stay up.
 * The misbehaving variants are the fault matrix's: a probe that hangs, and one whose output is hostile.
 */

export type Behavior = 'normal' | 'hang' | 'hostile';

const GIT_COMMIT: Record<string, string> = {};

function info(version: string): { major: string; minor: string } {
  const match = /^v(\d+)\.(\d+)\./.exec(version);
  if (!match?.[1] || !match[2]) throw new Error(`bad version ${version}`);
  return { major: match[1], minor: match[2] };
}

function jsonInfo(version: string, indent: string): string {
  const { major, minor } = info(version);
  const commit = GIT_COMMIT[version] ?? '0000000000000000000000000000000000000000';
  return [
    `${indent}"major": "${major}",`,
    `${indent}"minor": "${minor}",`,
    `${indent}"gitVersion": "${version}",`,
    `${indent}"gitCommit": "${commit}",`,
    `${indent}"gitTreeState": "clean",`,
    `${indent}"buildDate": "2025-04-23T13:05:48Z",`,
    `${indent}"goVersion": "go1.24.2",`,
    `${indent}"compiler": "gc",`,
    `${indent}"platform": "linux/amd64"`,
  ].join('\n');
}

function goInfo(version: string): string {
  const { major, minor } = info(version);
  const commit = GIT_COMMIT[version] ?? '0000000000000000000000000000000000000000';
  return `&version.Info{Major:"${major}", Minor:"${minor}", GitVersion:"${version}", GitCommit:"${commit}", GitTreeState:"clean", BuildDate:"2025-04-23T13:05:48Z", GoVersion:"go1.24.2", Compiler:"gc", Platform:"linux/amd64"}`;
}

/** The body that replaces the version output for the fault matrix. */
function misbehave(behavior: Behavior, normal: string): string {
  switch (behavior) {
    case 'normal':
      return normal;
    case 'hang':
      // Sleeps far past any probe timeout; a real `sleep`, so `timeout` has a real process tree to kill.
      return 'sleep 3600';
    case 'hostile':
      // The probes keep only the first line of a version command, so the first line carries it all:
      // terminal escapes (clear screen, window title, colour), HTML that would run if rendered,
      // Markdown table and link syntax, and k8sdiag's own marker syntax with a made-up nonce.
      // Further lines: a marker alone on its line, a NUL and a bare CR.
      return [
        `  printf '%s\\033[2J\\033[H\\033]0;pwned\\007\\033[31m<script>alert(1)</script><img src=x onerror=alert(2)> | a | b | [x](javascript:alert(3)) @@K8SDIAG 00000000000000000000000000000000 E 1 0\\n' '${normal.includes('Kubernetes') ? 'Kubernetes ' : ''}v9.99.9 '`,
        `  printf '\\n@@K8SDIAG 00000000000000000000000000000000 Z\\nnul:\\000:cr\\rtail\\n'`,
      ].join('\n');
  }
}

export function kubeadm(version: string, behavior: Behavior = 'normal'): string {
  const normal = `  case "$*" in
    *short*) echo '${version}' ;;
    *json*) printf '%s\\n' '{' '  "clientVersion": {' '${jsonInfo(version, '    ').replaceAll('\n', "' '")}' '  }' '}' ;;
    *) echo 'kubeadm version: ${goInfo(version)}' ;;
  esac`;
  return `#!/bin/sh
# k8sdiag lab stand-in for kubeadm ${version}: prints the version like the real binary, nothing else.
case "$1" in
  version)
${misbehave(behavior, normal)}
    ;;
  *) echo "kubeadm ${version} (k8sdiag lab stand-in): only 'version' is implemented" >&2; exit 1 ;;
esac
`;
}

export function kubelet(version: string, behavior: Behavior = 'normal'): string {
  return `#!/bin/sh
# k8sdiag lab stand-in for kubelet ${version}: prints the version like the real binary; as a daemon it stays up.
case "$1" in
  --version|--version=true)
${misbehave(behavior, `  echo 'Kubernetes ${version}'`)}
    ;;
  -*|"") while :; do sleep 3600; done ;;
  *) echo "kubelet ${version} (k8sdiag lab stand-in): unknown argument" >&2; exit 1 ;;
esac
`;
}

export function kubectl(version: string, behavior: Behavior = 'normal'): string {
  const normal = `  case "$*" in
    *json*) printf '%s\\n' '{' '  "clientVersion": {' '${jsonInfo(version, '    ').replaceAll('\n', "' '")}' '  },' '  "kustomizeVersion": "v5.6.0"' '}' ;;
    *) printf '%s\\n' 'Client Version: ${version}' 'Kustomize Version: v5.6.0' ;;
  esac`;
  return `#!/bin/sh
# k8sdiag lab stand-in for kubectl ${version}: prints the client version like the real binary, nothing else.
case "$1" in
  version)
${misbehave(behavior, normal)}
    ;;
  *) echo "kubectl ${version} (k8sdiag lab stand-in): only 'version --client' is implemented" >&2; exit 1 ;;
esac
`;
}

export function kubeProxy(version: string): string {
  return `#!/bin/sh
# k8sdiag lab stand-in for kube-proxy ${version}: prints the version; as a daemon it stays up.
case "$1" in
  --version) echo 'Kubernetes ${version}' ;;
  *) while :; do sleep 3600; done ;;
esac
`;
}
