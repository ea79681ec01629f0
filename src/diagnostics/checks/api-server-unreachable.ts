// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * A worker cannot reach the API server its kubelet is configured for. `kubeadm join` then waits
 * (for discovery or the TLS bootstrap) without a word until its timeout. The probe reads the
 * server URL from the node's own kubelet kubeconfig, checks it is a plain https URL, and asks
 * /healthz with curl (nc -z as a fallback, only where nc has -z: busybox nc does not, and its
 * usage error would look like a failed connection); nothing from the context goes into the command.
 */

import { hostOf, isVagrantNat, splitBlocks, splitTag } from '../probes/blocks';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { unexpected } from './support/findings';

const meta: CheckSpecMeta = {
  id: 'api-server-unreachable',
  title: 'The worker reaches the API server',
  titleKo: '워커 노드에서 API 서버에 연결된다',
  runbook: 'kubeadm-join-hangs',
  severity: 'error',
  roles: ['worker'],
};

const PROBE = 'apiserver-reach';

/** curl exit codes that mean the TCP/TLS connection itself failed. */
const CURL_REASONS: Record<number, string> = {
  6: 'the host name does not resolve',
  7: 'connection refused or no route',
  28: 'timed out (a firewall drops the packets, or the address is wrong)',
  35: 'TLS handshake failed',
  52: 'empty reply',
  56: 'connection reset',
};

const FIX =
  'from the worker: curl -k https://<control-plane>:6443/healthz; open tcp/6443 on the control plane (iptables/ufw), make sure the API server advertises an address the workers can reach (not 10.0.2.15), and give kubeadm join a timeout (Ansible: async/poll or timeout)';

export default defineCheck({
  meta,
  probes: [
    {
      name: PROBE,
      needsRoot: true,
      timeoutSeconds: 15,
      command: [
        "nl='",
        "'",
        'server=',
        'for f in /etc/kubernetes/kubelet.conf /etc/kubernetes/bootstrap-kubelet.conf; do',
        '  if [ -f "$f" ]; then',
        // One awk instead of `sed | head | tr` (issue 16: processes per node); same first value, same characters dropped.
        '    server=$(awk \'!seen && /^[[:space:]]*server:/ { sub(/^[[:space:]]*server:[[:space:]]*/, ""); gsub(/["\\047\\r ]/, ""); print; seen = 1 }\' "$f")',
        '    echo "source $f"; break',
        '  fi',
        'done',
        'case "$server" in',
        '  "") echo "server none" ;;',
        '  *[!]A-Za-z0-9._:/[-]*) echo "server unsafe"; server= ;;',
        '  https://*) echo "server $server" ;;',
        '  *) echo "server unsupported"; server= ;;',
        'esac',
        'if [ -n "$server" ]; then',
        '  hp=${server#https://}; hp=${hp%%/*}',
        '  case "$hp" in',
        '    \\[*\\]:*) host=${hp%\\]:*}; host=${host#\\[}; port=${hp##*\\]:} ;;',
        '    *:*) host=${hp%:*}; port=${hp##*:} ;;',
        '    *) host=$hp; port=443 ;;',
        '  esac',
        '  if command -v curl >/dev/null 2>&1; then',
        '    out=$(curl -k -sS -o /dev/null -w \'%{http_code}\' --connect-timeout 3 --max-time 5 "$server/healthz" 2>&1); rc=$?',
        // Newlines to spaces by builtins (was `printf | tr`).
        '    o=; while :; do case $out in *"$nl"*) o="$o${out%%"$nl"*} "; out=${out#*"$nl"} ;; *) o="$o$out"; break ;; esac; done',
        '    echo "curl $rc $o"',
        "  elif command -v nc >/dev/null 2>&1 && nc -h 2>&1 | grep -q -e '-z'; then",
        '    nc -z -w 3 "$host" "$port" >/dev/null 2>&1; echo "nc $?"',
        '  else echo "tool none"; fi',
        'fi',
        'echo "### end"',
      ].join('\n'),
    },
  ],
  analyze: ({ r, context, open }) => {
    const gate = open(PROBE);
    if (!gate.ok) return [gate.finding];
    const { head, blocks, complete } = splitBlocks(gate.value.lines);
    const stray = blocks[0];
    if (stray) return [unexpected(r, PROBE, 'unknown marker', `### ${stray.marker}`, stray.no)];
    let source: string | undefined;
    let server: string | undefined;
    let result: { tool: string; code: number; rest: string } | undefined;
    let noTool = false;
    for (const { text, no } of head) {
      if (text.trim() === '') continue;
      const [tag, rest] = splitTag(text);
      if (tag === 'source' && rest.startsWith('/')) source = rest;
      else if (tag === 'server') server = rest;
      else if ((tag === 'curl' || tag === 'nc') && /^\d+\b/.test(rest)) {
        const [code, after] = splitTag(rest);
        result = { tool: tag, code: Number(code), rest: after };
      } else if (tag === 'tool' && rest === 'none') noTool = true;
      else return [unexpected(r, PROBE, 'expected source/server/curl/nc/tool lines', text, no)];
    }
    if (server === undefined || !complete)
      return [unexpected(r, PROBE, 'no "server" line or end marker (output cut short?)', gate.value.lines[0] ?? '', 1)];
    const expected = context.controlPlaneEndpoint;
    const evidence = [source ? `read from ${source}` : 'no kubelet kubeconfig', `server: ${server}`];
    if (server === 'none') {
      return [
        r.skip(
          `no /etc/kubernetes/kubelet.conf or bootstrap-kubelet.conf: this worker has not joined${expected ? `; test by hand: curl -k https://${expected}/healthz` : ''}`,
          { evidence },
        ),
      ];
    }
    if (server === 'unsafe' || server === 'unsupported') {
      return [
        r.warn(
          `the server URL in ${source ?? 'the kubelet kubeconfig'} is ${server === 'unsafe' ? 'not a plain https URL' : 'not https'}; not contacted`,
          {
            evidence,
            fix: 'look at the server: line of /etc/kubernetes/kubelet.conf; it should be https://<control-plane address>:6443',
          },
        ),
      ];
    }
    const host = hostOf(server);
    const notes: string[] = [];
    if (isVagrantNat(host)) notes.push(`${host} is the Vagrant NAT address: on a worker it is the worker itself`);
    if (expected !== undefined && hostOf(expected) !== host)
      notes.push(`the inventory's control-plane endpoint is ${expected}`);
    if (noTool || result === undefined) {
      return [
        r.skip('neither curl nor nc is installed on this node; reachability not tested', {
          evidence: [...evidence, ...notes],
        }),
      ];
    }
    evidence.push(`${result.tool} exit ${result.code}${result.rest ? `: ${result.rest}` : ''}`);
    const reached = result.code === 0;
    if (reached) {
      const status = result.tool === 'curl' ? (result.rest.trim().split(/\s+/).pop() ?? '') : '';
      const message = `${server} answers${status ? ` (HTTP ${status} on /healthz)` : ''}`;
      if (notes.length > 0) return [r.warn(`${message}, but ${notes.join('; ')}`, { evidence, fix: FIX })];
      return [r.pass(message, { evidence })];
    }
    const why =
      result.tool === 'curl' ? (CURL_REASONS[result.code] ?? `curl error ${result.code}`) : 'nc could not connect';
    return [
      r.fail(`${server} is not reachable from this worker: ${why}${notes.length > 0 ? `; ${notes.join('; ')}` : ''}`, {
        evidence,
        fix: FIX,
      }),
    ];
  },
});
