/**
 * The `ip-route-default` probe and its parser: default routes of the main table (iproute2 JSON,
 * iproute2 text, busybox ip), and which one the kernel uses.
 */
import { z } from 'zod';
import type { Probe } from '../types';
import { splitBlocks } from './blocks';
import type { Address } from './ip-addr';
import type { Parsed } from './parsed';

/** Default routes of the main table: JSON from `ip -j`, text from older iproute2 or busybox. */
export const ipRouteDefaultProbe: Probe = {
  name: 'ip-route-default',
  command: [
    'if ! command -v ip >/dev/null 2>&1; then echo "### missing ip";',
    'elif out=$(ip -j route show default 2>/dev/null); then echo "### json"; printf \'%s\\n\' "$out";',
    'else echo "### text"; ip route show 2>&1 | grep \'^default\'; fi',
    'echo "### end"',
  ].join('\n'),
};

export interface DefaultRoute {
  gateway: string | undefined;
  dev: string | undefined;
  metric: number | undefined;
  protocol: string | undefined;
  prefsrc: string | undefined;
  /** The route as the node printed it, for evidence. */
  text: string;
}

export interface RouteProbe {
  /** null when `ip` is not installed. */
  routes: DefaultRoute[] | null;
  format: 'json' | 'text' | 'none';
}

const jsonRoute = z.looseObject({
  dst: z.string(),
  gateway: z.string().optional(),
  dev: z.string().optional(),
  metric: z.number().optional(),
  protocol: z.string().optional(),
  prefsrc: z.string().optional(),
  nexthops: z.array(z.looseObject({ gateway: z.string().optional(), dev: z.string().optional() })).optional(),
});

function describe(route: Omit<DefaultRoute, 'text'>): string {
  const parts = ['default'];
  if (route.gateway !== undefined) parts.push(`via ${route.gateway}`);
  if (route.dev !== undefined) parts.push(`dev ${route.dev}`);
  if (route.protocol !== undefined) parts.push(`proto ${route.protocol}`);
  if (route.prefsrc !== undefined) parts.push(`src ${route.prefsrc}`);
  if (route.metric !== undefined) parts.push(`metric ${route.metric}`);
  return parts.join(' ');
}

function parseTextRoute(text: string): DefaultRoute | undefined {
  const tokens = text.trim().split(/\s+/);
  if (tokens[0] !== 'default') return undefined;
  const route: DefaultRoute = {
    gateway: undefined,
    dev: undefined,
    metric: undefined,
    protocol: undefined,
    prefsrc: undefined,
    text: text.trim(),
  };
  for (let i = 1; i < tokens.length; i++) {
    const key = tokens[i];
    const value = tokens[i + 1];
    if (value === undefined) break;
    if (key === 'via') route.gateway = value;
    else if (key === 'dev') route.dev = value;
    else if (key === 'metric') route.metric = Number(value);
    else if (key === 'proto') route.protocol = value;
    else if (key === 'src') route.prefsrc = value;
    else continue;
    i++;
  }
  if (route.metric !== undefined && !Number.isFinite(route.metric)) return undefined;
  return route;
}

export function parseRouteProbe(lines: readonly string[]): Parsed<RouteProbe> {
  const { head, blocks } = splitBlocks(lines);
  const firstHead = head.find((line) => line.text.trim() !== '');
  if (firstHead) return { ok: false, what: 'output before the first marker', line: firstHead.text, no: firstHead.no };
  const block = blocks[0];
  if (block === undefined) return { ok: false, what: 'no marker at all', line: lines[0] ?? '', no: 1 };
  if (block.marker === 'missing') return { ok: true, value: { routes: null, format: 'none' } };
  if (block.marker === 'json') {
    const text = block.raw.map((line) => line.text).join('\n');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return { ok: false, what: 'not valid JSON from `ip -j route`', line: block.raw[0]?.text ?? '', no: block.no + 1 };
    }
    const parsed = z.array(jsonRoute).safeParse(data);
    if (!parsed.success) {
      return { ok: false, what: 'JSON routes without the expected fields', line: text.slice(0, 120), no: block.no + 1 };
    }
    const routes: DefaultRoute[] = [];
    for (const entry of parsed.data) {
      if (entry.dst !== 'default' && entry.dst !== '0.0.0.0/0') continue;
      const hops = entry.nexthops ?? [{ gateway: entry.gateway, dev: entry.dev }];
      for (const hop of hops) {
        const route = {
          gateway: hop.gateway,
          dev: hop.dev,
          metric: entry.metric,
          protocol: entry.protocol,
          prefsrc: entry.prefsrc,
        };
        routes.push({ ...route, text: describe(route) });
      }
    }
    return { ok: true, value: { routes, format: 'json' } };
  }
  if (block.marker === 'text') {
    const routes: DefaultRoute[] = [];
    for (const line of block.raw) {
      if (line.text.trim() === '') continue;
      const route = parseTextRoute(line.text);
      if (route === undefined) return { ok: false, what: 'not a default route line', line: line.text, no: line.no };
      routes.push(route);
    }
    return { ok: true, value: { routes, format: 'text' } };
  }
  return { ok: false, what: 'unknown marker', line: `### ${block.marker}`, no: block.no };
}

/** The address the kernel picks for traffic leaving by `route` (prefsrc, else the first address of its device). */
export function sourceAddress(route: DefaultRoute, addresses: readonly Address[] | null): string | undefined {
  if (route.prefsrc !== undefined) return route.prefsrc;
  if (addresses === null || route.dev === undefined) return undefined;
  return addresses.find((addr) => addr.dev === route.dev)?.address;
}

/** The default route the kernel uses: lowest metric, first listed on a tie. */
export function preferredRoute(routes: readonly DefaultRoute[]): DefaultRoute | undefined {
  let best: DefaultRoute | undefined;
  for (const route of routes) {
    if (best === undefined || (route.metric ?? 0) < (best.metric ?? 0)) best = route;
  }
  return best;
}
