// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The `apiserver-reach` probe and its parser: the server URL of the node's own kubelet kubeconfig
 * (`source <file>`, `server <url>|none|unsafe|unsupported`) and whether its /healthz answers
 * (`curl <exit code> <stderr> <http code>`, `nc <exit code>`, or `tool none`)
 * (api-server-unreachable reads it).
 *
 * The probe checks the URL is a plain https URL before using it, and asks with curl (nc -z as a
 * fallback, only where nc has -z: busybox nc does not, and its usage error would look like a failed
 * connection); nothing from the context goes into the command.
 */
import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** The kubelet's API server URL and a /healthz request to it. */
export const apiserverReachProbe: Probe = {
  name: 'apiserver-reach',
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
};

export interface ReachResult {
  tool: 'curl' | 'nc';
  /** The tool's exit code. */
  code: number;
  /** What followed the exit code: curl's stderr and the HTTP status (empty for nc). */
  rest: string;
}

export interface ApiserverReach {
  /** The kubeconfig the server URL came from, when one exists. */
  source: string | undefined;
  /** The URL, or `none`, `unsafe` (not plain URL characters), `unsupported` (not https). */
  server: string;
  /** undefined when nothing was contacted. */
  result: ReachResult | undefined;
  /** Neither curl nor a nc with -z is installed. */
  noTool: boolean;
}

export function parseApiserverReach(lines: readonly string[]): Parsed<ApiserverReach> {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  let source: string | undefined;
  let server: string | undefined;
  let result: ReachResult | undefined;
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
    else return { ok: false, what: 'expected source/server/curl/nc/tool lines', line: text, no };
  }
  if (server === undefined || !complete)
    return { ok: false, what: 'no "server" line or end marker (output cut short?)', line: lines[0] ?? '', no: 1 };
  return { ok: true, value: { source, server, result, noTool } };
}
