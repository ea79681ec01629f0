// biome-ignore-all lint/suspicious/noTemplateCurlyInString: probe commands are POSIX sh; ${...} is shell parameter expansion
/**
 * The shared `user-kubeconfig` probe: who the SSH user is, which kubeconfig files kubectl would
 * read for them (KUBECONFIG or ~/.kube/config) and the server lines in those files.
 */

import type { Probe } from '../types';
import { splitBlocks, splitTag } from './blocks';
import type { Parsed } from './parsed';

/** The SSH user's kubeconfig as kubectl would find it: KUBECONFIG or ~/.kube/config, and its server lines. */
export const userKubeconfigProbe: Probe = {
  name: 'user-kubeconfig',
  command: [
    // The uid from /proc/self/status by builtins (the shell's own, what `id -u` prints), `id -u`
    // only without it (issue 16: one process fewer).
    'u=; if [ -r /proc/self/status ]; then while read -r k r e x; do if [ "$k" = Uid: ]; then u=$e; break; fi; done </proc/self/status; fi',
    "case $u in ''|*[!0-9]*) u=$(id -u 2>/dev/null) ;; esac",
    'echo "user $(id -un 2>/dev/null) $u"',
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

export interface KubeconfigFile {
  path: string;
  state: 'missing' | 'unreadable' | 'readable';
  servers: string[];
  currentContext: string | undefined;
}

export interface UserKubeconfig {
  user: string;
  uid: string;
  home: string;
  /** The KUBECONFIG value, or undefined when unset. */
  env: string | undefined;
  files: KubeconfigFile[];
  adminConf: boolean;
}

export function parseUserKubeconfig(lines: readonly string[]): Parsed<UserKubeconfig> {
  const { head, blocks, complete } = splitBlocks(lines);
  const stray = blocks[0];
  if (stray) return { ok: false, what: 'unknown marker', line: `### ${stray.marker}`, no: stray.no };
  const result: UserKubeconfig = { user: '', uid: '', home: '', env: undefined, files: [], adminConf: false };
  let sawUser = false;
  let sawAdmin = false;
  let current: KubeconfigFile | undefined;
  for (const { text, no } of head) {
    if (text.trim() === '') continue;
    const [tag, rest] = splitTag(text);
    switch (tag) {
      case 'user': {
        const [user, uid] = splitTag(rest);
        result.user = user;
        result.uid = uid;
        sawUser = true;
        break;
      }
      case 'home':
        result.home = rest;
        break;
      case 'kubeconfig-env':
        result.env = rest === '' ? undefined : rest;
        break;
      case 'file': {
        const [state, path] = splitTag(rest);
        if ((state !== 'missing' && state !== 'unreadable' && state !== 'readable') || path === '') {
          return { ok: false, what: 'expected "file missing|unreadable|readable <path>"', line: text, no };
        }
        current = { path, state, servers: [], currentContext: undefined };
        result.files.push(current);
        break;
      }
      case 'server':
        if (current === undefined) return { ok: false, what: 'server line before any file line', line: text, no };
        current.servers.push(rest.replace(/^["']|["']$/g, ''));
        break;
      case 'current-context':
        if (current === undefined)
          return { ok: false, what: 'current-context line before any file line', line: text, no };
        current.currentContext = rest.replace(/^["']|["']$/g, '');
        break;
      case 'admin-conf':
        if (rest !== 'present' && rest !== 'absent')
          return { ok: false, what: 'expected "admin-conf present|absent"', line: text, no };
        result.adminConf = rest === 'present';
        sawAdmin = true;
        break;
      default:
        return { ok: false, what: 'expected user/home/kubeconfig-env/file/server/admin-conf lines', line: text, no };
    }
  }
  if (!sawUser || !sawAdmin || !complete) {
    return {
      ok: false,
      what: 'the user or admin-conf line or the end marker is missing (output cut short?)',
      line: lines[0] ?? '',
      no: 1,
    };
  }
  return { ok: true, value: result };
}
