/**
 * The read-only allowlist: every command a probe may run, with the flags and subcommands that keep
 * it from changing the node. A command that is not listed here is refused. The field log's sixth
 * failure (a "helpful" iptables flush that cut every node off) is why this list is strict.
 * Reading credentials into a report is refused as well (kubeconfigs, private keys).
 */
import { awkProblems, sedProblems } from './read-only-scripts';
import type { WordToken } from './shell-lexer';

/** Checks one simple command; returns reasons it is not read-only (empty when it is). */
export type ArgRule = (args: readonly WordToken[], nested: (words: readonly WordToken[]) => string[]) => string[];

const ok: ArgRule = () => [];

/** Credentials a probe must never print whole. */
const SECRET_PATH =
  /(^|\/)(admin|super-admin|kubelet|controller-manager|scheduler|bootstrap-kubelet)\.conf$|\/pki\/|\.key$|(^|\/)\.kube\/config$|(^|\/)id_(rsa|ecdsa|ed25519|dsa)$|\/etc\/shadow$|\/etc\/sudoers/;

/** For commands that dump whole files: refuse credential files. */
const noSecretFiles: ArgRule = (args) =>
  args
    .filter((a) => !a.text.startsWith('-') && SECRET_PATH.test(a.text))
    .map((a) => `would print credentials from ${a.text}`);

interface FlagSpec {
  /** Short flags allowed, as single letters; letters listed in `withValue` take a value. */
  short?: string;
  withValue?: string;
  /** Long flags allowed (without a value or with `=value`); those in `longWithValue` take a value. */
  long?: readonly string[];
  longWithValue?: readonly string[];
  /** Positional operands allowed. */
  positional?: boolean;
}

/** Accepts only the listed flags; anything else is refused. Non-literal flags are refused. */
function onlyFlags(
  spec: FlagSpec,
  name: string,
  args: readonly WordToken[],
): { errors: string[]; positional: string[]; flags: string[] } {
  const errors: string[] = [];
  const positional: string[] = [];
  const flags: string[] = [];
  const short = spec.short ?? '';
  const withValue = spec.withValue ?? '';
  const long = spec.long ?? [];
  const longWithValue = spec.longWithValue ?? [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as WordToken;
    const text = arg.text;
    if (text === '--') {
      for (const rest of args.slice(i + 1)) positional.push(rest.text);
      break;
    }
    if (text.startsWith('--')) {
      const [flag = '', value] = text.split('=', 2);
      if (long.includes(flag)) {
        flags.push(flag);
      } else if (longWithValue.includes(flag)) {
        flags.push(flag);
        if (value === undefined) i++;
      } else {
        errors.push(`${name}: flag ${flag} is not on the read-only list`);
      }
    } else if (text.startsWith('-') && text.length > 1 && !/^-[0-9]+$/.test(text)) {
      for (let j = 1; j < text.length; j++) {
        const letter = text[j] as string;
        if (withValue.includes(letter)) {
          flags.push(`-${letter}`);
          if (j === text.length - 1) i++;
          break;
        }
        if (short.includes(letter)) flags.push(`-${letter}`);
        else errors.push(`${name}: flag -${letter} is not on the read-only list`);
      }
    } else if (!arg.literal && text.startsWith('$')) {
      if (spec.positional) positional.push(text);
      else errors.push(`${name}: operand ${text} is an expansion`);
    } else if (spec.positional) {
      positional.push(text);
    } else {
      errors.push(`${name}: operand ${text} is not allowed`);
    }
  }
  return { errors, positional, flags };
}

const flagsRule =
  (name: string, spec: FlagSpec, extra?: (r: ReturnType<typeof onlyFlags>) => string[]): ArgRule =>
  (args) => {
    const result = onlyFlags(spec, name, args);
    return [...result.errors, ...(extra ? extra(result) : [])];
  };

/** Refuses the listed flags (short letters and long names); everything else passes. */
function denyFlags(name: string, shortLetters: string, longNames: readonly string[]): ArgRule {
  return (args) => {
    const errors: string[] = [];
    for (const arg of args) {
      const text = arg.text;
      if (text === '--') break;
      if (text.startsWith('--')) {
        const flag = text.split('=', 1)[0] ?? '';
        if (longNames.some((n) => n === flag || (n.length > 4 && flag.length > 3 && n.startsWith(flag)))) {
          errors.push(`${name}: ${flag} changes the node`);
        }
      } else if (text.startsWith('-') && text.length > 1) {
        for (const letter of text.slice(1)) {
          if (shortLetters.includes(letter)) errors.push(`${name}: -${letter} changes the node`);
        }
      }
    }
    return errors;
  };
}

/** First operand (not a flag) must be one of `allowed`; flags before it must take no value. */
function subcommand(name: string, allowed: readonly string[], valueFlags: readonly string[] = []): ArgRule {
  return (args) => {
    for (let i = 0; i < args.length; i++) {
      const text = (args[i] as WordToken).text;
      if (valueFlags.includes(text)) {
        i++;
        continue;
      }
      if (text.startsWith('-')) {
        if (text === '--version' || text === '-v' || text === '--help' || text === '-h') return [];
        continue;
      }
      return allowed.includes(text) ? [] : [`${name}: subcommand "${text}" is not on the read-only list`];
    }
    return [];
  };
}

const IPTABLES: FlagSpec = {
  short: 'LSnvx46wV',
  withValue: 't',
  long: ['--list', '--list-rules', '--numeric', '--verbose', '--exact', '--line-numbers', '--wait', '--version'],
  longWithValue: ['--table'],
  positional: true,
};

const iptablesRule = (name: string): ArgRule =>
  flagsRule(name, IPTABLES, (r) => {
    const errors: string[] = [];
    const lists = r.flags.some((f) => ['-L', '-S', '-V', '--list', '--list-rules', '--version'].includes(f));
    if (!lists) errors.push(`${name}: only -L/-S listing is allowed`);
    // -w takes an optional number of seconds: the only positional besides one chain name.
    const chains = r.positional.filter((p) => !/^[0-9]+$/.test(p));
    if (chains.length > 1) errors.push(`${name}: more than one chain operand`);
    return errors;
  });

const iptablesSaveRule = (name: string): ArgRule =>
  flagsRule(name, { short: 'c', withValue: 't', long: ['--counters', '--version'], longWithValue: ['--table'] });

const IP_OBJECTS = new Set([
  'address',
  'addr',
  'a',
  'route',
  'r',
  'ro',
  'link',
  'l',
  'neighbour',
  'neighbor',
  'neigh',
  'n',
  'rule',
  'ru',
  'maddress',
  'maddr',
  'netconf',
]);
const IP_READ = new Set(['show', 'list', 'ls', 'lst', 'get']);
const IP_OPTIONS = new Set([
  '-4',
  '-6',
  '-j',
  '-json',
  '-p',
  '-pretty',
  '-d',
  '-details',
  '-s',
  '-stats',
  '-statistics',
  '-o',
  '-oneline',
  '-br',
  '-brief',
  '-c=never',
  '-color=never',
  '-h',
  '-human',
  '-N',
  '-numeric',
]);

const ipRule: ArgRule = (args) => {
  let i = 0;
  while (i < args.length && (args[i] as WordToken).text.startsWith('-')) {
    const opt = (args[i] as WordToken).text;
    if (opt === '-f' || opt === '-family') {
      i += 2;
      continue;
    }
    if (!IP_OPTIONS.has(opt)) return [`ip: option ${opt} is not on the read-only list`];
    i++;
  }
  const object = args[i]?.text;
  if (object === undefined) return ['ip: no object'];
  if (!IP_OBJECTS.has(object)) return [`ip: object "${object}" is not on the read-only list`];
  const verb = args[i + 1]?.text;
  if (verb === undefined || IP_READ.has(verb)) return [];
  // `ip route default` is not valid anyway; only selectors may follow `show`.
  return [`ip ${object}: "${verb}" is not a read-only verb (use show/list/get)`];
};

const systemctlRule = subcommand(
  'systemctl',
  ['is-active', 'is-enabled', 'is-failed', 'status', 'show', 'cat', 'list-units', 'list-unit-files', 'list-timers'],
  ['-p', '--property', '-t', '--type', '--state', '-n', '--lines', '-o', '--output'],
);

const kubectlRule: ArgRule = (args) => {
  const valueFlags = [
    '--kubeconfig',
    '--context',
    '--cluster',
    '--user',
    '-n',
    '--namespace',
    '-o',
    '--output',
    '--request-timeout',
    '-l',
    '--selector',
    '-s',
    '--server',
  ];
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const text = (args[i] as WordToken).text;
    if (valueFlags.includes(text)) {
      i++;
      continue;
    }
    if (text === '--raw' || text === '--flatten') return [`kubectl: ${text} would print credentials`];
    if (!text.startsWith('-')) words.push(text);
  }
  const [verb, sub] = words;
  if (verb === undefined) return [];
  if (['version', 'get', 'describe', 'cluster-info', 'api-versions', 'api-resources', 'top'].includes(verb)) {
    return verb === 'get' && (sub === 'secret' || sub === 'secrets') ? ['kubectl: reading secrets'] : [];
  }
  if (
    verb === 'config' &&
    sub !== undefined &&
    ['view', 'current-context', 'get-contexts', 'get-clusters'].includes(sub)
  ) {
    return [];
  }
  if (verb === 'auth' && (sub === 'can-i' || sub === 'whoami')) return [];
  return [`kubectl: "${words.slice(0, 2).join(' ')}" is not on the read-only list`];
};

const versionOnly =
  (name: string): ArgRule =>
  (args) => {
    const texts = args.map((a) => a.text);
    const allowed = [
      ['--version'],
      ['-v'],
      ['version'],
      ['-version'],
      ['version', '-o', 'short'],
      ['version', '--short'],
      ['version', '-o', 'json'],
      ['version', '-o', 'yaml'],
    ];
    return allowed.some((a) => a.length === texts.length && a.every((t, i) => t === texts[i]))
      ? []
      : [`${name}: only a version query is allowed (got "${texts.join(' ')}")`];
  };

const curlRule = flagsRule('curl', {
  short: 'sSkfIv',
  withValue: 'mwo',
  long: [
    '--silent',
    '--show-error',
    '--insecure',
    '--fail',
    '--head',
    '--verbose',
    '--ipv4',
    '--ipv6',
    '--no-progress-meter',
  ],
  longWithValue: ['--max-time', '--connect-timeout', '--write-out', '--cacert', '--noproxy', '--resolve', '--output'],
  positional: true,
});

/** The value of a short flag `letter` in a cluster (`-so/PATH`, `-so PATH`, `-o PATH`), if the arg has it. */
function shortValue(args: readonly WordToken[], i: number, letter: string, valueLetters: string): string | undefined {
  const text = (args[i] as WordToken).text;
  if (!text.startsWith('-') || text.startsWith('--')) return undefined;
  for (let j = 1; j < text.length; j++) {
    if (text[j] === letter) return j + 1 < text.length ? text.slice(j + 1) : (args[i + 1]?.text ?? '');
    // A letter that takes a value swallows the rest of the cluster.
    if (valueLetters.includes(text[j] as string)) return undefined;
  }
  return undefined;
}

/** curl -o is allowed only to /dev/null, however it is written (`-o F`, `-sSo F`, `-so/F`, `--output=F`). */
const curlWithOutput: ArgRule = (args, nested) => {
  const errors = curlRule(args, nested);
  for (let i = 0; i < args.length; i++) {
    const text = (args[i] as WordToken).text;
    if (text === '--') break;
    const short = shortValue(args, i, 'o', 'mw');
    if (short !== undefined && short !== '/dev/null') errors.push('curl: -o writes a file');
    if (text === '--output' && args[i + 1]?.text !== '/dev/null') errors.push('curl: --output writes a file');
    if (text.startsWith('--output=') && text !== '--output=/dev/null') errors.push('curl: --output writes a file');
  }
  return errors;
};

const ncPortProbe = flagsRule('nc', { short: 'zvn46', withValue: 'w', positional: true }, (r) =>
  r.flags.includes('-z') ? [] : ['nc: only port probes with -z are allowed'],
);
/** `nc -z` port probes, and `nc -h` (help, to see whether this nc has -z). */
const ncRule: ArgRule = (args, nested) =>
  args.length === 1 && args[0]?.text === '-h' ? [] : ncPortProbe(args, nested);

const findRule = denyFlags('find', '', []);
const findActions: ArgRule = (args, nested) => {
  const bad = ['-delete', '-exec', '-execdir', '-ok', '-okdir', '-fprint', '-fprint0', '-fprintf', '-fls'];
  return [
    ...findRule(args, nested),
    ...args.filter((a) => bad.includes(a.text)).map((a) => `find: ${a.text} runs or writes`),
  ];
};

const sysctlRule: ArgRule = (args) => {
  const errors: string[] = [];
  for (const arg of args) {
    const text = arg.text;
    if (text.includes('=')) errors.push(`sysctl: ${text} sets a value`);
    else if (/^-[a-zA-Z]*[wpf]/.test(text) || ['--write', '--load', '--system'].includes(text)) {
      errors.push(`sysctl: ${text} changes settings`);
    }
  }
  return errors;
};

const swaponRule = flagsRule('swapon', {
  short: 's',
  long: ['--show', '--summary', '--noheadings', '--bytes', '--raw'],
  longWithValue: [],
});

const dateRule: ArgRule = (args) =>
  args
    .filter((a) => !a.text.startsWith('+') && !['-u', '--utc', '-R', '-I', '--iso-8601'].includes(a.text))
    .map((a) => `date: ${a.text} could set the clock`);

const hostnameRule = flagsRule('hostname', {
  short: 'sfiIAdy',
  long: ['--short', '--fqdn', '--ip-address', '--all-ip-addresses'],
});

const timeoutRule: ArgRule = (args, nested) => {
  let i = 0;
  while (i < args.length && (args[i] as WordToken).text.startsWith('-')) {
    const text = (args[i] as WordToken).text;
    i += text === '-k' || text === '-s' || text === '-t' ? 2 : 1;
  }
  if (!/^[0-9.]+[smhd]?$/.test(args[i]?.text ?? '')) return ['timeout: missing duration'];
  return nested(args.slice(i + 1));
};

const commandRule: ArgRule = (args, nested) => {
  const first = args[0]?.text;
  if (first === '-v' || first === '-V') return [];
  return nested(args.filter((a) => a.text !== '-p'));
};

const dpkgRule = flagsRule('dpkg', {
  short: 'lLsS',
  long: [
    '--list',
    '--listfiles',
    '--status',
    '--search',
    '--print-architecture',
    '--print-foreign-architectures',
    '--version',
    '--get-selections',
  ],
  positional: true,
});

const aptCacheRule = subcommand('apt-cache', [
  'policy',
  'show',
  'madison',
  'depends',
  'rdepends',
  'showpkg',
  'search',
  'pkgnames',
  'stats',
  'showsrc',
]);
const aptRule = subcommand('apt', ['list', 'policy', 'show', 'depends', 'rdepends', 'search']);
const aptConfigRule = subcommand('apt-config', ['dump', 'shell']);
const crictlRule = subcommand(
  'crictl',
  ['version', 'info', 'ps', 'pods', 'images', 'img', 'stats', 'inspect', 'inspecti', 'inspectp', 'logs'],
  ['-r', '--runtime-endpoint', '-i', '--image-endpoint', '--timeout', '-t', '-o', '--output'],
);
/** ctr: only `ctr version` and `ctr plugins ls|list` (the daemon's loaded plugins). */
const ctrRule: ArgRule = (args) => {
  const words = args.map((a) => a.text);
  if (words[0] === 'version' && words.length === 1) return [];
  if (words[0] === 'plugins' && (words[1] === 'ls' || words[1] === 'list') && words.length === 2) return [];
  return [`ctr: "${words.join(' ')}" is not on the read-only list`];
};
const kubeadmRule: ArgRule = (args) => {
  const words = args.map((a) => a.text).filter((t) => !t.startsWith('-'));
  const joined = words.slice(0, 3).join(' ');
  if (
    words.length === 0 ||
    words[0] === 'version' ||
    joined.startsWith('certs check-expiration') ||
    joined.startsWith('config images list')
  )
    return [];
  return [`kubeadm: "${words.slice(0, 2).join(' ')}" is not on the read-only list`];
};
const journalctlRule = denyFlags('journalctl', '', [
  '--vacuum-size',
  '--vacuum-time',
  '--vacuum-files',
  '--rotate',
  '--flush',
  '--sync',
  '--relinquish-var',
  '--smart-relinquish-var',
  '--setup-keys',
  '--update-catalog',
]);

/** nft: only `list ...` (and `--version`); never -f, never a ruleset change. */
const nftRule: ArgRule = (args) => {
  const errors: string[] = [];
  let i = 0;
  for (; i < args.length && (args[i] as WordToken).text.startsWith('-'); i++) {
    const flag = (args[i] as WordToken).text;
    if (flag === '-v' || flag === '--version') return [];
    if (!/^-[tjansNSyu]+$|^--(terse|json|handle|numeric|stateless|reversedns|service|guid)$/.test(flag)) {
      errors.push(`nft: flag ${flag} is not on the read-only list`);
    }
  }
  if (args[i]?.text !== 'list') errors.push(`nft: only "nft list ..." is allowed (got "${args[i]?.text ?? ''}")`);
  return errors;
};

const sortRule = denyFlags('sort', 'oT', ['--output', '--temporary-directory', '--compress-program']);
const uniqRule: ArgRule = (args) =>
  args.filter((a) => !a.text.startsWith('-')).length > 1 ? ['uniq: a second operand writes a file'] : [];
const fileRule = denyFlags('file', 'C', ['--compile']);
const xxdRule: ArgRule = (args) =>
  args.filter((a) => !a.text.startsWith('-') && !/^[0-9]+$/.test(a.text)).length > 1
    ? ['xxd: a second operand writes a file']
    : [];

const withSecrets =
  (rule: ArgRule): ArgRule =>
  (args, nested) => [...rule(args, nested), ...noSecretFiles(args, nested)];

/**
 * The allowlist. Keys are command names (basename when the probe uses an absolute path).
 * Shell builtins with no side effect on the node are listed too.
 */
export const READ_ONLY_RULES: Readonly<Record<string, ArgRule>> = {
  // shell builtins and trivial tools
  true: ok,
  false: ok,
  test: ok,
  '[': ok,
  echo: ok,
  printf: ok,
  command: commandRule,
  type: ok,
  which: ok,
  cd: ok,
  ':': ok,
  continue: ok,
  break: ok,
  pwd: ok,
  set: ok,
  read: ok,
  // reading files and text
  cat: withSecrets(ok),
  head: withSecrets(ok),
  tail: withSecrets(denyFlags('tail', 'f', ['--follow', '--retry'])),
  tac: withSecrets(ok),
  nl: withSecrets(ok),
  od: withSecrets(ok),
  xxd: withSecrets(xxdRule),
  hexdump: withSecrets(ok),
  strings: withSecrets(ok),
  grep: ok,
  sed: (args) => sedProblems(args),
  awk: (args) => awkProblems(args),
  egrep: ok,
  fgrep: ok,
  wc: ok,
  sort: sortRule,
  uniq: uniqRule,
  cut: ok,
  tr: ok,
  ls: ok,
  stat: ok,
  readlink: ok,
  realpath: ok,
  basename: ok,
  dirname: ok,
  file: fileRule,
  find: findActions,
  sha256sum: ok,
  // identity and system
  id: ok,
  whoami: ok,
  uname: ok,
  hostname: hostnameRule,
  date: dateRule,
  uptime: ok,
  nproc: ok,
  getconf: ok,
  getent: ok,
  df: ok,
  free: ok,
  lscpu: ok,
  ps: ok,
  pgrep: ok,
  pidof: ok,
  ss: denyFlags('ss', 'KD', ['--kill', '--diag']),
  lsmod: ok,
  modinfo: ok,
  sysctl: sysctlRule,
  swapon: swaponRule,
  timeout: timeoutRule,
  // networking
  ip: ipRule,
  iptables: iptablesRule('iptables'),
  ip6tables: iptablesRule('ip6tables'),
  'iptables-legacy': iptablesRule('iptables-legacy'),
  'iptables-nft': iptablesRule('iptables-nft'),
  'ip6tables-legacy': iptablesRule('ip6tables-legacy'),
  'ip6tables-nft': iptablesRule('ip6tables-nft'),
  'iptables-save': iptablesSaveRule('iptables-save'),
  'iptables-legacy-save': iptablesSaveRule('iptables-legacy-save'),
  'iptables-nft-save': iptablesSaveRule('iptables-nft-save'),
  'ip6tables-save': iptablesSaveRule('ip6tables-save'),
  'ip6tables-legacy-save': iptablesSaveRule('ip6tables-legacy-save'),
  'ip6tables-nft-save': iptablesSaveRule('ip6tables-nft-save'),
  nft: nftRule,
  nc: ncRule,
  curl: curlWithOutput,
  // packages
  dpkg: dpkgRule,
  'dpkg-query': denyFlags('dpkg-query', '', ['--admindir-write']),
  'apt-cache': aptCacheRule,
  apt: aptRule,
  'apt-config': aptConfigRule,
  // services and Kubernetes
  systemctl: systemctlRule,
  journalctl: journalctlRule,
  kubectl: kubectlRule,
  kubeadm: kubeadmRule,
  kubelet: versionOnly('kubelet'),
  containerd: versionOnly('containerd'),
  runc: versionOnly('runc'),
  crictl: crictlRule,
  ctr: ctrRule,
};
