/**
 * Shared helpers for the end-to-end tests: run the bundled CLI inside a lab's hub namespace, parse
 * and validate its JSON report, and summarise findings.
 */

import { type Report, type ReportNode, reportSchema } from '../../src/diagnostics/report/schema';
import { CLI } from '../lab/guard.ts';
import type { Lab } from '../lab/lab.ts';
import { type RunResult, runAsync } from '../lab/sh.ts';

export interface CliRun extends RunResult {
  killedByDeadline: boolean;
}

/** `k8sdiag <args>` run by the lab's Node.js inside the hub namespace, killed at `deadlineMs`. */
export function k8sdiag(lab: Lab, args: readonly string[], deadlineMs: number): Promise<CliRun> {
  return runAsync('ip', ['netns', 'exec', lab.hub, process.execPath, CLI, ...args], {
    deadlineMs,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: '/root', NO_COLOR: '1', LANG: 'C.UTF-8' },
  });
}

/** Connection options for the lab's client files. `hosts` limits the run to those nodes (--host). */
export function targetArgs(lab: Lab, hosts?: readonly string[]): string[] {
  const targets =
    hosts === undefined
      ? ['-i', lab.client.inventory]
      : hosts.flatMap((name) => {
          const node = lab.spec.nodes.find((n) => n.name === name);
          if (!node) throw new Error(`no node ${name}`);
          return ['--host', `vagrant@${node.privateIp}`];
        });
  return [
    'run',
    ...targets,
    '--identity',
    lab.client.key,
    '--known-hosts',
    lab.client.knownHosts,
    '--k8s-version',
    lab.spec.k8sVersion,
  ];
}

export function parseReport(run: CliRun): Report {
  let json: unknown;
  try {
    json = JSON.parse(run.stdout);
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout.slice(0, 400)}\nstderr: ${run.stderr.slice(0, 800)}`);
  }
  return reportSchema.parse(json);
}

export function nodeNamed(report: Report, lab: Lab, name: string): ReportNode {
  const spec = lab.spec.nodes.find((n) => n.name === name);
  const node = report.nodes.find((n) => n.name === name || n.address === spec?.privateIp);
  if (!node) throw new Error(`node ${name} not in the report: ${report.nodes.map((n) => n.name).join(', ')}`);
  return node;
}

/** checkId -> status for every finding of a node that is not `pass`. */
export function problems(node: ReportNode): Record<string, string> {
  return Object.fromEntries(node.findings.filter((f) => f.status !== 'pass').map((f) => [f.checkId, f.status]));
}

/** A compact view of a node's findings for comparisons (id, status, message). */
export function digest(node: ReportNode): string[] {
  return node.findings.map((f) => `${f.checkId} ${f.status} ${f.message}`).sort();
}

/**
 * Checks that do not apply on a lab node, and the skip message that must say why. Any other skip,
 * or one of these with another message, fails the tests.
 */
export const LAB_LIMITS: Readonly<Record<string, RegExp>> = {
  // No systemd in a network namespace node: systemctl answers "System has not been booted with systemd".
  'kubelet-inactive': /^systemd is not running on this machine/,
  // A kubeadm worker has no kubeconfig for anyone (that is user-kubeconfig-missing's verdict to give).
  'kubeconfig-localhost': /^vagrant has no readable kubeconfig \(see user-kubeconfig-missing\)$/,
  // No container runtime runs in a lab node (its config files are there; the daemon is not).
  'containerd-cri-disabled': /^containerd is not running: no socket|^ctr is not installed/,
};

/** Control characters (C0 and DEL) in `text` other than `allowed`, as U+XXXX, each once. */
export function controlChars(text: string, allowed = '\n'): string[] {
  const found = new Set<string>();
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 0x20 || code === 0x7f) && !allowed.includes(ch)) found.add(`U+${code.toString(16).padStart(4, '0')}`);
  }
  return [...found];
}
