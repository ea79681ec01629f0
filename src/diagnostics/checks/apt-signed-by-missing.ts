/**
 * pkgs.k8s.io entries without signed-by, a signed-by keyring that is not there, or keys in the
 * legacy /etc/apt/trusted.gpg. apt then fails with NO_PUBKEY / "The following signatures couldn't
 * be verified", or (Ubuntu 22.04+) warns "Key is stored in legacy trusted.gpg keyring".
 */

import { type AptSource, aptSourcesProbe, isPkgsK8sIo, parseAptSourcesProbe } from '../probes/apt';
import { cutShort, splitBlocks, splitTag } from '../probes/blocks';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { type Problem, unexpected, worstOf } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'apt-signed-by-missing',
  title: 'The Kubernetes APT source names its signing key',
  titleKo: '쿠버네티스 APT 소스에 서명 키가 지정되어 있다',
  runbook: 'kubernetes-apt-repo-moved',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const KEYRINGS = 'apt-keyrings';
const FIX =
  'sudo mkdir -p -m 755 /etc/apt/keyrings; key="$(mktemp)" && curl -fsSL -o "$key" https://pkgs.k8s.io/core:/stable:/v1.37/deb/Release.key && sudo gpg --batch --yes --dearmor -o /etc/apt/keyrings/kubernetes-apt-keyring.gpg "$key"; rm -f "$key"; write the source as "deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] https://pkgs.k8s.io/core:/stable:/v1.37/deb/ /"';

interface Keyring {
  size: number;
  path: string;
}

function readKeyrings(lines: readonly string[]): Keyring[] | { what: string; line: string; no: number } {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = blocks[0];
  if (stray) return { what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  const keyrings: Keyring[] = [];
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    const [size, path] = splitTag(rest);
    if (tag !== 'key' || !/^\d+$/.test(size) || !path.startsWith('/'))
      return { what: 'expected "key <bytes> <path>" lines', line: text, no };
    keyrings.push({ size: Number(size), path });
  }
  if (!complete) {
    const { what, line, no } = cutShort(lines);
    return { what, line, no };
  }
  return keyrings;
}

const describe = (source: AptSource) => `${source.file}: ${source.text}`;

export default defineCheck({
  meta,
  probes: [
    aptSourcesProbe,
    {
      name: KEYRINGS,
      command: [
        // One `stat` for every keyring (it was `wc | tr` per file: two processes each; issue 16).
        'set --',
        'for f in /etc/apt/trusted.gpg /etc/apt/trusted.gpg.d/* /etc/apt/keyrings/* /usr/share/keyrings/*; do',
        '  [ -f "$f" ] && set -- "$@" "$f"',
        'done',
        '[ "$#" -eq 0 ] || stat -L -c \'key %s %n\' -- "$@"',
        'echo "### end"',
      ].join('\n'),
    },
  ],
  analyze: ({ r, open }) => {
    const gate = open(aptSourcesProbe.name);
    if (!gate.ok) return [gate.finding];
    const parsed = parseAptSourcesProbe(gate.value.lines);
    if (!parsed.ok) return [unexpected(r, aptSourcesProbe.name, parsed.what, parsed.line, parsed.no)];
    const keyGate = open(KEYRINGS);
    if (!keyGate.ok) return [keyGate.finding];
    const keyrings = readKeyrings(keyGate.value.lines);
    if (!Array.isArray(keyrings)) return [unexpected(r, KEYRINGS, keyrings.what, keyrings.line, keyrings.no)];

    const k8s = parsed.value.filter((source) => source.enabled && source.uris.some(isPkgsK8sIo));
    const paths = new Map(keyrings.map((keyring) => [keyring.path, keyring.size]));
    const legacy = keyrings.find((keyring) => keyring.path === '/etc/apt/trusted.gpg' && keyring.size > 0);
    const problems: Problem[] = [];
    const evidence: string[] = k8s.map(describe);
    for (const source of k8s) {
      if (source.signedBy === undefined) {
        problems.push({
          status: legacy === undefined ? 'fail' : 'warn',
          text:
            legacy === undefined
              ? `${source.file}: the pkgs.k8s.io entry has no signed-by, and no legacy keyring holds keys: apt update fails with NO_PUBKEY`
              : `${source.file}: the pkgs.k8s.io entry has no signed-by; it relies on keys in the legacy /etc/apt/trusted.gpg`,
        });
        continue;
      }
      const keyPath = source.signedBy.trim();
      if (keyPath.startsWith('/')) {
        const size = paths.get(keyPath);
        const watched = ['/etc/apt/keyrings/', '/usr/share/keyrings/', '/etc/apt/trusted.gpg.d/'].some((dir) =>
          keyPath.startsWith(dir),
        );
        if (watched && size === undefined) {
          problems.push({ status: 'fail', text: `${source.file}: signed-by names ${keyPath}, which does not exist` });
        } else if (size === 0) {
          problems.push({
            status: 'fail',
            text: `${source.file}: signed-by names ${keyPath}, which is empty (a failed download?)`,
          });
        }
      }
    }
    if (legacy !== undefined) {
      evidence.push(`/etc/apt/trusted.gpg: ${legacy.size} bytes`);
      problems.push({
        status: 'warn',
        text: `/etc/apt/trusted.gpg holds keys (${legacy.size} bytes): apt-key was used; every repository trusts them and apt warns "Key is stored in legacy trusted.gpg keyring"`,
      });
    }
    const worst = worstOf(r, problems, { evidence, fix: FIX });
    if (worst) return [worst];
    if (k8s.length === 0)
      return [r.pass('no pkgs.k8s.io source on this node and no legacy trusted.gpg keys', { evidence })];
    return [
      r.pass(`${k8s.length} pkgs.k8s.io source entr${k8s.length === 1 ? 'y names its' : 'ies name their'} keyring`, {
        evidence,
      }),
    ];
  },
});
