/**
 * `--host user@addr[:port]`, `[v6addr]:port`, or an ssh config alias.
 */
import { K8sdiagError } from '../errors';

export interface HostSpec {
  user?: string;
  host: string;
  port?: number;
}

export function parsePort(text: string, what: string): number {
  if (!/^[0-9]{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) {
    throw new K8sdiagError('E_USAGE', `${what}: "${text}" is not a port number (1-65535)`);
  }
  return Number(text);
}

export function parseHostSpec(spec: string, what = '--host'): HostSpec {
  const text = spec.trim();
  if (text === '' || /[\s/'"`$;|&<>]/.test(text)) {
    throw new K8sdiagError('E_USAGE', `${what} "${spec}": expected user@address[:port]`);
  }
  const at = text.lastIndexOf('@');
  const user = at > 0 ? text.slice(0, at) : undefined;
  const rest = at >= 0 ? text.slice(at + 1) : text;
  if (at === 0 || rest === '') throw new K8sdiagError('E_USAGE', `${what} "${spec}": expected user@address[:port]`);
  let host = rest;
  let port: number | undefined;
  const v6 = /^\[([^\]]+)\](?::([^:]*))?$/.exec(rest);
  if (v6) {
    host = v6[1] as string;
    if (v6[2] !== undefined) port = parsePort(v6[2], `${what} "${spec}"`);
  } else if ((rest.match(/:/g) ?? []).length === 1) {
    const [h, p] = rest.split(':') as [string, string];
    host = h;
    port = parsePort(p, `${what} "${spec}"`);
  }
  if (host === '') throw new K8sdiagError('E_USAGE', `${what} "${spec}": empty address`);
  return { host, ...(user === undefined ? {} : { user }), ...(port === undefined ? {} : { port }) };
}
