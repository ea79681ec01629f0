/**
 * The probe script may change how it runs (issue 16: fewer processes per node), never what it
 * finds. For the healthy cluster, the field log and the fault matrix's nodes that run probes, the
 * findings of `k8sdiag run` (every node's check, status and message, digits masked: ages, pids and
 * durations move; a duration is masked whole, "20s" and "20.1s" alike) must equal the golden file recorded with the script before the change
 * (`test/e2e/golden/findings.json`). `K8SDIAG_RECORD_GOLDEN=1` rewrites it instead of comparing:
 * only ever with the old script, and say so in the commit.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Report } from '../../src/diagnostics/report/schema';
import { labId } from '../lab/config.ts';
import { describeLab } from '../lab/describe-lab.ts';
import { type Fault, withFault } from '../lab/faults.ts';
import { down, type Lab, up } from '../lab/lab.ts';
import { faultCluster, fieldLog, healthy } from '../lab/scenarios/index.ts';
import { k8sdiag, parseReport, targetArgs } from './support.ts';

const GOLDEN = join(import.meta.dirname, 'golden/findings.json');
const RECORD = process.env['K8SDIAG_RECORD_GOLDEN'] === '1';
/** Faults whose node is reached and runs the script (down, silent, auth and host-key faults run nothing). */
const FAULTS: Fault[] = ['hang', 'sudo-password', 'no-file', 'busybox-sh', 'flood', 'hostile'];
const LIMITS = ['--connect-timeout', '5', '--handshake-timeout', '8', '--node-timeout', '60', '--run-timeout', '90'];

type Findings = Record<string, string[]>;

/** node (or "cluster") -> sorted "check status message" lines, digits masked. */
function findings(report: Report): Findings {
  const mask = (s: string): string => s.replace(/\d+(?:\.\d+)?s\b/g, '#s').replace(/\d+/g, '#');
  const out: Findings = {};
  for (const node of report.nodes) {
    out[node.name] = [
      `status ${node.status}`,
      ...node.findings.map((f) => `${f.checkId} ${f.status} ${mask(f.message)}`).sort(),
    ];
  }
  out['cluster'] = report.cluster.map((f) => `${f.checkId} ${f.status} ${mask(f.message)}`).sort();
  return out;
}

const labs: Array<{ name: string; build: (id: string) => Parameters<typeof up>[0] }> = [
  { name: 'healthy', build: (id) => healthy(id, 3) },
  { name: 'field-log', build: (id) => fieldLog(id) },
  {
    name: 'fault-matrix',
    build: (id) => {
      const spec = faultCluster(id, FAULTS);
      for (const fault of FAULTS) withFault(spec, `k8s-${fault}`, fault);
      return spec;
    },
  },
];

describeLab(
  'e2e: same findings before and after the probe script changes',
  () => {
    const recorded: Record<string, Findings> = {};
    let lab: Lab | undefined;
    afterAll(() => {
      if (lab) down(lab.spec.id);
      if (RECORD) writeFileSync(GOLDEN, `${JSON.stringify(recorded, null, 2)}\n`);
    });
    for (const { name, build } of labs) {
      it(`${name}: the findings equal the golden ones`, async () => {
        const id = labId('e2e-parity');
        lab = await up(build(id));
        try {
          const run = await k8sdiag(lab, [...targetArgs(lab), ...LIMITS, '--format', 'json'], 240_000);
          const got = findings(parseReport(run));
          if (RECORD) {
            recorded[name] = got;
            expect(Object.keys(got).length).toBeGreaterThan(1);
          } else {
            // Durations are masked whole ("#s"): the golden file masked only their digits ("#.#s").
            const text = readFileSync(GOLDEN, 'utf8').replace(/#(?:\.#)?s\b/g, '#s');
            const golden = JSON.parse(text) as Record<string, Findings>;
            expect(golden[name], `no golden findings for ${name}`).toBeDefined();
            expect(got).toEqual(golden[name]);
          }
        } finally {
          down(id);
          lab = undefined;
        }
      });
    }
  },
  { needCli: true, timeoutMs: 240_000 },
);
