// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INFRA_PROBES, planProbes } from '../../../src/diagnostics/probe/plan';
import { commandNames, readOnlyViolations } from '../../../src/diagnostics/probe/read-only';
import { buildProbeScript } from '../../../src/diagnostics/probe/script';
import type { Check, ClusterCheck } from '../../../src/diagnostics/types';
import { runScript } from '../helpers/shells';

const valid = [
  'uname -m',
  'cat /proc/sys/net/ipv4/ip_forward',
  'cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null',
  'ls -l --time-style=+%s /var/lib/apt/lists',
  'find /var/lib/apt/lists -maxdepth 1 -type f -newer /etc/hostname',
  'iptables -S',
  'iptables -w 5 -t nat -S KUBE-SERVICES',
  'iptables -nvL INPUT',
  'iptables-legacy-save -t filter',
  'iptables-nft-save',
  'ip route show',
  'ip -j route show default',
  'ip -4 -o addr show',
  'ip route',
  'ip route get 203.0.113.10',
  'systemctl is-active kubelet',
  'systemctl show -p ActiveState --value kubelet',
  'swapon --show --noheadings',
  'curl -so /dev/null -w %{http_code} https://example.invalid',
  'for b in kubectl; do read -r x; "$b" version --client; done',
  'cat /proc/swaps',
  'sysctl -n net.ipv4.ip_forward',
  'lsmod',
  'kubeadm version -o short',
  'kubelet --version',
  'kubectl version --client -o json',
  'kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -o wide',
  'kubectl config view -o jsonpath={.clusters[0].cluster.server}',
  'grep -h server: /etc/kubernetes/admin.conf $HOME/.kube/config 2>/dev/null',
  'test -r "$HOME/.kube/config" && echo yes || echo no',
  'if command -v file >/dev/null 2>&1; then file -L /usr/bin/kubeadm; else head -c 20 /usr/bin/kubeadm | od -An -tx1; fi',
  'for b in kubeadm kubelet kubectl; do command -v $b; done',
  'case $(uname -m) in x86_64|amd64) echo amd64;; aarch64) echo arm64;; *) echo other;; esac',
  'timeout 3 nc -z -w 3 198.51.100.10 6443; echo rc=$?',
  'curl -sk -m 3 -o /dev/null -w %{http_code} https://198.51.100.10:6443/livez',
  'dpkg --print-architecture',
  'apt-cache policy kubeadm',
  'journalctl -u kubelet -n 50 --no-pager',
  'crictl ps -a',
  'id -un',
  'date +%s',
  'echo "$(id -u):$(uname -m)"',
  // loop variables as command names, narrowed by case branches
  'for t in iptables-legacy-save iptables-nft-save; do "$t" 2>&1; done',
  'for b in kubeadm kubelet kubectl; do case "$b" in kubeadm) v=$("$b" version -o short) ;; kubelet) v=$("$b" --version) ;; *) v=$("$b" version --client) ;; esac; done',
  "sed -e '/^[[:space:]]*#/d' -e 's/^/| /' /etc/apt/sources.list",
  "sed -n -e 's/^[[:space:]]*server:[[:space:]]*/server /p' -e 's/^current-context:[[:space:]]*/current-context /p' /etc/kubernetes/kubelet.conf",
  "sed -n '1,20p;/x/{p;q}' /etc/hostname",
  'awk \'/^(Start-Date|Log started):/ { d = $0 } /404 +Not Found|Failed to fetch/ { print d " | " $0 }\' /var/log/apt/history.log',
  "awk -F: '$3 >= 1000 && $3 < 60000 { print $1 }' /etc/passwd",
  'nft -t list ruleset',
  "command -v nc >/dev/null 2>&1 && nc -h 2>&1 | grep -q -e '-z'",
  'iptables -V',
  'd=${VAGRANT_CWD:-$(pwd)}; while :; do [ -f "$d/Vagrantfile" ] && break; d=$(dirname "$d"); done',
  'set -f; oldifs=$IFS; IFS=:; for f in $KUBECONFIG; do echo "$f"; done; IFS=$oldifs; set +f',
];

const invalid: Array<[string, RegExp]> = [
  ['iptables -F', /-F is not on the read-only list/],
  ['iptables -X KUBE-SERVICES', /-X is not on the read-only list/],
  ['iptables -P INPUT ACCEPT', /-P is not on the read-only list/],
  ['iptables -D INPUT 1', /-D is not on the read-only list/],
  ['iptables -L -Z', /-Z is not on the read-only list/],
  ['iptables --flush', /--flush is not on the read-only list/],
  ['iptables -t nat', /only -L\/-S listing/],
  ['iptables-save -f /tmp/rules', /-f is not on the read-only list/],
  ['ip route add default via 198.51.100.1', /"add" is not a read-only verb/],
  ['ip route del default', /"del" is not a read-only verb/],
  ['ip r flush table main', /"flush" is not a read-only verb/],
  ['ip link set eth0 down', /"set" is not a read-only verb/],
  ['ip -batch /tmp/cmds', /option -batch/],
  ['ip netns exec x id', /object "netns"/],
  ['echo x > /etc/hosts', /writes a file/],
  ['echo x >> /tmp/log', /writes a file/],
  ['cat /etc/hostname >| /tmp/x', /writes a file/],
  ['uname -m 1>/tmp/x', /writes a file/],
  ['rm -rf /var/lib/apt/lists', /"rm" is not on the read-only list/],
  ['apt-get update', /"apt-get" is not on the read-only list/],
  ['systemctl restart kubelet', /subcommand "restart"/],
  ['systemctl --now disable kubelet', /subcommand "disable"/],
  ['swapoff -a', /"swapoff" is not on the read-only list/],
  ['swapon -a', /-a is not on the read-only list/],
  ['sysctl -w net.ipv4.ip_forward=1', /changes settings|sets a value/],
  ['sysctl net.ipv4.ip_forward=1', /sets a value/],
  ['modprobe br_netfilter', /"modprobe" is not on the read-only list/],
  ['kubeadm reset -f', /kubeadm: "reset"/],
  ['kubectl delete node w1', /kubectl: "delete node"/],
  ['kubectl config view --raw', /credentials/],
  ['cat /etc/kubernetes/admin.conf', /credentials/],
  ['cat ~/.kube/config', /credentials/],
  ['kubelet --config /var/lib/kubelet/config.yaml', /only a version query/],
  ['find / -name x -delete', /-delete runs or writes/],
  ['find /tmp -exec rm {} \\;', /-exec runs or writes/],
  ['sort -o /etc/passwd /etc/passwd', /-o changes the node/],
  ['curl -o /tmp/x https://example.invalid', /-o writes a file/],
  ['curl -X POST https://example.invalid', /-X is not on the read-only list/],
  ['nc -l 8080', /-l is not on the read-only list|only port probes/],
  ['sh -c "iptables -F"', /"sh" is not on the read-only list/],
  ['bash -c id', /"bash" is not on the read-only list/],
  ['eval iptables -F', /"eval" is not on the read-only list/],
  ['xargs rm < /tmp/list', /"xargs" is not on the read-only list/],
  ['tee /tmp/x', /"tee" is not on the read-only list/],
  ['sleep 100 &', /background jobs/],
  ['echo $(iptables -F)', /-F is not on the read-only list/],
  ['echo `rm -f /x`', /"rm" is not on the read-only list/],
  ['$CMD -F', /command name \$CMD is an expansion/],
  ['PATH=/tmp iptables -S', /PATH= changes how commands run/],
  ['cat <<EOF\nx\nEOF', /here-documents|redirection << is not supported/],
  ['timeout 3 iptables -F', /-F is not on the read-only list/],
  ['command iptables -F', /-F is not on the read-only list/],
  ['hostname evil', /operand evil is not allowed/],
  ['date -s 2020-01-01', /could set the clock/],
  ['echo "unterminated', /unterminated double quote/],
  ['wget http://example.invalid/x', /"wget" is not on the read-only list/],
  // a loop variable is only as good as its values; case narrowing is what makes the valid one pass
  ['for b in kubelet kubectl; do "$b" version --client; done', /kubelet: only a version query/],
  ['for b in kubectl rm; do "$b" x; done', /"rm" is not on the read-only list/],
  ['for b in $(ls /usr/bin); do "$b"; done', /command name \$b is an expansion/],
  ['b=kubectl; "$b" delete node x', /command name \$b is an expansion/],
  ['x=${y:-$(iptables -F)}', /-F is not on the read-only list/],
  ['echo "${y:-`rm -rf /`}"', /"rm" is not on the read-only list/],
  ["sed -i 's/a/b/' /etc/hosts", /-i edits files in place/],
  ["sed 's/a/b/w /tmp/out' /etc/hosts", /s\/\/\/w writes a file/],
  ["sed -n '/x/w /tmp/out' /etc/hosts", /w writes a file/],
  ["sed '1e id' /etc/hosts", /e runs a command/],
  ["sed 's/x/id/e' /etc/hosts", /s\/\/\/e runs a command/],
  ['awk \'{ system("iptables -F") }\' /etc/hosts', /system\(\) runs a command/],
  ['awk \'{ print > "/etc/hosts" }\' /etc/passwd', /> can redirect output/],
  ['awk \'{ print | "sh" }\' /etc/passwd', /\| pipes to a command/],
  ['awk \'BEGIN { "id" | getline x }\'', /getline/],
  ['awk -f /tmp/prog.awk /etc/passwd', /-f reads a program file/],
  ['nft flush ruleset', /only "nft list/],
  ['nc -h -l 80', /-h is not on the read-only list|only port probes/],
  ['nft -f /tmp/rules', /flag -f/],
  // issue 15, F11: writing or running through flags the first list missed
  ['curl -so/tmp/x https://example.invalid', /-o writes a file/],
  ['curl -sSo /tmp/x https://example.invalid', /-o writes a file/],
  ['curl --output /tmp/x https://example.invalid', /--output writes a file/],
  ['ss -D /tmp/dump -t', /-D changes the node/],
  ['ss --diag=/tmp/dump', /--diag changes the node/],
  ['sort --compress-program=/tmp/prog /etc/hosts', /--compress-program changes the node/],
  ['sort --compress=/tmp/prog /etc/hosts', /--compress changes the node/],
  ['for b in kubectl; do read b; "$b" x; done', /command name \$b is an expansion/],
  ['for b in kubectl; do read -r a b; "$b" x; done', /command name \$b is an expansion/],
  ['for b in kubectl; do export b=rm; "$b" x; done', /command name \$b is an expansion/],
];

describe('read-only allowlist', () => {
  it.each(valid)('accepts %s', (command) => {
    expect(readOnlyViolations(command)).toEqual([]);
  });
  it.each(invalid)('refuses %s', (command, reason) => {
    const violations = readOnlyViolations(command);
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toMatch(reason);
  });
  it('lists the command names of a line', () => {
    expect(commandNames('A=1 uname -m | tr a b; if test -f x; then cat x; fi')).toEqual(['uname', 'tr', 'test', 'cat']);
  });
  it('refuses a check with a writing probe before any node is contacted', () => {
    const bad: Check = {
      meta: {
        id: 'bad',
        title: 'bad',
        runbook: 'iptables-flush-lockout',
        severity: 'error',
        roles: ['worker'],
        needsRoot: true,
      },
      probes: [{ name: 'flush', command: 'iptables -F' }],
      analyze: () => [],
    };
    expect(() => planProbes([bad], [])).toThrow(/probe flush is not read-only: iptables: flag -F/);
  });
});

type Listing<T> = readonly T[] | Readonly<Record<string, T>>;
const list = <T>(value: Listing<T> | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? [...value] : Object.values(value);

/** The real registry (its maps may be records or arrays). */
async function loadRegistry(): Promise<
  { nodeChecks: Check[]; hostChecks: Check[]; clusterChecks: ClusterCheck[] } | undefined
> {
  const file = join(__dirname, '../../../src/diagnostics/registry.ts');
  if (!existsSync(file)) return undefined;
  const mod = (await import(file)) as {
    nodeChecks?: Listing<Check>;
    hostChecks?: Listing<Check>;
    clusterChecks?: Listing<ClusterCheck>;
  };
  return { nodeChecks: list(mod.nodeChecks), hostChecks: list(mod.hostChecks), clusterChecks: list(mod.clusterChecks) };
}

describe('every command the probe builder can emit', async () => {
  const registry = await loadRegistry();
  const nodeChecks = [...(registry?.nodeChecks ?? []), ...(registry?.hostChecks ?? [])];
  const clusterChecks = registry?.clusterChecks ?? [];
  const all = [
    ...INFRA_PROBES.map((p) => ({ owner: 'k8sdiag', ...p })),
    ...nodeChecks.flatMap((c) => c.probes.map((p) => ({ owner: c.meta.id, ...p }))),
    ...clusterChecks.flatMap((c) => c.probes.map((p) => ({ owner: c.meta.id, ...p }))),
  ];

  it('found the registry and its probes', () => {
    expect(registry, 'src/diagnostics/registry.ts').toBeDefined();
    expect(all.length).toBeGreaterThan(20);
  });

  it.each(all.map((p) => [`${p.owner}/${p.name}`, p.command] as const))('%s is read-only: %s', (_key, command) => {
    expect(readOnlyViolations(command)).toEqual([]);
  });

  it('plans the whole registry without refusal', () => {
    const plan = planProbes(nodeChecks, clusterChecks);
    expect(plan.probes.length).toBeGreaterThan(20);
  });

  it('the script wrapper itself runs only sh, timeout, sudo, head, id, tr, date and true', async () => {
    // Run the real script with PATH shims that log every external program and then exec it.
    const dir = mkdtempSync(join(tmpdir(), 'k8sdiag-shim-'));
    const log = join(dir, 'log');
    writeFileSync(log, '');
    const wrapper = ['sh', 'timeout', 'sudo', 'head', 'id', 'tr', 'date', 'true', 'cat', 'ls', 'uname'];
    for (const tool of wrapper) {
      const real = tool === 'sh' ? '/bin/dash' : `/usr/bin/${tool}`;
      const shim = join(dir, tool);
      writeFileSync(shim, `#!/bin/dash\nprintf '%s\\n' "${tool}" >>"${log}"\nexec ${real} "$@"\n`);
      chmodSync(shim, 0o755);
    }
    const plan = {
      capBytes: 1000,
      probes: [
        { index: 0, keys: ['a'], command: 'uname -m', needsRoot: false, timeoutSeconds: 5 },
        { index: 1, keys: ['b'], command: 'cat /proc/loadavg', needsRoot: true, timeoutSeconds: 5 },
      ],
    };
    const script = buildProbeScript(plan, { nonce: 'ab'.repeat(16) }).replace(
      'PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"',
      `PATH="${dir}"`,
    );
    await runScript({ name: 'dash', file: '/bin/dash', args: ['-s'], env: { PATH: dir } }, script);
    const ran = new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean));
    rmSync(dir, { recursive: true, force: true });
    // The probes' own commands (uname, cat) plus the wrapper's (`id -u` only where /proc/self/status
    // does not give the uid).
    expect([...ran].sort()).toEqual(expect.arrayContaining(['cat', 'head', 'sh', 'timeout', 'uname']));
    for (const tool of ran)
      expect(['sh', 'timeout', 'sudo', 'head', 'id', 'tr', 'date', 'true', 'cat', 'uname']).toContain(tool);
  });
});
