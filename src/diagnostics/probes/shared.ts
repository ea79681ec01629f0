// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * Probes that several checks read. Defined once here so that a node runs each of them once:
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

/** Both iptables backends (iptables-save as a fallback) plus the version of `iptables`. */
export const iptablesRulesProbe: Probe = {
  name: 'iptables-rules',
  needsRoot: true,
  timeoutSeconds: 15,
  command: [
    'found=0',
    'for t in iptables-legacy-save iptables-nft-save; do',
    '  if command -v "$t" >/dev/null 2>&1; then found=1; echo "### $t"; "$t" 2>&1; echo "### exit $?";',
    '  else echo "### missing $t"; fi',
    'done',
    'if [ "$found" = 0 ]; then',
    '  if command -v iptables-save >/dev/null 2>&1; then echo "### iptables-save"; iptables-save 2>&1; echo "### exit $?";',
    '  else echo "### missing iptables-save"; fi',
    'fi',
    // The first line by parameter expansion (was `| head -n 1`; issue 16).
    "nl='",
    "'",
    'if command -v iptables >/dev/null 2>&1; then v=$(iptables -V 2>&1); echo "### version ${v%%"$nl"*}"; fi',
    'echo "### end"',
  ].join('\n'),
};

/** The nftables ruleset without set contents (`-t`): native nft firewalls and kube-proxy's nftables mode. */
export const nftRulesetProbe: Probe = {
  name: 'nft-ruleset',
  needsRoot: true,
  timeoutSeconds: 15,
  command: [
    'if command -v nft >/dev/null 2>&1; then echo "### nft"; nft -t list ruleset 2>&1; echo "### exit $?";',
    'else echo "### missing nft"; fi',
    'echo "### end"',
  ].join('\n'),
};

/** Default routes of the main table: JSON from `ip -j`, text from older iproute2 or busybox. */
export const ipRouteDefaultProbe: Probe = {
  name: 'ip-route-default',
  command: [
    'if ! command -v ip >/dev/null 2>&1; then echo "### missing ip";',
    'elif out=$(ip -j route show default 2>/dev/null); then echo "### json"; printf \'%s\\n\' "$out";',
    'else echo "### text"; ip route show 2>&1 | grep \'^default\'; fi',
    'echo "### end"',
  ].join('\n'),
};

/** IPv4 addresses, one line each (`ip -o`, which busybox ip also has). */
export const ipAddrProbe: Probe = {
  name: 'ip-addr',
  command: [
    'if command -v ip >/dev/null 2>&1; then echo "### ip"; ip -o -4 addr show 2>&1; else echo "### missing ip"; fi',
    'echo "### end"',
  ].join('\n'),
};

/** Installed kubeadm / kubelet / kubectl: path and version output of each binary, and the dpkg packages. */
export const k8sVersionsProbe: Probe = {
  name: 'k8s-versions',
  timeoutSeconds: 20,
  command: [
    // The first line of each answer by parameter expansion (was `| head -n 1`: two processes more each).
    "nl='",
    "'",
    'for b in kubeadm kubelet kubectl; do',
    // The path as `command -v` finds it, by builtins (was `p=$(command -v ...)`: one subshell each; issue 16).
    '  p=; set -f; oldifs=$IFS; IFS=:',
    '  for d in $PATH; do [ -f "${d:-.}/$b" ] && [ -x "${d:-.}/$b" ] && { p=${d:-.}/$b; break; }; done',
    '  IFS=$oldifs; set +f',
    '  if [ -z "$p" ]; then echo "bin $b missing"; continue; fi',
    '  case "$b" in',
    '    kubeadm) v=$("$b" version -o short 2>&1) ;;',
    '    kubelet) v=$("$b" --version 2>&1) ;;',
    '    *) v=$("$b" version --client 2>&1) ;;',
    '  esac',
    '  v=${v%%"$nl"*}',
    '  echo "bin $b $p $v"',
    'done',
    'if command -v dpkg-query >/dev/null 2>&1; then',
    "  dpkg-query -W -f='pkg ${Package} ${Version} ${db:Status-Abbrev}\\n' kubeadm kubelet kubectl 2>/dev/null",
    'fi',
    'echo "### end"',
  ].join('\n'),
};

/** Enabled APT source files, comment lines dropped, every file line quoted with `| `. */
export const aptSourcesProbe: Probe = {
  name: 'apt-sources',
  command: [
    'for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do',
    '  [ -f "$f" ] || continue',
    '  echo "### file $f"',
    "  sed -e '/^[[:space:]]*#/d' -e 's/^/| /' \"$f\"",
    'done',
    'echo "### end"',
  ].join('\n'),
};

/** The API server's static Pod manifest (flags, image) and kubeadm config files that Ansible roles leave. */
export const apiserverManifestProbe: Probe = {
  name: 'apiserver-manifest',
  needsRoot: true,
  command: [
    'f=/etc/kubernetes/manifests/kube-apiserver.yaml',
    'if [ -f "$f" ]; then echo "### file $f";',
    // One awk per file instead of `grep -n | sed` (issue 16).
    '  awk \'/--advertise-address=|--bind-address=|advertise-address\\.endpoint|image:/ { print "| " FNR ":" $0 }\' "$f";',
    'else echo "### missing $f"; fi',
    'for f in /etc/kubernetes/kubeadm-config.yaml /etc/kubernetes/kubeadm.yaml /etc/kubeadm/kubeadm-config.yaml /root/kubeadm-config.yaml; do',
    '  [ -f "$f" ] || continue',
    '  echo "### file $f"',
    '  awk \'/advertiseAddress|controlPlaneEndpoint|kubernetesVersion|node-ip/ { print "| " FNR ":" $0 }\' "$f"',
    'done',
    'echo "### end"',
  ].join('\n'),
};

/** Where kubelet flags come from (the files kubeadm and packages use) and the running kubelet's command line. */
export const kubeletFlagsProbe: Probe = {
  name: 'kubelet-flags',
  needsRoot: true,
  command: [
    'for f in /etc/default/kubelet /etc/sysconfig/kubelet /var/lib/kubelet/kubeadm-flags.env; do',
    '  if [ -f "$f" ]; then echo "### file $f";',
    "    sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' -e 's/^/| /' \"$f\";",
    '  else echo "### missing $f"; fi',
    'done',
    // Processes found by builtins (was `grep -l -x` over every comm file) and the command line without
    // `| sed`, which prefixed its one line); issue 16.
    'for c in /proc/[0-9]*/comm; do',
    '  n=; read -r n 2>/dev/null <"$c" || continue; [ "$n" = kubelet ] || continue',
    '  d=${c%/comm}; echo "### cmdline ${d#/proc/}"',
    "  printf '| '; tr '\\000' ' ' < \"$d/cmdline\"; echo",
    'done',
    'echo "### end"',
  ].join('\n'),
};

/** The SSH user's kubeconfig as kubectl would find it: KUBECONFIG or ~/.kube/config, and its server lines. */
export const userKubeconfigProbe: Probe = {
  name: 'user-kubeconfig',
  command: [
    'echo "user $(id -un 2>/dev/null) $(id -u 2>/dev/null)"',
    'echo "home ${HOME:-}"',
    'if [ -n "${KUBECONFIG:-}" ]; then echo "kubeconfig-env $KUBECONFIG"; list=$KUBECONFIG;',
    'else echo "kubeconfig-env"; list="${HOME:-/nonexistent}/.kube/config"; fi',
    'set -f; oldifs=$IFS; IFS=:',
    'for f in $list; do',
    '  [ -n "$f" ] || continue',
    '  if [ ! -e "$f" ]; then echo "file missing $f";',
    '  elif [ ! -r "$f" ]; then echo "file unreadable $f";',
    '  else echo "file readable $f";',
    "    sed -n -e 's/^[[:space:]]*server:[[:space:]]*/server /p' -e 's/^current-context:[[:space:]]*/current-context /p' \"$f\";",
    '  fi',
    'done',
    'IFS=$oldifs; set +f',
    'if [ -e /etc/kubernetes/admin.conf ]; then echo "admin-conf present"; else echo "admin-conf absent"; fi',
    'echo "### end"',
  ].join('\n'),
};

/** Every probe defined here, for the registry test and the catalog. */
export const sharedProbes: readonly Probe[] = [
  aptSourcesProbe,
  apiserverManifestProbe,
  ipAddrProbe,
  ipRouteDefaultProbe,
  iptablesRulesProbe,
  k8sVersionsProbe,
  kubeletFlagsProbe,
  nftRulesetProbe,
  userKubeconfigProbe,
];
