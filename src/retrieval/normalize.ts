/**
 * Turns pasted error text into comparable tokens. Pure and browser-safe (no node: imports):
 * the same code runs in `k8sdiag explain` and in the site's paste-an-error box.
 *
 * What varies between two pastes of the same failure is removed or replaced by a fixed word:
 * timestamps, klog headers, UUIDs, long hex ids (GPG key ids, digests, tokens), IP addresses,
 * ephemeral ports, patch levels of versions, user names in home paths, long numbers, quotes and escapes.
 * Network ranges with a prefix (192.168.0.0/16) are configuration and stay whole.
 * What identifies the failure is kept: words, error codes such as 0x80004005 or NS_ERROR_FAILURE,
 * short numbers such as 404, major.minor versions as one word (v1_30), and the ports that name a Kubernetes component (6443, 8080, 10250 ...).
 */

/** Replacement words. They read as words so that a signature and a paste normalise alike. */
export const PLACEHOLDER = {
  /** Any IPv4/IPv6 address that is not loopback or VirtualBox NAT. */
  ip: 'ipaddr',
  /** 127.0.0.0/8 and ::1: the same thing as "localhost" in kubectl's messages. */
  loopback: 'localhost',
  /** 10.0.2.15 / 10.0.2.2 / 10.0.2.3: VirtualBox NAT guest, gateway and DNS, identical on every VM. */
  vboxNat: 'vboxnat',
} as const;

/** Ports that name a component; every other port in host:port or "port N" is variable. */
export const WELL_KNOWN_PORTS: ReadonlySet<string> = new Set([
  '22',
  '53',
  '80',
  '443',
  '2379',
  '2380',
  '6443',
  '8080',
  '10250',
  '10256',
  '10257',
  '10259',
]);

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';

type Rewrite = readonly [pattern: RegExp, replacement: string | ((...groups: string[]) => string), when?: string];

/**
 * Ordered rewrites applied to the lower-cased text. `when`: the rule only runs on text containing
 * this string (a rule that cannot apply is not even compiled; start-up time counts for the CLI).
 */
const REWRITES: readonly Rewrite[] = [
  // ANSI colour codes from terminals and CI logs.
  [new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[a-z]`, 'g'), ' ', '\u001b'],
  // JSON-escaped text as Ansible prints it: \" \n \t \r \\.
  [/\\r\\n|\\n|\\r/g, '\n', '\\'],
  [/\\t/g, ' ', '\\'],
  [/\\"/g, '"', '\\'],
  [/\\\\/g, '\\', '\\'],
  // klog header: E0401 16:47:34.292876   22219 memcache.go:265]
  [/(^|\n)\s*[iwef]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+[\w.-]+:\d+\]/g, '$1 ', ']'],
  // ISO 8601 and "2024-01-01 12:00:00,123"
  [/\b\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:z|[+-]\d{2}:?\d{2})?)?\b/g, ' ', '-'],
  // syslog "Nov 27 04:50:12" and "Tue 2024-... " day names
  [
    new RegExp(`\\b(?:${MONTHS})[a-z]* +\\d{1,2},? +(?:\\d{4} +)?\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?\\b`, 'g'),
    ' ',
    ':',
  ],
  [
    /\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,? +\d{1,2} +(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* +\d{4}\b/g,
    ' ',
    ' ',
  ],
  // clock times, VirtualBox log offsets 00:00:01.100154, durations 0:01:00.49
  [/\b\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\b/g, ' ', ':'],
  // dmesg "[  123.456789]"
  [/\[\s*\d+\.\d+\]/g, ' ', '['],
  // UUIDs, with or without braces
  [/\{?\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b\}?/g, ' ', '-'],
  // kubeadm bootstrap tokens abcdef.0123456789abcdef
  [/\b[a-z0-9]{6}\.[a-z0-9]{16}\b/g, ' ', '.'],
  // sha256:<digest>
  [/\bsha(?:1|256|512):[0-9a-f]+\b/g, ' ', 'sha'],
  // IPv6 loopback, bracketed or not, with an optional port
  [
    /\[::1\](?::(\d{1,5}))?|(?<![\w:])::1(?![\w:])/g,
    (_m, port = '') => ` ${PLACEHOLDER.loopback} ${keepPort(port)} `,
    '::1',
  ],
  // other bracketed IPv6 [fe80::1]:6443
  [/\[[0-9a-f:]*:[0-9a-f:]*\](?::(\d{1,5}))?/g, (_m, port = '') => ` ${PLACEHOLDER.ip} ${keepPort(port)} `, '['],
  // IPv4 network with a /prefix: kept whole (cidr_192_168_0_0_16). A network is configuration
  // (Calico's 192.168.0.0/16, Flannel's 10.244.0.0/16, VirtualBox's 192.168.56.0/21), the same in
  // every paste of the same failure, unlike a host's address (192.168.56.10/24 in `ip a`).
  [
    /\b(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})\b/g,
    (_m, ip: string, prefix: string) =>
      isNetwork(ip, Number(prefix)) ? ` cidr_${ip.replace(/\./g, '_')}_${prefix} ` : ` ${ipWord(ip)} `,
    '/',
  ],
  // IPv4 with an optional :port
  [
    /\b(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?\b/g,
    (_m, ip: string, port = '') => ` ${ipWord(ip)} ${keepPort(port)} `,
    '.',
  ],
  // "port 2222" (ssh) and "on port 34567"
  [/\bport (\d{1,5})\b/g, (_m, port: string) => `port ${keepPort(port)}`, 'port '],
  // name:port, e.g. localhost:8080, k8s-master:6443, 127.0.0.1 already handled
  [/([a-z][\w.-]*):(\d{2,5})\b/g, (_m, host: string, port: string) => `${host} ${keepPort(port)}`, ':'],
  // kubectl's `cluster-info` command (and the hint "use 'kubectl cluster-info dump'" under many
  // kubectl errors) is not kubeadm's cluster-info ConfigMap that join's discovery fails to request.
  [/\bkubectl(\s+)cluster-info\b/g, 'kubectl$1clusterinfocommand', 'cluster-info'],
  // home directories: the user name varies
  [/\/home\/[^/\s'"]+/g, '/home/user', '/home/'],
  [/\/users\/[^/\s'"]+/g, '/users/user', '/users/'],
  // versions: v1.33.0, 1.33, 1.28.2-1.1, 7.81.0-1ubuntu1.15 keep major and minor as one word
  // (v1_33): 1.3, 1.30 and 1.28 are different evidence; patch levels and package suffixes vary.
  [
    /\bv?(\d{1,3})\.(\d{1,3})(?:\.\d+)*(?:[-+~][0-9a-z.~+]*)?\b/g,
    (_m, major: string, minor: string) => ` v${major}_${minor} `,
    '.',
  ],
  // long hex ids: GPG key ids (B53DC80D13EDEF05), container ids, commit hashes; 0x.. codes stay
  [/\b(?<!0x)[0-9a-f]{12,}\b/g, ' '],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,11}\b/g, ' '],
  // long numbers: pids, epoch seconds, byte counts, ephemeral ports
  [/\b\d{5,}\b/g, ' '],
  // quotes of every kind
  [/['"`\u2018\u2019\u201c\u201d]/g, ''],
  // iptables' chain policy: `-P INPUT DROP` sets it, iptables-save prints it as `:INPUT DROP [0:0]`.
  // The flag is no word, so without this both read as "input drop", which any path or rule name
  // (900-INPUT-drop) holds.
  // (`when` keeps both off the common path: `-p` alone is in every kube-proxy line.)
  [/(^|[\s;&|(])-p\s+(input|output|forward)\s+(drop|accept|reject)\b/g, '$1policy $2 $3', '-p '],
  [/(^|[\s;&|(])--policy\s+(input|output|forward)\s+(drop|accept|reject)\b/g, '$1policy $2 $3', '--policy'],
  [/(^|\n)[ \t]*:(input|output|forward)[ \t]+(drop|accept|reject)\b/g, '$1policy $2 $3', ':input'],
];

/** Are the host bits of `ip` under `prefix` all zero (192.168.0.0/16, not 192.168.56.10/24)? */
function isNetwork(ip: string, prefix: number): boolean {
  if (prefix > 32) return false;
  const value = ip.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
  const hostBits = 2 ** (32 - prefix);
  return value % hostBits === 0;
}

function ipWord(ip: string): string {
  if (ip.startsWith('127.')) return PLACEHOLDER.loopback;
  if (ip === '10.0.2.15' || ip === '10.0.2.2' || ip === '10.0.2.3') return PLACEHOLDER.vboxNat;
  return PLACEHOLDER.ip;
}

function keepPort(port: string): string {
  return WELL_KNOWN_PORTS.has(port) ? port : '';
}

/** Lower-cases and rewrites the variable parts; keeps line breaks (they bound match windows). */
export function normalize(text: string): string {
  let out = text.normalize('NFKC').toLowerCase();
  for (const [pattern, replacement, when] of REWRITES) {
    if (when !== undefined && !out.includes(when)) continue;
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out;
}
