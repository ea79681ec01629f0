/**
 * Builds the one POSIX sh script a node runs. Properties (tested by running it under dash and
 * busybox sh):
 * - the whole body is one `{ ... }` group, so the shell has parsed all of it before the first
 *   probe runs, and every probe reads /dev/null, never the rest of the script on stdin;
 * - each probe runs as `sh -c CMD` under `timeout` when the node has one (GNU or busybox), root
 *   probes under `sudo -n` when not uid 0, or are skipped with sudo's reason;
 * - stdout streams straight through `head -c` (cap + 1 bytes, so the parser can tell a cut),
 *   stderr is captured the same way and printed after it; no temporary files are written;
 * - sections are delimited by marker lines `@@K8SDIAG <nonce> <kind> ...` on their own line;
 *   begin and skip markers name the probe(s), so saved output can be read without the plan.
 *   The nonce lives only in a shell variable and in arguments of builtins (printf), never in a
 *   process's argv or environment, so a probe cannot print it; the parser counts only markers
 *   that carry it.
 * - cost (issue 16): where the node has mawk or gawk (awks that keep NUL bytes), one awk process caps every section for the whole run
 *   (it reads the nonce as its first input line, never from argv); with GNU timeout (or none) the
 *   probes of one shell run as one group, one `timeout` and one `sh` (GROUP below), each probe
 *   keeping its own deadline; all root probes run in one `sudo -n sh -c`, which is also the
 *   question whether sudo works (no `sudo -n true` first; a refusal skips them with its reason);
 *   the uid comes from /proc/self/status and `timeout --version` tells GNU timeout apart.
 *   Without such an awk (busybox) the script falls back to the per-probe `head -c` pipes
 *   (k8sdiag_probe below), at about four times the processes.
 */
import { planHash } from './plan';
import { shQuote } from './shell-quote';
import type { PlannedProbe, ProbePlan } from './types';

export const MARKER = '@@K8SDIAG';
/** Bumped when the marker protocol changes; the header carries it. */
export const SCRIPT_PROTOCOL = 1;

/** `$` inside String.raw templates below, where `\${` would keep its backslash. */
const D = '$';

export interface ScriptOptions {
  nonce: string;
}

const PRELUDE = String.raw`k8sdiag_mark() { printf '\n${MARKER} %s %s\n' "$k8sdiag_n" "$*"; }
k8sdiag_now() {
  if read k8sdiag_t k8sdiag_x </proc/uptime 2>/dev/null; then :; else k8sdiag_t=$(date +%s 2>/dev/null); fi
}
k8sdiag_exec() {
  if [ "$2" = 1 ] && [ "$k8sdiag_uid" != 0 ]; then
    case $k8sdiag_to in
      k) sudo -n timeout -k 2 "$1" sh -c "$3" ;;
      t) sudo -n timeout -t "$1" sh -c "$3" ;;
      *) sudo -n sh -c "$3" ;;
    esac
  else
    case $k8sdiag_to in
      k) timeout -k 2 "$1" sh -c "$3" ;;
      t) timeout -t "$1" sh -c "$3" ;;
      *) sh -c "$3" ;;
    esac
  fi
}
k8sdiag_probe() {
  if [ "$3" = 1 ] && [ -n "$k8sdiag_noroot" ]; then
    k8sdiag_mark "S $1 $4 $k8sdiag_noroot"
    return
  fi
  k8sdiag_mark "B $1 $4"
  k8sdiag_now
  k8sdiag_t0=$k8sdiag_t
  k8sdiag_e=$(
    exec 6>&1
    k8sdiag_rc=$( { { { k8sdiag_exec "$2" "$3" "$5" 3>&- 4>&- 5>&- 6>&- </dev/null; echo "$?" >&5; } 2>&1 1>&4 | head -c "$k8sdiag_cap" >&6; } 4>&1 | head -c "$k8sdiag_cap" >&3; } 5>&1 )
    k8sdiag_now
    printf '\n${MARKER} %s O %s %s %s %s\n' "$k8sdiag_n" "$1" "$k8sdiag_rc" "$k8sdiag_t0" "$k8sdiag_t" >&3
    printf x
  )
  printf '%s' "${D}{k8sdiag_e%x}"
  k8sdiag_mark "E $1"
}
k8sdiag_to=
k8sdiag_gnu=
k8sdiag_uid=
if [ -r /proc/self/status ]; then
  while read -r k8sdiag_k k8sdiag_x k8sdiag_v k8sdiag_y; do
    if [ "$k8sdiag_k" = Uid: ]; then k8sdiag_uid=$k8sdiag_v; break; fi
  done </proc/self/status
fi
case $k8sdiag_uid in ''|*[!0-9]*) k8sdiag_uid= ;; esac
if command -v timeout >/dev/null 2>&1; then
  case $(timeout --version 2>/dev/null </dev/null) in
    *'GNU coreutils'*) k8sdiag_to=k; k8sdiag_gnu=1 ;;
  esac
  if [ -n "$k8sdiag_to" ] && [ -n "$k8sdiag_uid" ]; then :
  elif k8sdiag_uid=$(timeout --preserve-status -k 1 5 id -u 2>/dev/null); then k8sdiag_to=k; k8sdiag_gnu=1
  elif k8sdiag_uid=$(timeout -k 1 5 id -u 2>/dev/null); then k8sdiag_to=k
  elif k8sdiag_uid=$(timeout -t 5 id -u 2>/dev/null); then k8sdiag_to=t
  fi
fi
[ -n "$k8sdiag_to" ] || k8sdiag_uid=$(id -u 2>/dev/null)
k8sdiag_noroot=
`;

/**
 * The cheap path (mawk or gawk present): one probe is one `timeout` plus the `sh -c` it starts. The
 * probe's stdout goes to fd 4 (the awk filter), its stderr into k8sdiag_e; an `x` after it keeps
 * trailing newlines through the command substitution (a probe killed by timeout(1) has none).
 * With GNU timeout (it signals the probe's whole process group) the `x` comes from an EXIT trap in the
 * probe's own shell, so the substitution execs timeout: two processes per probe. Other timeouts
 * (busybox) signal only their child, which must then be the probe's command itself (sh -c execs a
 * lone simple command), so the substitution's shell prints the `x` after it: one process more. Used by the main shell and by the one root shell (which reads the nonce from
 * its stdin, a here-document, and gets the timeout flavour as $1).
 */
const MARK_NOW = String.raw`k8sdiag_mark() { printf "\n${MARKER} %s %s\n" "$k8sdiag_n" "$*"; }
k8sdiag_now() {
  if read k8sdiag_t k8sdiag_x </proc/uptime 2>/dev/null; then :; else k8sdiag_t=$(date +%s 2>/dev/null); fi
}
`;
const RUN = String.raw`k8sdiag_run() {
  k8sdiag_mark "B $1 $3"
  printf "%s\n" "$k8sdiag_pad"
  k8sdiag_now
  k8sdiag_t0=$k8sdiag_t
  case $k8sdiag_to$k8sdiag_gnu in
    k1) k8sdiag_e=$(timeout -k 2 "$2" sh -c "trap \"printf x >&2\" EXIT
$4" 2>&1 >&4 4>&- </dev/null) ;;
    k) k8sdiag_e=$(timeout -k 2 "$2" sh -c "$4" 2>&1 >&4 4>&- </dev/null; k8sdiag_r=$?; printf x; exit "$k8sdiag_r") ;;
    t) k8sdiag_e=$(timeout -t "$2" sh -c "$4" 2>&1 >&4 4>&- </dev/null; k8sdiag_r=$?; printf x; exit "$k8sdiag_r") ;;
    *) k8sdiag_e=$(sh -c "$4" 2>&1 >&4 4>&- </dev/null; k8sdiag_r=$?; printf x; exit "$k8sdiag_r") ;;
  esac
  k8sdiag_rc=$?
  k8sdiag_now
  printf "\n${MARKER} %s O %s %s %s %s\n%s" "$k8sdiag_n" "$1" "$k8sdiag_rc" "$k8sdiag_t0" "$k8sdiag_t" "${D}{k8sdiag_e%x}"
  k8sdiag_mark "E $1"
}
`;

/**
 * Groups (issue 16, GNU timeout or none): one `timeout` and one `sh` run a whole group of probes
 * that share a deadline. The group shell (GROUP_SH, given the probes as arguments, the nonce on its
 * stdin) runs each probe by `eval` inside a function (its `set --` stays local; probes never call
 * `exit`, and one that does only ends the group early), stdout straight to the filter with the
 * usual B/O/E markers, stderr to the outer shell's command substitution, each probe's part after a
 * nonce-carrying separator `s POS INDEX T0`; an EXIT trap ends it with `s end` (all ran) or `s exit`.
 * The outer shell (k8sdiag_group) hands each probe's stderr on as an `X INDEX` section after the
 * group. The deadline stays per probe: a run starting at position P gets the group's deadline from
 * P; when `timeout` kills the group during the probe at P, that probe had its whole deadline and
 * is closed as timed out (O with timeout's status); when it kills it during a later probe, that one
 * had less, so the group restarts at it (the parser lets the new B supersede the first). A probe
 * that ended the group early is closed with the group's status. Other timeouts (busybox) signal
 * only their child, so there each probe runs alone (k8sdiag_run).
 */
const GROUP_SH = String.raw`read k8sdiag_n
exec </dev/null
k8sdiag_s=$1
shift
k8sdiag_mark() { printf "\n${MARKER} %s %s\n" "$k8sdiag_n" "$*"; }
k8sdiag_now() {
  if read k8sdiag_t k8sdiag_x </proc/uptime 2>/dev/null; then :; else k8sdiag_t=$(date +%s 2>/dev/null); fi
}
k8sdiag_pad=xxxxxxxxxxxxxxxx
for k8sdiag_i in 1 2 3 4 5 6 7 8 9; do k8sdiag_pad=$k8sdiag_pad$k8sdiag_pad; done
k8sdiag_pad="${MARKER} $k8sdiag_n P $k8sdiag_pad"
trap "printf \"\n${MARKER} %s s %s\n\" \"\$k8sdiag_n\" \"\${k8sdiag_c:-exit}\" >&2" EXIT
k8sdiag_one() {
  k8sdiag_mark "B $1"
  printf "%s\n" "$k8sdiag_pad"
  k8sdiag_now
  k8sdiag_t0=$k8sdiag_t
  k8sdiag_ix=${D}{1%% *}
  printf "\n${MARKER} %s s %s %s %s\n" "$k8sdiag_n" "$k8sdiag_p" "$k8sdiag_ix" "$k8sdiag_t0" >&2
  eval "$2" </dev/null
  k8sdiag_r=$?
  k8sdiag_now
  printf "\n${MARKER} %s O %s %s %s %s\n" "$k8sdiag_n" "$k8sdiag_ix" "$k8sdiag_r" "$k8sdiag_t0" "$k8sdiag_t"
  k8sdiag_mark "E $k8sdiag_ix"
}
k8sdiag_p=0
while [ "$#" -ge 2 ]; do
  [ "$k8sdiag_p" -lt "$k8sdiag_s" ] || k8sdiag_one "$1" "$2"
  k8sdiag_p=$((k8sdiag_p + 1))
  shift 2
done
k8sdiag_c=end
`;

/**
 * The outer side of a group: `k8sdiag_group 'DEADLINE ...' 'INDEX KEYS' 'COMMAND' ...`, one deadline
 * per probe, ascending. Reads the group's stderr back by its separators (literal prefix removal
 * only, linear in its length). A run of the group starting at position P gets P's deadline: every
 * later probe in that run has a deadline at least as long, so none can run past its own; one that
 * the run's deadline cuts short is restarted with its own (k8sdiag_deadline reads it from the list).
 */
const GROUP = String.raw`k8sdiag_nl="
"
k8sdiag_deadline() {
  k8sdiag_j=0
  for k8sdiag_gt in $k8sdiag_gds; do
    [ "$k8sdiag_j" -lt "$1" ] || return 0
    k8sdiag_j=$((k8sdiag_j + 1))
  done
}
k8sdiag_group() {
  k8sdiag_gds=$1
  shift
  case $k8sdiag_to$k8sdiag_gnu in
    k1|"") ;;
    *)
      k8sdiag_p=0
      while [ "$#" -ge 2 ]; do
        k8sdiag_deadline "$k8sdiag_p"
        k8sdiag_run "${D}{1%% *}" "$k8sdiag_gt" "${D}{1#* }" "$2"
        k8sdiag_p=$((k8sdiag_p + 1))
        shift 2
      done
      return ;;
  esac
  k8sdiag_S="$k8sdiag_nl${MARKER} $k8sdiag_n s "
  k8sdiag_s=0
  while :; do
    k8sdiag_deadline "$k8sdiag_s"
    if [ -n "$k8sdiag_to" ]; then
      k8sdiag_g=$(timeout -k 2 "$k8sdiag_gt" sh -c "$k8sdiag_gsh" k8sdiag "$k8sdiag_s" "$@" 2>&1 >&4 4>&- <<K8SDIAG_EOF
$k8sdiag_n
K8SDIAG_EOF
)
    else
      k8sdiag_g=$(sh -c "$k8sdiag_gsh" k8sdiag "$k8sdiag_s" "$@" 2>&1 >&4 4>&- <<K8SDIAG_EOF
$k8sdiag_n
K8SDIAG_EOF
)
    fi
    k8sdiag_gr=$?
    k8sdiag_cur=
    k8sdiag_h=
    while :; do
      k8sdiag_e=${D}{k8sdiag_g%%"$k8sdiag_S"*}
      k8sdiag_g=${D}{k8sdiag_g#"$k8sdiag_e"}
      if [ -z "$k8sdiag_g" ]; then
        k8sdiag_last=$k8sdiag_e
        break
      fi
      k8sdiag_g=${D}{k8sdiag_g#"$k8sdiag_S"}
      k8sdiag_h=${D}{k8sdiag_g%%"$k8sdiag_nl"*}
      k8sdiag_g=${D}{k8sdiag_g#"$k8sdiag_h"}
      k8sdiag_g=${D}{k8sdiag_g#"$k8sdiag_nl"}
      case $k8sdiag_h in
        end|exit)
          [ "$k8sdiag_h" = exit ] || k8sdiag_cur=
          k8sdiag_last=$k8sdiag_e
          break ;;
      esac
      [ -z "$k8sdiag_cur" ] || [ -z "$k8sdiag_e" ] || printf "\n${MARKER} %s X %s\n%s" "$k8sdiag_n" "$k8sdiag_ci" "$k8sdiag_e"
      k8sdiag_cur=$k8sdiag_h
      k8sdiag_ci=${D}{k8sdiag_h#* }
      k8sdiag_ci=${D}{k8sdiag_ci%% *}
    done
    if [ -z "$k8sdiag_cur" ] && [ "$k8sdiag_h" != end ]; then
      # The group shell ran no probe at all (it could not start): the rest run one by one.
      k8sdiag_p=0
      while [ "$#" -ge 2 ]; do
        if [ "$k8sdiag_p" -ge "$k8sdiag_s" ]; then
          k8sdiag_deadline "$k8sdiag_p"
          k8sdiag_run "${D}{1%% *}" "$k8sdiag_gt" "${D}{1#* }" "$2"
        fi
        k8sdiag_p=$((k8sdiag_p + 1))
        shift 2
      done
      return
    fi
    if [ -z "$k8sdiag_cur" ]; then
      [ -z "$k8sdiag_last" ] || printf "\n${MARKER} %s X %s\n%s" "$k8sdiag_n" "$k8sdiag_ci" "$k8sdiag_last"
      return
    fi
    k8sdiag_cp=${D}{k8sdiag_cur%% *}
    if [ "$k8sdiag_cp" -gt "$k8sdiag_s" ]; then
      k8sdiag_s=$k8sdiag_cp
      continue
    fi
    k8sdiag_now
    printf "\n${MARKER} %s O %s %s %s %s\n" "$k8sdiag_n" "$k8sdiag_ci" "$k8sdiag_gr" "${D}{k8sdiag_cur##* }" "$k8sdiag_t"
    k8sdiag_mark "E $k8sdiag_ci"
    [ -z "$k8sdiag_last" ] || printf "\n${MARKER} %s X %s\n%s" "$k8sdiag_n" "$k8sdiag_ci" "$k8sdiag_last"
    k8sdiag_s=$((k8sdiag_cp + 1))
  done
}
`;

/**
 * mawk fills its 4 KiB input buffer before it looks at a line, so a run cut short by the node
 * deadline would lose every section still in it. After the header and each begin marker an 8 KiB
 * pad line (a marker line of its own kind, P, which the filter drops) pushes everything before it
 * through, so the client has every finished section and the begin marker of the running probe.
 */
const PAD = `k8sdiag_pad=xxxxxxxxxxxxxxxx
for k8sdiag_i in 1 2 3 4 5 6 7 8 9; do k8sdiag_pad=$k8sdiag_pad$k8sdiag_pad; done
k8sdiag_pad="${MARKER} $k8sdiag_n P $k8sdiag_pad"
`;

/**
 * The filter: the first input line is the nonce; a line that starts with a real marker passes and
 * resets the count; other bytes pass until the section holds cap bytes (newlines count; the one
 * before a marker belongs to the marker). Byte semantics under LC_ALL=C.
 */
const AWK_FILTER = String.raw`NR == 1 { p = "${MARKER} " $0 " "; f = 1; next }
index($0, p "P ") == 1 { next }
index($0, p) == 1 { printf "\n%s\n", $0; fflush(); c = 0; f = 1; next }
{ if (!f) put("\n"); put($0); f = 0 }
function put(s) {
  if (c >= cap) return
  if (c + length(s) > cap) s = substr(s, 1, cap - c)
  printf "%s", s
  c += length(s)
}`;

/** Whether root probes can run at all: uid 0, or a `sudo` to ask (a builtin lookup, no process). */
const SUDO_PRESENT = `if [ "$k8sdiag_uid" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  k8sdiag_noroot="needs root: not uid 0 and sudo is not installed"
fi
`;

/** Turns what sudo printed when it refused (in k8sdiag_se) into the skip reason. */
const REFUSAL = String.raw`k8sdiag_noroot=$(printf '%s\n' "$k8sdiag_se" | tr -d '\r' | tr '\n' ' ' | head -c 200 | sed 's/ *$//')
k8sdiag_noroot="needs root: sudo -n refused (${D}{k8sdiag_noroot:-no reason given})"`;

/**
 * The per-probe path (no mawk or gawk) asks sudo first, with `sudo -n true`, and skips every root
 * probe with its reason when it refuses. The cheap path asks no separate question: its one root
 * shell is the question (issue 16: one sudo, about 26 ms of node CPU, less).
 */
const SUDO_CHECK = `if [ "$k8sdiag_uid" != 0 ] && [ -z "$k8sdiag_noroot" ] && ! sudo -n true >/dev/null 2>&1; then
  k8sdiag_se=$(sudo -n true 2>&1 </dev/null)
  ${REFUSAL}
fi
`;

function checkKeys(probe: PlannedProbe): string {
  const keys = probe.keys.join(',');
  if (!/^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/.test(keys))
    throw new Error(`probe names must match [A-Za-z0-9_.-]+: "${keys}"`);
  return keys;
}

/**
 * One `k8sdiag_group` line for the probes of one shell (user or root), ordered by deadline, shortest
 * first, plan order within one deadline (issue 16: it was one group, one `timeout` and one `sh`, per
 * distinct deadline; a run that no probe hangs now starts one of each per shell).
 */
function groupCalls(probes: readonly PlannedProbe[]): string[] {
  return probes.length === 0 ? [] : [`k8sdiag_group ${groupArgs(probes)}`];
}

/** `'DEADLINE ...' 'INDEX KEYS' 'COMMAND' ...` for k8sdiag_group. */
function groupArgs(probes: readonly PlannedProbe[]): string {
  const ordered = [...probes].sort((a, b) => a.timeoutSeconds - b.timeoutSeconds);
  const deadlines = ordered.map((probe) => probe.timeoutSeconds).join(' ');
  return `'${deadlines}' ${ordered.map((probe) => `'${probe.index} ${checkKeys(probe)}' ${shQuote(probe.command)}`).join(' ')}`;
}

if (GROUP_SH.includes("'")) throw new Error('GROUP_SH must not contain a single quote');
const GSH = `k8sdiag_gsh='${GROUP_SH}'`;

/**
 * The root shell (`sudo -n sh -c ROOT_DRIVER k8sdiag GROUP_SH TIMEOUT GNU DEADLINES PROBES...`):
 * reads the nonce from its stdin (a here-document), says on stderr that it started, and runs the
 * root probes as one group.
 */
const ROOT_DRIVER = [
  MARK_NOW.trimEnd(),
  RUN.trimEnd(),
  GROUP.trimEnd(),
  'read k8sdiag_n',
  // Tells the main shell this shell started (sudo did not refuse); the nonce is never in argv, so
  // nothing sudo prints can carry it.
  `printf "%s\\n" "${MARKER} $k8sdiag_n R" >&2`,
  PAD.trimEnd(),
  'k8sdiag_gsh=$1',
  'k8sdiag_to=$2',
  'k8sdiag_gnu=$3',
  'shift 3',
  'exec 4>&1 </dev/null',
  'k8sdiag_group "$@"',
].join('\n');
if (ROOT_DRIVER.includes("'")) throw new Error('ROOT_DRIVER must not contain a single quote');

/** The cheap path's probe lines: user probes in the main shell, root probes in one root shell. */
function fastBody(plan: ProbePlan, header: string): string[] {
  const user = plan.probes.filter((probe) => !probe.needsRoot);
  const root = plan.probes.filter((probe) => probe.needsRoot);
  const lines = [
    PAD.trimEnd(),
    '{',
    `printf '%s\\n' "$k8sdiag_n"`,
    'exec 4>&1',
    header,
    `printf '%s\\n' "$k8sdiag_pad"`,
    ...groupCalls(user),
  ];
  if (root.length > 0) {
    lines.push(
      'if [ -n "$k8sdiag_noroot" ]; then',
      ...root.map((probe) => `k8sdiag_mark "S ${probe.index} ${checkKeys(probe)} $k8sdiag_noroot"`),
      'elif [ "$k8sdiag_uid" = 0 ]; then',
      ...groupCalls(root),
      'else',
      // The root shell's fixed text in one single-quoted word (ROOT_DRIVER has no single quote), the
      // group shell's and the probes as its arguments, quoted once: quoting them twice would be fine
      // for sh but not for Ansible's argument splitter, which `-m shell` uses. (Until issue 16 the
      // text came from a here-document read line by line: 17 ms of node CPU for its 11 KB.)
      `k8sdiag_rsh='${ROOT_DRIVER}'`,
      // One sudo: it runs the root shell or refuses; what it printed (the root shell's own stderr
      // is only what it prints beside its probes' sections) comes back in k8sdiag_se.
      `k8sdiag_se=$(sudo -n sh -c "$k8sdiag_rsh" k8sdiag "$k8sdiag_gsh" "$k8sdiag_to" "$k8sdiag_gnu" ${groupArgs(root)} 2>&1 >&4 4>&- <<K8SDIAG_EOF`,
      '$k8sdiag_n',
      'K8SDIAG_EOF',
      ')',
      `k8sdiag_tok="${MARKER} $k8sdiag_n R"`,
      'case $k8sdiag_se in',
      '*"$k8sdiag_tok"*)',
      `  k8sdiag_x=${D}{k8sdiag_se#*"$k8sdiag_tok"}`,
      `  k8sdiag_x="${D}{k8sdiag_se%%"$k8sdiag_tok"*}${D}{k8sdiag_x#"$k8sdiag_nl"}"`,
      `  [ -z "$k8sdiag_x" ] || printf '%s\\n' "$k8sdiag_x" >&2 ;;`,
      '*)',
      REFUSAL,
      ...root.map((probe) => `k8sdiag_mark "S ${probe.index} ${checkKeys(probe)} $k8sdiag_noroot"`),
      ';;',
      'esac',
      'fi',
    );
  }
  lines.push('k8sdiag_mark Z', `} | "$k8sdiag_awk" -v cap="$k8sdiag_cap" ${shQuote(AWK_FILTER)}`);
  return lines;
}

/** The script for one plan. Identical plans and nonces give identical text. */
export function buildProbeScript(plan: ProbePlan, options: ScriptOptions): string {
  if (!/^[0-9a-f]{16,64}$/.test(options.nonce)) throw new Error('nonce must be 16-64 lowercase hex characters');
  const needsSudo = plan.probes.some((probe) => probe.needsRoot);
  const header = `k8sdiag_mark "H ${SCRIPT_PROTOCOL} uid=$k8sdiag_uid timeout=\${k8sdiag_to:-none} root=$k8sdiag_root plan=${planHash(plan)}"`;
  const lines = [
    '#!/bin/sh',
    '# k8sdiag probe script: read-only diagnostics. Generated by `k8sdiag probe-script`; do not edit.',
    '# Output: sections delimited by nonce-carrying marker lines; judge it with `k8sdiag analyze`.',
    '{',
    `k8sdiag_n=${options.nonce}`,
    `k8sdiag_cap=${plan.capBytes + 1}`,
    'LC_ALL=C; export LC_ALL',
    'PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"; export PATH',
    'exec 3>&1 </dev/null',
    PRELUDE.trimEnd(),
    needsSudo ? SUDO_PRESENT.trimEnd() : '',
    // An awk that keeps NUL bytes (mawk, gawk; not busybox awk), found by builtins alone.
    'k8sdiag_awk=',
    'if command -v mawk >/dev/null 2>&1; then k8sdiag_awk=mawk; elif command -v gawk >/dev/null 2>&1; then k8sdiag_awk=gawk; fi',
    'if [ -n "$k8sdiag_awk" ]; then',
    // root=sudo: root probes go to one `sudo -n`; if it refuses, each says why in its skip marker.
    needsSudo
      ? 'if [ -n "$k8sdiag_noroot" ]; then k8sdiag_root=no; elif [ "$k8sdiag_uid" = 0 ]; then k8sdiag_root=yes; else k8sdiag_root=sudo; fi'
      : 'k8sdiag_root=yes',
    RUN.trimEnd(),
    GROUP.trimEnd(),
    GSH,
    ...fastBody(plan, header),
    'else',
    needsSudo ? SUDO_CHECK.trimEnd() : '',
    'if [ -n "$k8sdiag_noroot" ]; then k8sdiag_root=no; else k8sdiag_root=yes; fi',
    header,
  ];
  for (const probe of plan.probes) {
    lines.push(
      `k8sdiag_probe ${probe.index} ${probe.timeoutSeconds} ${probe.needsRoot ? 1 : 0} ${checkKeys(probe)} ${shQuote(probe.command)}`,
    );
  }
  lines.push('k8sdiag_mark Z', 'fi', 'exit 0', '}', '');
  return lines.filter((line) => line !== '').join('\n');
}
