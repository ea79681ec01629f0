// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * Kubernetes versions: the `k8s-versions` probe (binaries and dpkg packages) and comparisons.
 */

import type { Probe } from '../types';
import { cutShort, splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/**
 * What `dpkg-query -W -f='pkg ${Package} ${Version} ${db:Status-Abbrev}\n' kubeadm kubelet kubectl`
 * prints, read from /var/lib/dpkg/status by awk (issue 16). dpkg-query prints, in name order, each
 * package with a stanza, and a package named only in another package's relationship fields (the
 * lab's kubectl, from the Cloud SDK's Suggests) as `pkg NAME  un `; nothing for an unknown name.
 * The awk prints only when every name is one stanza installed (`ii `) or on hold (`hi `) with a
 * plain version, or no stanza; anything else (two stanzas, another state, an epoch 0) exits 1 and
 * the caller runs dpkg-query. No `>` in the program (the read-only check refuses it).
 */
const DPKG_STATUS_AWK = [
  'function flush() { if (p in want) { n[p]++; v[p] = ver; s[p] = st } p = ver = st = "" }',
  'function mention(t,  k) { gsub(/\\t/, " ", t); t = " " t " "; for (k in want) if (index(t, k) && match(t, "[ ,|]" k "[ ,|(:]")) m[k] = 1 }',
  'BEGIN { want["kubeadm"]; want["kubectl"]; want["kubelet"] }',
  '/^$/ { flush(); rel = 0; next }',
  '/^[ \\t]/ { if (rel && index($0, "kube")) mention($0); next }',
  '/^Package:/ { p = $0; sub(/^Package:[ \\t]*/, "", p); rel = 0; next }',
  '/^Version:/ { ver = $0; sub(/^Version:[ \\t]*/, "", ver); rel = 0; next }',
  '/^Status:/ { st = $0; sub(/^Status:[ \\t]*/, "", st); rel = 0; next }',
  '/^(Depends|Pre-Depends|Recommends|Suggests|Enhances|Breaks|Conflicts|Replaces|Provides|Built-Using):/ { rel = 1; if (index($0, "kube")) { t = $0; sub(/^[^:]*:/, "", t); mention(t) }; next }',
  '{ rel = 0 }',
  'END { flush(); split("kubeadm kubectl kubelet", ks, " ")',
  '  for (i = 1; i <= 3; i++) { k = ks[i]',
  '    if (1 < n[k]) exit 1',
  '    if (n[k] == 1) { a = s[k] == "install ok installed" ? "ii" : s[k] == "hold ok installed" ? "hi" : ""',
  '      if (a == "" || v[k] == "" || v[k] ~ /^0*:/ || v[k] ~ /[ \\t]/) exit 1',
  '      o = o "pkg " k " " v[k] " " a " \\n" }',
  '    else if (k in m) o = o "pkg " k "  un \\n" }',
  '  printf "%s", o }',
].join('\n');

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
    // The status file read by one awk (was always dpkg-query: about 24 ms of node CPU against 8;
    // issue 16); dpkg-query wherever the awk cannot be sure to print the same (it exits 1).
    '  u=; for f in /var/lib/dpkg/updates/*; do [ -e "$f" ] && u=1; done',
    `  if [ -n "$u" ] || [ -n "\${DPKG_ADMINDIR-}" ] || [ ! -r /var/lib/dpkg/status ] || ! awk '${DPKG_STATUS_AWK}' /var/lib/dpkg/status 2>/dev/null; then`,
    "    dpkg-query -W -f='pkg ${Package} ${Version} ${db:Status-Abbrev}\\n' kubeadm kubelet kubectl 2>/dev/null",
    '  fi',
    'fi',
    'echo "### end"',
  ].join('\n'),
};

export interface Version {
  major: number;
  minor: number;
  /** undefined when only major.minor was given (e.g. an expected version "1.33"). */
  patch: number | undefined;
  text: string;
}

const VERSION = /\bv?(\d+)\.(\d+)(?:\.(\d+))?([-+][0-9A-Za-z.+-]*)?/;

export function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text);
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = match[3] === undefined ? undefined : Number(match[3]);
  return { major, minor, patch, text: match[0] };
}

export const formatVersion = (v: Version): string =>
  `${v.major}.${v.minor}${v.patch === undefined ? '' : `.${v.patch}`}`;

/** Difference in minor versions (a - b); only meaningful within one major version. */
export const minorDiff = (a: Version, b: Version): number => (a.major - b.major) * 1000 + (a.minor - b.minor);

export type Component = 'kubeadm' | 'kubelet' | 'kubectl';
export const COMPONENTS: readonly Component[] = ['kubeadm', 'kubelet', 'kubectl'];

export interface BinaryInfo {
  component: Component;
  /** false when `command -v` did not find it. */
  present: boolean;
  path: string | undefined;
  /** The first line the binary printed for its version command. */
  output: string;
  version: Version | undefined;
  /** The binary exists but could not run (exec format error, permission, ...). */
  cannotRun: boolean;
}

export interface PackageInfo {
  name: string;
  version: string;
  status: string;
}

export interface VersionsProbe {
  binaries: BinaryInfo[];
  packages: PackageInfo[];
}

const CANNOT_RUN =
  /exec format error|cannot execute|permission denied|not found|no such file|syntax error|segmentation fault/i;

export function parseVersionsProbe(lines: readonly string[]): Parsed<VersionsProbe> {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = blocks.find((block) => block.marker !== 'end');
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  const binaries: BinaryInfo[] = [];
  const packages: PackageInfo[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    if (tag === 'bin') {
      const [name, after] = splitTag(rest);
      if (!(COMPONENTS as readonly string[]).includes(name))
        return { ok: false, what: 'unknown binary', line: text, no };
      const component = name as Component;
      if (after === 'missing') {
        binaries.push({ component, present: false, path: undefined, output: '', version: undefined, cannotRun: false });
        continue;
      }
      const [path, output] = splitTag(after);
      if (!path.startsWith('/')) return { ok: false, what: 'binary path is not absolute', line: text, no };
      const version = CANNOT_RUN.test(output) ? undefined : parseVersion(output);
      binaries.push({
        component,
        present: true,
        path,
        output,
        version,
        cannotRun: version === undefined && CANNOT_RUN.test(output),
      });
      continue;
    }
    if (tag === 'pkg') {
      const parts = rest.split(/\s+/);
      const [name, version, ...status] = parts;
      if (name === undefined || version === undefined || version === '') {
        return { ok: false, what: 'package line without a version', line: text, no };
      }
      packages.push({ name, version, status: status.join(' ').trim() });
      continue;
    }
    return { ok: false, what: 'expected "bin ..." or "pkg ..." lines', line: text, no };
  }
  if (!complete) return cutShort(lines);
  return { ok: true, value: { binaries, packages } };
}

/**
 * Kubernetes deb packages from pkgs.k8s.io carry versions like `1.33.0-1.1`; the old Google
 * repository used `1.28.2-00`. Other vendors' packages (e.g. the Cloud SDK's `kubectl`,
 * `1:528.0.0-0`) are not Kubernetes versions and are ignored.
 */
export function packageK8sVersion(pkg: PackageInfo): Version | undefined {
  if (!/^(\d+:)?1\.\d+\.\d+-/.test(pkg.version)) return undefined;
  return parseVersion(pkg.version.replace(/^\d+:/, ''));
}
