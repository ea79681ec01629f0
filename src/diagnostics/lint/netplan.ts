/**
 * Netplan: which interfaces install a default route. A static one is `gateway4`/`gateway6` or a
 * route `to: default` (0.0.0.0/0, ::/0); a DHCP one is `dhcp4: true` unless
 * `dhcp4-overrides: { use-routes: false }` (same for v6).
 */
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { NetplanGateway } from './types';
import type { YamlDoc } from './yaml-fast';
import { asBool, nodeRange, parseYaml, plain } from './yaml-util';

const DEVICE_TYPES = ['ethernets', 'bonds', 'bridges', 'vlans', 'wifis', 'modems', 'tunnels', 'vrfs'];

function get(map: YAMLMap, key: string): { value: unknown; keyStart: number; end: number } | undefined {
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) {
      const keyRange = nodeRange(pair.key);
      const valueRange = nodeRange(pair.value);
      return { value: pair.value, keyStart: keyRange?.[0] ?? 0, end: valueRange?.[1] ?? keyRange?.[1] ?? 0 };
    }
  }
  return undefined;
}

function usesRoutes(iface: YAMLMap, family: 4 | 6): boolean {
  const overrides = get(iface, `dhcp${family}-overrides`);
  if (overrides === undefined || !isMap(overrides.value)) return true;
  const useRoutes = get(overrides.value, 'use-routes');
  return useRoutes === undefined ? true : asBool(plain(useRoutes.value)) !== false;
}

/** Default-route sources in one netplan document; offsets are shifted by `base`. */
export function netplanGateways(doc: YamlDoc, base = 0): NetplanGateway[] {
  const out: NetplanGateway[] = [];
  const root = doc.contents;
  if (!isMap(root)) return out;
  const network = get(root, 'network');
  if (network === undefined || !isMap(network.value)) return out;
  for (const type of DEVICE_TYPES) {
    const devices = get(network.value, type);
    if (devices === undefined || !isMap(devices.value)) continue;
    for (const pair of devices.value.items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const iface = String(pair.key.value);
      const config = pair.value;
      for (const family of [4, 6] as const) {
        const gateway = get(config, `gateway${family}`);
        if (gateway !== undefined && plain(gateway.value) !== null && plain(gateway.value) !== '') {
          out.push({ iface, family, source: 'static', start: base + gateway.keyStart, end: base + gateway.end });
        }
        const dhcp = get(config, `dhcp${family}`);
        if (dhcp !== undefined && asBool(plain(dhcp.value)) === true && usesRoutes(config, family)) {
          out.push({ iface, family, source: 'dhcp', start: base + dhcp.keyStart, end: base + dhcp.end });
        }
      }
      const routes = get(config, 'routes');
      if (routes !== undefined && isSeq(routes.value)) {
        for (const route of routes.value.items) {
          if (!isMap(route)) continue;
          const to = get(route, 'to');
          const target = to === undefined ? undefined : String(plain(to.value));
          if (to === undefined || target === undefined) continue;
          if (target === 'default' || target === '0.0.0.0/0' || target === '::/0') {
            const via = get(route, 'via');
            const family: 4 | 6 = target === '::/0' || String(plain(via?.value) ?? '').includes(':') ? 6 : 4;
            out.push({ iface, family, source: 'static', start: base + to.keyStart, end: base + to.end });
          }
        }
      }
    }
  }
  return out;
}

/** Jinja tags replaced by same-length filler so that a template can be parsed as YAML. */
export function maskJinja(text: string): string {
  return text.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g, (tag) => {
    const filler = tag.startsWith('{{') ? 'x' : ' ';
    return tag.replace(/[^\n]/g, filler);
  });
}

/** Netplan default-route sources in an embedded text (a template, a copy content, a heredoc). */
export function embeddedNetplan(text: string, base: number): NetplanGateway[] {
  if (!/^[ \t]*network:[ \t]*(#.*)?\r?$/m.test(text)) return [];
  const { docs, error } = parseYaml(maskJinja(text));
  if (error !== undefined) return [];
  return docs.flatMap((doc) => netplanGateways(doc, base));
}
