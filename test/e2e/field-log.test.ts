/**
 * The field log's failures, built for real on three OpenSSH nodes (see test/lab/scenarios): the
 * bundled CLI finds each one with exactly the checks meant to find it, links it to the right
 * runbook, and reports nothing else. Then the read-only proof: every node's kernel state and files
 * are identical before and after a full run (root probes included).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { labId } from '../lab/config.ts';
import { describeLab } from '../lab/describe-lab.ts';
import { down, type Lab, up } from '../lab/lab.ts';
import { FIELD_LOG_EXPECTED, fieldLog } from '../lab/scenarios/index.ts';
import { type NodeSnapshot, snapshotLab } from '../lab/snapshot.ts';
import { type CliRun, k8sdiag, LAB_LIMITS, nodeNamed, parseReport, targetArgs } from './support.ts';

describeLab(
  'e2e: the field log on three nodes',
  () => {
    const id = labId('e2e-fieldlog');
    let lab: Lab;
    let run: CliRun;
    let before: Map<string, NodeSnapshot>;
    let after: Map<string, NodeSnapshot>;
    beforeAll(async () => {
      lab = await up(fieldLog(id));
      before = snapshotLab(lab);
      run = await k8sdiag(lab, [...targetArgs(lab), '--format', 'json', '--raw'], 240_000);
      after = snapshotLab(lab);
    });
    afterAll(() => {
      down(id);
    });

    it('exits 1 (findings) with a schema-valid report; every node reachable and complete', () => {
      const report = parseReport(run);
      expect(run.code, run.stderr).toBe(1);
      expect(report.summary.exitCode).toBe(1);
      for (const node of report.nodes) {
        expect([node.name, node.status, node.probes.complete]).toEqual([node.name, 'ok', true]);
      }
    });

    for (const [name, expected] of Object.entries(FIELD_LOG_EXPECTED.nodes)) {
      it(`${name}: found by exactly ${Object.keys(expected).sort().join(', ')}`, () => {
        const node = nodeNamed(parseReport(run), lab, name);
        const found: Record<string, string> = {};
        for (const f of node.findings) {
          if (f.status === 'pass') continue;
          if (f.status === 'skip' && LAB_LIMITS[f.checkId]?.test(f.message)) continue;
          found[f.checkId] = `${f.status} ${f.runbook}`;
        }
        const want = Object.fromEntries(
          Object.entries(expected).map(([check, runbook]) => [
            check,
            `${found[check]?.split(' ')[0] ?? 'missing'} ${runbook}`,
          ]),
        );
        expect(
          found,
          JSON.stringify(
            node.findings.filter((f) => f.status !== 'pass'),
            null,
            1,
          ),
        ).toEqual(want);
        for (const f of node.findings.filter((x) => x.checkId in expected)) {
          expect(['warn', 'fail']).toContain(f.status);
          expect(f.runbookUrl).toMatch(new RegExp(`/runbooks/${f.runbook}/$`));
          expect(f.evidence.length).toBeGreaterThan(0);
        }
      });
    }

    it(`cluster: found by exactly ${Object.keys(FIELD_LOG_EXPECTED.cluster).sort().join(', ')}`, () => {
      const report = parseReport(run);
      const found = Object.fromEntries(
        report.cluster
          .filter((f) => f.status !== 'pass')
          .map((f) => [f.checkId, { runbook: f.runbook, hosts: [...f.hosts].sort() }]),
      );
      const want = Object.fromEntries(
        Object.entries(FIELD_LOG_EXPECTED.cluster).map(([k, v]) => [
          k,
          { runbook: v.runbook, hosts: [...v.hosts].sort() },
        ]),
      );
      expect(found).toEqual(want);
    });

    it('ran root probes through sudo -n and reports the real evidence', () => {
      const report = parseReport(run);
      const worker2 = nodeNamed(report, lab, 'k8s-worker2');
      const sections = Object.values(worker2.sections ?? {});
      expect(sections.length).toBeGreaterThan(5);
      expect(sections.every((s) => !s.skipped)).toBe(true);
      const arch = worker2.findings.find((f) => f.checkId === 'node-binary-arch');
      // Read by one awk from the ELF header (issue 16: no `file`, whose magic database cost the node most).
      expect(arch?.evidence).toContain('/usr/local/bin/containerd: ELF 64-bit, e_machine 0xb7 (arm64)');
      const drop = worker2.findings.find((f) => f.checkId === 'iptables-policy-drop');
      expect(drop?.evidence.join('\n')).toMatch(/INPUT/);
    });

    it('read-only: every node is identical before and after the run (iptables, routes, addresses, files)', () => {
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [name, snap] of before) {
        const later = after.get(name);
        expect(later?.kernel, `${name} kernel state`).toBe(snap.kernel);
        expect(later?.files, `${name} files`).toEqual(snap.files);
        expect(snap.kernel).toContain('## iptables-nft');
        expect(snap.files.length).toBeGreaterThan(50);
      }
    });
  },
  { needCli: true },
);
