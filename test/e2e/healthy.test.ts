/**
 * A healthy three-node cluster on the lab: the bundled CLI, run from the hub namespace against real
 * OpenSSH nodes, finds nothing wrong. Every node and cluster check passes, except where the lab
 * cannot provide what a check asks about (listed in LAB_LIMITS with the exact reason expected).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { labId } from '../lab/config.ts';
import { describeLab } from '../lab/describe-lab.ts';
import { down, type Lab, up } from '../lab/lab.ts';
import { healthy } from '../lab/scenarios/index.ts';
import { type CliRun, controlChars, digest, k8sdiag, LAB_LIMITS, parseReport, targetArgs } from './support.ts';

describeLab(
  'e2e: healthy cluster',
  () => {
    const id = labId('e2e-healthy');
    let lab: Lab;
    let run: CliRun;
    beforeAll(async () => {
      lab = await up(healthy(id, 3));
      run = await k8sdiag(lab, [...targetArgs(lab), '--format', 'json'], 240_000);
    });
    afterAll(() => {
      down(id);
    });

    it('exits 0 with a schema-valid report of three reachable nodes', () => {
      const report = parseReport(run);
      expect(run.code, run.stderr).toBe(0);
      expect(report.summary.exitCode).toBe(0);
      expect(report.nodes.map((n) => [n.name, n.status, n.roles.join(',')])).toEqual([
        ['k8s-master', 'ok', 'control-plane'],
        ['k8s-worker1', 'ok', 'worker'],
        ['k8s-worker2', 'ok', 'worker'],
      ]);
      for (const node of report.nodes) {
        expect(node.probes.complete, node.name).toBe(true);
        expect(node.probes.finished).toBe(node.probes.planned);
        expect(node.hostKey?.verdict).toBe('known');
      }
    });

    it('passes every node check', () => {
      const report = parseReport(run);
      for (const node of report.nodes) {
        expect(node.findings.length, node.name).toBeGreaterThan(10);
        for (const finding of node.findings) {
          const limit = LAB_LIMITS[finding.checkId];
          if (limit && finding.status === 'skip') {
            expect(finding.message, `${node.name} ${finding.checkId}`).toMatch(limit);
            continue;
          }
          expect(`${node.name} ${finding.checkId} ${finding.status}: ${finding.message}`).toBe(
            `${node.name} ${finding.checkId} pass: ${finding.message}`,
          );
        }
      }
    });

    it('passes every cluster check', () => {
      const report = parseReport(run);
      expect(report.cluster.length).toBeGreaterThan(0);
      for (const finding of report.cluster) {
        expect(`${finding.checkId} ${finding.status}: ${finding.message}`).toBe(
          `${finding.checkId} pass: ${finding.message}`,
        );
      }
    });

    it('gives the same verdicts from --host as from the inventory', async () => {
      const byHost = await k8sdiag(
        lab,
        [...targetArgs(lab, ['k8s-master', 'k8s-worker1', 'k8s-worker2']), '--format', 'json'],
        240_000,
      );
      const a = parseReport(run);
      const b = parseReport(byHost);
      expect(b.nodes.map((n) => digest(n).map((d) => d.split(' ').slice(0, 2).join(' ')))).toEqual(
        a.nodes.map((n) => digest(n).map((d) => d.split(' ').slice(0, 2).join(' '))),
      );
    });

    it('prints a text report without terminal escapes when stdout is not a TTY', async () => {
      const text = await k8sdiag(lab, [...targetArgs(lab), '--format', 'text'], 240_000);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toContain('k8s-master');
      expect(controlChars(text.stdout)).toEqual([]);
    });
  },
  { needCli: true },
);
