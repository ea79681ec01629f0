import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checksForRoles,
  clusterChecks,
  findCheck,
  hostChecks,
  nodeChecks,
  probesFor,
} from '../../src/diagnostics/registry';
import type { Probe } from '../../src/diagnostics/types';
import { definedProbes } from './probes/modules';

const SRC = fileURLToPath(new URL('../../src/diagnostics/', import.meta.url));
const ids = (dir: string) =>
  readdirSync(`${SRC}${dir}`)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('-probes.ts'))
    .map((name) => name.replace(/\.ts$/, ''))
    .sort();

const everyCheck = [...Object.values(nodeChecks), ...Object.values(hostChecks), ...Object.values(clusterChecks)];
const everyProbe: Probe[] = everyCheck.flatMap((check) => check.probes);

describe('registry', () => {
  it('lists every check file once, sorted, under its own id', () => {
    for (const map of [nodeChecks, hostChecks, clusterChecks]) {
      const keys = Object.keys(map);
      expect(keys).toEqual([...keys].sort());
      for (const [key, check] of Object.entries(map)) expect(check.meta.id).toBe(key);
    }
    expect([...Object.keys(nodeChecks), ...Object.keys(hostChecks)].sort()).toEqual(ids('checks'));
    expect(Object.keys(clusterChecks)).toEqual(ids('cluster'));
  });

  it('picks checks by role', () => {
    const worker = checksForRoles(['worker']).map((check) => check.meta.id);
    const cp = checksForRoles(['control-plane']).map((check) => check.meta.id);
    expect(worker).toContain('api-server-unreachable');
    expect(worker).not.toContain('advertise-address-mismatch');
    expect(cp).toContain('advertise-address-mismatch');
    expect(cp).not.toContain('api-server-unreachable');
    expect([...worker, ...cp]).not.toContain('host-box-arch');
    expect(checksForRoles([])).toHaveLength(Object.keys(nodeChecks).length);
  });

  it('finds checks of every kind and nothing else', () => {
    expect(findCheck('swap-enabled')?.kind).toBe('node');
    expect(findCheck('host-box-arch')?.kind).toBe('host');
    expect(findCheck('duplicate-node-ip')?.kind).toBe('cluster');
    expect(findCheck('toString')).toBeUndefined();
    expect(findCheck('no-such-check')).toBeUndefined();
  });
});

describe('probes', () => {
  it('one name always means one command (so a runner can run each name once per node)', () => {
    const byName = new Map<string, Probe>();
    for (const probe of everyProbe) {
      const seen = byName.get(probe.name);
      if (seen) {
        expect(probe.command, probe.name).toBe(seen.command);
        expect(probe.needsRoot ?? false, probe.name).toBe(seen.needsRoot ?? false);
      } else byName.set(probe.name, probe);
    }
  });

  it('names used by several checks are the shared probes, defined once', async () => {
    const shared = (await definedProbes()).map((probe) => probe.name);
    const users = new Map<string, number>();
    for (const check of everyCheck)
      for (const probe of check.probes) users.set(probe.name, (users.get(probe.name) ?? 0) + 1);
    for (const [name, count] of users) {
      if (count > 1) expect(shared, name).toContain(name);
    }
    for (const check of everyCheck) {
      const names = check.probes.map((probe) => probe.name);
      expect(new Set(names).size, check.meta.id).toBe(names.length);
    }
  });

  it('probesFor runs iptables-save once for the three iptables checks', () => {
    const probes = probesFor([
      nodeChecks['iptables-policy-drop'],
      nodeChecks['iptables-kube-chains-flushed'],
      nodeChecks['iptables-backend-split'],
    ]);
    expect(probes.filter((probe) => probe.name === 'iptables-rules')).toHaveLength(1);
    expect(probes.map((probe) => probe.name)).toEqual(['iptables-rules', 'nft-ruleset', 'kube-proxy-process']);
  });

  it.each(probesFor(everyCheck).map((probe) => [probe.name, probe] as const))(
    '%s parses under dash and busybox sh',
    (_name, probe) => {
      for (const shell of [
        ['dash', '-n', '-c'],
        ['busybox', 'sh', '-n', '-c'],
      ]) {
        const [cmd, ...args] = shell as [string, ...string[]];
        expect(() => execFileSync(cmd, [...args, probe.command], { stdio: 'pipe' }), `${cmd} -n`).not.toThrow();
      }
    },
  );

  it.each(probesFor(everyCheck).map((probe) => [probe.name, probe] as const))(
    '%s writes to no file and calls no mutating tool',
    (_name, probe) => {
      const redirections = probe.command.match(/\d?>{1,2}\s*[^&\s|);]+/g) ?? [];
      for (const redirection of redirections) expect(redirection, probe.name).toMatch(/>\s*\/dev\/null$/);
      expect(probe.command).not.toMatch(/\b(iptables|ip6tables)(-legacy|-nft)? +-(A|D|I|F|P|X|N|Z|R)\b/);
      expect(probe.command).not.toMatch(/\bnft +(add|delete|flush|insert|replace|create)\b/);
      expect(probe.command).not.toMatch(
        /\b(rm|mv|cp|tee|dd|modprobe|swapoff|swapon|sysctl +-w|useradd|chmod|chown|kill|reboot)\b/,
      );
      expect(probe.command).not.toMatch(/\bsystemctl +(start|stop|restart|enable|disable|mask|daemon-reload)\b/);
      expect(probe.command).not.toMatch(/\bip +(route|addr|link) +(add|del|change|replace|flush)\b/);
      // `exit` as a command would end a script the runner joins probes into (`### exit $?` is only text).
      expect(probe.command).not.toMatch(/(^|[;&|]|\bthen|\belse|\bdo)\s*exit\b/m);
    },
  );
});
