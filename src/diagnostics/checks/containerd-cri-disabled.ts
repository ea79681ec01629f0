/**
 * containerd runs without its CRI plugin, so the kubelet and kubeadm cannot talk to it: kubeadm's
 * preflight stops with "[ERROR CRI]: container runtime is not running ... unknown service
 * runtime.v1.RuntimeService". Docker's containerd.io package ships a config.toml with
 * `disabled_plugins = ["cri"]`; a stopped containerd gives the same preflight error.
 * Reads the config file and, as root, the plugin list of the running daemon (`ctr plugins ls`).
 */

import { containerdConfigProbe, readContainerdConfig } from '../probes/containerd';
import { containerdPluginsProbe, readPlugins } from '../probes/containerd-plugins';
import type { Finding } from '../types';
import { type CheckSpecMeta, defineCheck } from './support/define';
import { quote, type Reporter, unexpected } from './support/findings';
import { openBlocks } from './support/open-blocks';

const meta: CheckSpecMeta = {
  id: 'containerd-cri-disabled',
  title: "containerd's CRI plugin is loaded",
  titleKo: 'containerd의 CRI 플러그인이 로드되어 있다',
  runbook: 'containerd-cri-disabled',
  severity: 'error',
  roles: ['control-plane', 'worker'],
};

const CONFIG = containerdConfigProbe.name;
const PLUGINS = containerdPluginsProbe.name;
const FIX_CONFIG =
  'remove "cri" from disabled_plugins in /etc/containerd/config.toml (or replace the file with `containerd config default` and set SystemdCgroup = true), then sudo systemctl restart containerd';

/** What the config file says; undefined when there is nothing to judge (no containerd, no file). */
function judgeConfig(r: Reporter, lines: readonly string[]): Finding | 'no-containerd' | undefined {
  const opened = openBlocks(r, CONFIG, lines);
  if (!opened.ok) return opened.finding;
  const { blocks } = opened;
  if (blocks.some((b) => b.marker === 'missing' && b.args === 'containerd')) return 'no-containerd';
  const file = blocks.find((b) => b.marker === 'file');
  if (file === undefined) return undefined;
  const text = file.quoted.map((line) => line.text).join('\n');
  const parsed = readContainerdConfig(text);
  if (!parsed.ok) {
    const line = file.quoted[parsed.line - 1];
    return r.error(
      `${file.args} is not valid TOML (line ${parsed.line}: ${parsed.what}); containerd will not start with it`,
      {
        evidence: line ? [`${file.args}:${parsed.line}: ${line.text}`] : [],
      },
    );
  }
  if (parsed.value.disabledCri.length === 0) return undefined;
  const at = file.quoted.find((line) => /^\s*disabled_plugins\s*=/.test(line.text));
  return r.fail(
    `${file.args} disables the CRI plugin (disabled_plugins lists ${parsed.value.disabledCri.map((id) => quote(id)).join(', ')}); the kubelet cannot use containerd`,
    {
      evidence: at ? [`${file.args}: ${at.text.trim()}`] : [],
      fix: FIX_CONFIG,
    },
  );
}

export default defineCheck({
  meta,
  probes: [containerdConfigProbe, containerdPluginsProbe],
  analyze: ({ r, open }) => {
    const config = open(CONFIG);
    if (!config.ok) return [config.finding];
    const fromConfig = judgeConfig(r, config.value.lines);
    if (fromConfig === 'no-containerd') {
      return [r.skip('containerd is not installed on this node (another container runtime, or none yet)')];
    }
    if (fromConfig !== undefined && fromConfig.status !== 'pass') return [fromConfig];

    const plugins = open(PLUGINS);
    if (!plugins.ok) {
      // Without root the running daemon cannot be asked; the config alone found nothing wrong.
      return [plugins.finding];
    }
    const opened = openBlocks(r, PLUGINS, plugins.value.lines);
    if (!opened.ok) return [opened.finding];
    const { blocks } = opened;
    if (blocks.some((b) => b.marker === 'missing')) {
      return [r.skip('ctr is not installed, so the running containerd could not be asked for its plugins')];
    }
    const noSocket = blocks.find((b) => b.marker === 'nosocket');
    if (noSocket) {
      return [
        r.fail(
          `containerd is not running: no socket at ${noSocket.args}, and kubeadm preflight reports "container runtime is not running"`,
          {
            fix: 'sudo systemctl enable --now containerd; if it does not stay up, read sudo journalctl -u containerd -b',
          },
        ),
      ];
    }
    const listed = readPlugins(blocks.find((b) => b.marker === 'ctr'));
    if (listed === undefined) return [unexpected(r, PLUGINS, 'no "### ctr" block', plugins.value.lines[0] ?? '', 1)];
    if (!listed.reached) {
      return [
        r.fail(
          'containerd is not running: ctr cannot reach /run/containerd/containerd.sock, and kubeadm preflight reports "container runtime is not running"',
          {
            evidence: [listed.error ?? ''],
            fix: 'sudo systemctl enable --now containerd; if it does not stay up, read sudo journalctl -u containerd -b',
          },
        ),
      ];
    }
    if (listed.cri === undefined) {
      return [
        r.fail(
          'the running containerd did not load the CRI plugin (io.containerd.grpc.v1 cri is not in ctr plugins ls)',
          {
            fix: FIX_CONFIG,
          },
        ),
      ];
    }
    if (listed.cri.status !== 'ok') {
      return [
        r.fail(
          `containerd's CRI plugin failed to start (status ${quote(listed.cri.status)}); read sudo journalctl -u containerd for the reason`,
          {
            evidence: [listed.cri.line],
            fix: 'sudo journalctl -u containerd -b | grep -i cri, fix what it names in /etc/containerd/config.toml, then sudo systemctl restart containerd',
          },
        ),
      ];
    }
    return [r.pass('containerd is running with its CRI plugin loaded', { evidence: [listed.cri.line] })];
  },
});
