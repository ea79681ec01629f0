/**
 * What a containerd config says about the two settings kubeadm clusters trip over: whether the CRI
 * plugin is disabled, and whether runc uses the systemd cgroup driver. Config versions 2
 * (`plugins."io.containerd.grpc.v1.cri"`, containerd 1.x) and 3 (`plugins."io.containerd.cri.v1.runtime"`,
 * containerd 2.x) and the old version-1 `plugins.cri` layout are read. Parsing is smol-toml's; pure.
 */
import { parse, TomlError } from 'smol-toml';
import type { Probe } from '../types';

/**
 * Whether containerd is installed (`### present containerd` or `### missing containerd`) and its
 * main config file, quoted line by line (`| `). Scripts before issue 16's third step printed
 * `### version <first line of containerd --version>` instead of `present`: no check reads the
 * version (containerd-cri-disabled and cgroup-driver-mismatch look only for `missing`), and
 * `containerd --version` starts the whole Go binary (12.6 ms of node CPU for the lab's stand-in
 * script, more for the real one), so it is no longer run; old output still parses the same.
 */
export const containerdConfigProbe: Probe = {
  name: 'containerd-config',
  command: [
    'if command -v containerd >/dev/null 2>&1; then echo "### present containerd";',
    'else echo "### missing containerd"; fi',
    'p=/etc/containerd/config.toml',
    'if [ -r "$p" ]; then echo "### file $p"; sed \'s/^/| /\' "$p";',
    'elif [ -e "$p" ]; then echo "### unreadable $p"; else echo "### nofile $p"; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface ContainerdSettings {
  /** `disabled_plugins` entries that switch the CRI plugin off ("cri", "io.containerd.grpc.v1.cri"). */
  disabledCri: string[];
  /** runc's SystemdCgroup: true, false, or undefined when the file does not set it (default false). */
  systemdCgroup: boolean | undefined;
  /** Where SystemdCgroup (or v1's systemd_cgroup) was found, as a dotted table path. */
  systemdCgroupAt?: string;
}

export type ParsedConfig = { ok: true; value: ContainerdSettings } | { ok: false; line: number; what: string };

const CRI_IDS = new Set(['cri', 'io.containerd.grpc.v1.cri']);

type Table = Record<string, unknown>;

function table(value: unknown): Table | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Table) : undefined;
}

function dig(root: Table | undefined, path: readonly string[]): unknown {
  let at: unknown = root;
  for (const key of path) at = table(at)?.[key];
  return at;
}

const RUNC_OPTIONS: ReadonlyArray<readonly string[]> = [
  ['plugins', 'io.containerd.cri.v1.runtime', 'containerd', 'runtimes', 'runc', 'options'],
  ['plugins', 'io.containerd.grpc.v1.cri', 'containerd', 'runtimes', 'runc', 'options'],
];

export function readContainerdConfig(text: string): ParsedConfig {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) return { ok: false, line: error.line, what: error.message.split('\n')[0] ?? '' };
    return { ok: false, line: 1, what: 'not TOML' };
  }
  const disabled = doc['disabled_plugins'];
  const disabledCri = Array.isArray(disabled)
    ? disabled.filter((id): id is string => typeof id === 'string' && CRI_IDS.has(id))
    : [];
  for (const path of RUNC_OPTIONS) {
    const flag = table(dig(doc, path))?.['SystemdCgroup'];
    if (typeof flag === 'boolean') {
      return {
        ok: true,
        value: { disabledCri, systemdCgroup: flag, systemdCgroupAt: `${path.join('.')}.SystemdCgroup` },
      };
    }
  }
  const legacy = dig(doc, ['plugins', 'cri', 'systemd_cgroup']);
  if (typeof legacy === 'boolean') {
    return { ok: true, value: { disabledCri, systemdCgroup: legacy, systemdCgroupAt: 'plugins.cri.systemd_cgroup' } };
  }
  return { ok: true, value: { disabledCri, systemdCgroup: undefined } };
}

/** The 1-based line of the first quoted config line matching `pattern` (for evidence), or undefined. */
export function lineOf(lines: readonly string[], pattern: RegExp): number | undefined {
  const index = lines.findIndex((line) => pattern.test(line));
  return index < 0 ? undefined : index + 1;
}
