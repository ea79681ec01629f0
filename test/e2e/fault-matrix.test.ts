/**
 * The fault matrix: one lab with a healthy control plane and worker plus one worker per fault.
 * For each fault, `k8sdiag run` against the two healthy nodes and the bad one must end within its
 * deadline, leave the healthy nodes' results exactly as in a run without the bad node, and say
 * exactly what happened to the bad node. The failures after the field log are here too: four
 * runtime and CNI faults and the pod CIDR overlap as node state (found by exactly their checks), and
 * VirtualBox's host-only range as a host check next to a Vagrantfile (run through the saved
 * `vagrant ssh-config`, with /etc/vbox/networks.conf absent, allowing and not allowing the range).
 * A last run takes every fault at once.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report, ReportNode } from '../../src/diagnostics/report/schema';
import { labId } from '../lab/config.ts';
import { describeLab } from '../lab/describe-lab.ts';
import { type Fault, withFault } from '../lab/faults.ts';
import { down, type Lab, up } from '../lab/lab.ts';
import { faultCluster } from '../lab/scenarios/index.ts';
import { must } from '../lab/sh.ts';
import { k8sdiagWithVboxNetworks, type VagrantProject, vagrantProject } from '../lab/vagrant-host.ts';
import { NEXT_FAILURE_FAULTS, NODE_FAULT_FINDINGS } from './node-faults.ts';
import { type CliRun, controlChars, k8sdiag, LAB_LIMITS, nodeNamed, parseReport, targetArgs } from './support.ts';

const FAULTS: Fault[] = [
  'down',
  'silent',
  'hang',
  'auth-failure',
  'host-key-changed',
  'sudo-password',
  'no-file',
  'busybox-sh',
  'flood',
  'hostile',
  // The failures after the field log, as node state (cri-disabled ... pod-cidr-overlap).
  ...NEXT_FAILURE_FAULTS,
];
const HEALTHY = ['k8s-master', 'k8s-worker1'];
/** Short limits so that the matrix runs in about a minute; the deadlines below follow from them. */
const LIMITS = ['--connect-timeout', '3', '--handshake-timeout', '4', '--node-timeout', '40', '--run-timeout', '60'];
const RUN_DEADLINE_MS = 70_000;

/** What a healthy node's findings must stay: check, status and message (digits masked: ages, pids). */
const verdicts = (node: ReportNode): string[] =>
  node.findings.map((f) => `${f.checkId} ${f.status} ${f.message.replace(/\d+/g, '#')}`).sort();

/** Text outside Markdown code fences. */
const outsideFences = (markdown: string): string => markdown.replace(/^\s*```[a-z]*\n[\s\S]*?^\s*```$/gm, '');

describeLab(
  'e2e: fault matrix',
  () => {
    const id = labId('e2e-faults');
    let lab: Lab;
    let baseline: Report;
    const runs = new Map<Fault, CliRun>();
    const run = async (fault: Fault, format = 'json'): Promise<CliRun> => {
      const result = await k8sdiag(
        lab,
        [
          ...targetArgs(lab, [...HEALTHY, `k8s-${fault}`]),
          ...LIMITS,
          '--format',
          format,
          ...(format === 'json' ? ['--raw'] : []),
        ],
        RUN_DEADLINE_MS,
      );
      expect(result.killedByDeadline, `${fault}: the run did not end by itself within ${RUN_DEADLINE_MS} ms`).toBe(
        false,
      );
      if (format === 'json') runs.set(fault, result);
      return result;
    };
    const bad = (fault: Fault): ReportNode => nodeNamed(parseReport(runs.get(fault) as CliRun), lab, `k8s-${fault}`);
    const intact = (fault: Fault): void => {
      const report = parseReport(runs.get(fault) as CliRun);
      for (const name of HEALTHY) {
        expect(verdicts(nodeNamed(report, lab, name)), `${name} next to k8s-${fault}`).toEqual(
          verdicts(nodeNamed(baseline, lab, name)),
        );
      }
    };

    beforeAll(async () => {
      const spec = faultCluster(id, FAULTS);
      for (const fault of FAULTS) withFault(spec, `k8s-${fault}`, fault);
      lab = await up(spec);
      const base = await k8sdiag(lab, [...targetArgs(lab, HEALTHY), ...LIMITS, '--format', 'json'], RUN_DEADLINE_MS);
      baseline = parseReport(base);
      expect(base.code, base.stderr).toBe(0);
      for (const node of baseline.nodes) {
        for (const f of node.findings) {
          if (f.status !== 'pass')
            expect(f.message, `${node.name} ${f.checkId}`).toMatch(LAB_LIMITS[f.checkId] ?? /^$/);
        }
      }
    });
    afterAll(() => {
      down(id);
    });

    it('node down: unreachable after the connect timeout, exit 3', async () => {
      const r = await run('down');
      expect(r.code).toBe(3);
      const node = bad('down');
      expect([node.status, node.reason]).toEqual([
        'unreachable',
        'TCP connect to 198.51.100.12:22 timed out after 3 s',
      ]);
      expect(node.findings).toEqual([]);
      intact('down');
    });

    it('port open but no SSH banner: handshake timeout, exit 3', async () => {
      const r = await run('silent');
      expect(r.code).toBe(3);
      const node = bad('silent');
      expect([node.status, node.reason]).toEqual([
        'timeout',
        'SSH handshake with 198.51.100.13:22 timed out after 4 s',
      ]);
      intact('silent');
    });

    it('probe hanging past its timeout: killed by timeout(1), that check reports it, the rest is judged', async () => {
      await run('hang');
      const node = bad('hang');
      expect([node.status, node.probes.complete]).toEqual(['ok', true]);
      const section = node.sections?.['k8s-versions'];
      expect(section?.timedOut).toBe(true);
      const versions = node.findings.find((f) => f.checkId === 'k8s-version-mismatch');
      expect([versions?.status, versions?.message]).toEqual([
        'error',
        // The configured limit, never a measured time (a loaded machine measured 20.1 s once).
        'probe "k8s-versions" timed out at its 20s limit; its output was not judged',
      ]);
      const others = node.findings.filter((f) => f.checkId !== 'k8s-version-mismatch' && !(f.checkId in LAB_LIMITS));
      expect(others.filter((f) => f.status !== 'pass')).toEqual([]);
      // No measured time is asserted (a loaded machine stretches them): the run ending by itself
      // within RUN_DEADLINE_MS (checked in run()) and the timed-out section say it all.
      intact('hang');
    });

    it('auth failure: auth-failed, the key that was tried named, exit 3', async () => {
      const r = await run('auth-failure');
      expect(r.code).toBe(3);
      const node = bad('auth-failure');
      expect(node.status).toBe('auth-failed');
      expect(node.reason).toBe(`vagrant@198.51.100.15:22: authentication failed (tried ${lab.client.key})`);
      intact('auth-failure');
    });

    it('changed host key: refused loudly, no probe run on it, exit 3', async () => {
      const r = await run('host-key-changed');
      expect(r.code).toBe(3);
      const node = bad('host-key-changed');
      expect(node.status).toBe('host-key-refused');
      expect(node.reason).toMatch(/changed/i);
      expect(node.findings).toEqual([]);
      expect(r.stderr).toContain('WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!');
      expect(r.stderr).toContain(`ssh-keygen -R '198.51.100.16' -f ${lab.client.knownHosts}`);
      intact('host-key-changed');
    });

    it("sudo needs a password: root probes skipped with sudo's reason, everything else judged", async () => {
      const r = await run('sudo-password');
      expect(r.code).toBe(0);
      const node = bad('sudo-password');
      expect(node.status).toBe('ok');
      const skippedSections = Object.entries(node.sections ?? {}).filter(([, s]) => s.skipped);
      expect(skippedSections.map(([k]) => k).sort()).toEqual(
        [
          'apiserver-manifest',
          'apiserver-reach',
          'apt-log',
          'cni-conf',
          'containerd-plugins',
          'iptables-rules',
          'kubelet-flags',
          'kubelet-journal',
          'nft-ruleset',
          'pod-cidr',
          'root-kubeconfig',
        ].sort(),
      );
      for (const [, s] of skippedSections)
        expect(s.skipReason).toMatch(/^needs root: sudo -n refused \(sudo: a password is required/);
      const rootChecks = [
        'api-server-unreachable',
        'cni-config-missing',
        'containerd-cri-disabled',
        'iptables-backend-split',
        'iptables-kube-chains-flushed',
        'iptables-policy-drop',
        'kubelet-node-ip-mismatch',
      ];
      for (const id of rootChecks) {
        const f = node.findings.find((x) => x.checkId === id);
        expect([id, f?.status, f?.message]).toEqual([
          id,
          'skip',
          expect.stringMatching(/sudo -n refused \(sudo: a password is required/),
        ]);
      }
      const judged = node.findings.filter((f) => !rootChecks.includes(f.checkId) && !(f.checkId in LAB_LIMITS));
      expect(judged.filter((f) => f.status !== 'pass')).toEqual([]);
      intact('sudo-password');
    });

    it('no `file` on the node: the ELF header is read with od instead', async () => {
      await run('no-file');
      const node = bad('no-file');
      expect(
        must('ip', [
          'netns',
          'exec',
          lab.hub,
          'ssh',
          '-F',
          lab.client.sshConfig,
          'vagrant@198.51.100.18',
          'command -v file || echo none',
        ]).trim(),
      ).toBe('none');
      const arch = node.findings.find((f) => f.checkId === 'node-binary-arch');
      expect([arch?.status, arch?.message]).toEqual([
        'pass',
        // The count follows the host's /usr/bin, which nodes share: Debian's containerd, ctr and runc
        // are there when setup-system.sh installed containerd (the runtime checks' fixtures need it).
        expect.stringMatching(/^\d+ binar(?:y|ies) checked, all amd64 \(read with od; file is not installed\)$/),
      ]);
      expect(arch?.evidence).toContain('/usr/local/bin/containerd: ELF 64-bit, e_machine 0x3e (amd64)');
      intact('no-file');
    });

    it('/bin/sh is dash (Debian default) on the healthy nodes and BusyBox sh on one: same verdicts', async () => {
      const ssh = (ip: string, cmd: string): string =>
        must('ip', ['netns', 'exec', lab.hub, 'ssh', '-F', lab.client.sshConfig, `vagrant@${ip}`, cmd]).trim();
      expect(ssh('198.51.100.11', 'readlink -f /bin/sh')).toBe('/usr/bin/dash');
      expect(ssh('198.51.100.19', 'sh -c "busybox 2>&1 | head -n 1; /bin/sh --help 2>&1 | head -n 1"')).toMatch(
        /^BusyBox v[\d.]+ .*\nBusyBox v[\d.]+ /,
      );
      await run('busybox-sh');
      const node = bad('busybox-sh');
      expect([node.status, node.probes.complete]).toEqual(['ok', true]);
      const worker = nodeNamed(baseline, lab, 'k8s-worker1');
      const statuses = (n: ReportNode): string[] => n.findings.map((f) => `${f.checkId} ${f.status}`).sort();
      expect(statuses(node)).toEqual(statuses(worker));
      intact('busybox-sh');
    });

    it('1 MiB from one probe: cut at the cap, marked truncated, and the checks say so', async () => {
      const r = await run('flood');
      expect(r.stdout.length).toBeLessThan(4 * 1024 * 1024);
      const node = bad('flood');
      expect([node.status, node.probes.complete]).toEqual(['ok', true]);
      const section = node.sections?.['iptables-rules'];
      expect(section?.truncated).toBe(true);
      expect(section?.stdout.length).toBe(256 * 1024);
      const iptables = node.findings.filter((f) => f.checkId.startsWith('iptables-'));
      expect(iptables.map((f) => f.checkId).sort()).toEqual([
        'iptables-backend-split',
        'iptables-kube-chains-flushed',
        'iptables-policy-drop',
      ]);
      for (const f of iptables) {
        expect(f.status).toBe('error');
        // What happened: the output was cut at the cap (not "exited with 141", which is head's SIGPIPE).
        expect(f.message, `${f.checkId}: ${f.message}`).toMatch(/truncat|cut at|cap|exceed/i);
      }
      const rest = node.findings.filter((f) => !f.checkId.startsWith('iptables-') && !(f.checkId in LAB_LIMITS));
      expect(rest.filter((f) => f.status !== 'pass')).toEqual([]);
      intact('flood');
    });

    it('hostile output: escapes, HTML, fake markers stay inert in text, Markdown, JUnit and JSON', async () => {
      await run('hostile');
      const node = bad('hostile');
      expect([node.status, node.probes.complete]).toEqual(['ok', true]);
      // The fake marker (wrong nonce) is content, not structure: the check that got it says so.
      const lists = node.findings.find((f) => f.checkId === 'apt-lists-stale');
      expect(lists?.status).toBe('error');
      expect(lists?.message).toContain('unexpected output from probe "apt-lists"');
      expect(lists?.message).toContain('@@K8SDIAG 00000000000000000000000000000000 E 1');
      const versions = node.findings.find((f) => f.checkId === 'k8s-version-mismatch');
      expect(versions?.status).toBe('fail');
      // No control character but newline in any human format; HTML only inside code, escaped elsewhere.
      const text = await run('hostile', 'text');
      expect(text.stdout).toContain('pwned');
      expect(controlChars(text.stdout)).toEqual([]);
      const markdown = await run('hostile', 'markdown');
      expect(controlChars(markdown.stdout)).toEqual([]);
      expect(markdown.stdout).toContain('<script>alert(1)</script>');
      expect(outsideFences(markdown.stdout)).not.toMatch(/<script|<img/);
      const junit = await run('hostile', 'junit');
      expect(controlChars(junit.stdout, '\n\t\r')).toEqual([]);
      expect(junit.stdout).not.toContain('<script');
      expect(junit.stdout).toContain('&lt;script&gt;');
      const json = runs.get('hostile') as CliRun;
      expect(controlChars(json.stdout)).toEqual([]);
      intact('hostile');
    });

    for (const fault of NEXT_FAILURE_FAULTS) {
      const expected = NODE_FAULT_FINDINGS[fault] ?? {};
      it(`${fault}: found by exactly ${Object.keys(expected).join(', ')}, exit 1`, async () => {
        const r = await run(fault);
        expect(r.code, r.stderr).toBe(1);
        const node = bad(fault);
        expect([node.status, node.probes.complete]).toEqual(['ok', true]);
        const found = Object.fromEntries(
          node.findings
            .filter((f) => f.status !== 'pass' && !(f.status === 'skip' && LAB_LIMITS[f.checkId]?.test(f.message)))
            .map((f) => [f.checkId, f.runbook]),
        );
        expect(found).toEqual(expected);
        intact(fault);
      });
    }

    describe('host-only-range: the Vagrant host next to the nodes', () => {
      let project: VagrantProject;
      /** `k8sdiag run --vagrant <saved ssh-config>` for the healthy nodes, with this networks.conf. */
      const vagrantRun = async (networksConf: string | undefined): Promise<{ report: Report; code: number | null }> => {
        project ??= vagrantProject(lab, HEALTHY);
        const r = await k8sdiagWithVboxNetworks(
          lab,
          networksConf,
          ['run', '--vagrant', project.sshConfig, '--k8s-version', lab.spec.k8sVersion, ...LIMITS, '--format', 'json'],
          RUN_DEADLINE_MS,
        );
        expect(r.killedByDeadline).toBe(false);
        const report = parseReport({ ...r, killedByDeadline: false });
        expect(report.nodes.map((n) => n.name).sort()).toEqual([...HEALTHY, 'localhost'].sort());
        // Same checks, same statuses. Messages may differ: a Vagrant HostName is no intended address
        // (it is 127.0.0.1 behind a forwarded port on VirtualBox), so the address checks say so.
        const statuses = (node: ReportNode): string[] => node.findings.map((f) => `${f.checkId} ${f.status}`).sort();
        for (const name of HEALTHY) {
          expect(statuses(nodeNamed(report, lab, name)), `${name} through the Vagrant config`).toEqual(
            statuses(nodeNamed(baseline, lab, name)),
          );
        }
        return { report, code: r.code };
      };
      const hostOnly = (report: Report) => {
        const host = report.nodes.find((n) => n.name === 'localhost');
        expect(host).toMatchObject({ status: 'ok', transport: 'local' });
        const arch = host?.findings.find((f) => f.checkId === 'host-box-arch');
        expect(arch?.status).toBe('pass');
        return host?.findings.find((f) => f.checkId === 'host-only-range');
      };
      /** The Vagrantfile lines the check must quote, as path:line: text. */
      const privateNetworkLines = (): string[] =>
        readFileSync(project.vagrantfile, 'utf8')
          .split('\n')
          .flatMap((text, i) =>
            text.includes('private_network') ? [`${project.vagrantfile}:${i + 1}: ${text.trim()}`] : [],
          );

      it('no /etc/vbox/networks.conf: 198.51.100.x is outside 192.168.56.0/21, fail, exit 1', async () => {
        const { report, code } = await vagrantRun(undefined);
        expect(code).toBe(1);
        const f = hostOnly(report);
        expect([f?.status, f?.runbook, f?.message]).toEqual([
          'fail',
          'vbox-hostonly-range',
          'private_network 198.51.100.10, 198.51.100.11 is outside the allowed host-only ranges (192.168.56.0/21): vagrant up stops with "not within the allowed ranges"',
        ]);
        expect(f?.evidence).toEqual([
          ...privateNetworkLines(),
          "VirtualBox's default 192.168.56.0/21 (no /etc/vbox/networks.conf)",
        ]);
      });

      it('networks.conf allows 198.51.100.0/24: pass, exit 0', async () => {
        const { report, code } = await vagrantRun('* 198.51.100.0/24\n');
        expect(code).toBe(0);
        const f = hostOnly(report);
        expect([f?.status, f?.message]).toEqual(['pass', 'every private_network address is inside 198.51.100.0/24']);
        expect(f?.evidence).toContain('/etc/vbox/networks.conf: 198.51.100.0/24');
      });

      it("networks.conf allows other ranges only: the file's ranges replace the default, fail", async () => {
        const { report, code } = await vagrantRun('* 192.168.56.0/21 203.0.113.0/24\n');
        expect(code).toBe(1);
        const f = hostOnly(report);
        expect([f?.status, f?.message]).toEqual([
          'fail',
          'private_network 198.51.100.10, 198.51.100.11 is outside the allowed host-only ranges (192.168.56.0/21, 203.0.113.0/24): vagrant up stops with "not within the allowed ranges"',
        ]);
        expect(f?.evidence.at(-1)).toBe('/etc/vbox/networks.conf: 192.168.56.0/21 203.0.113.0/24');
      });
    });

    describe('every fault at once', () => {
      it('ends within the run deadline and says what happened to each node', async () => {
        const all = await k8sdiag(lab, [...targetArgs(lab), ...LIMITS, '--format', 'json'], RUN_DEADLINE_MS);
        expect(all.killedByDeadline).toBe(false);
        expect(all.code).toBe(3);
        const report = parseReport(all);
        const status = Object.fromEntries(report.nodes.map((n) => [n.name, n.status]));
        expect(status).toEqual({
          'k8s-master': 'ok',
          'k8s-worker1': 'ok',
          'k8s-down': 'unreachable',
          'k8s-silent': 'timeout',
          'k8s-hang': 'ok',
          'k8s-auth-failure': 'auth-failed',
          'k8s-host-key-changed': 'host-key-refused',
          'k8s-sudo-password': 'ok',
          'k8s-no-file': 'ok',
          'k8s-busybox-sh': 'ok',
          'k8s-flood': 'ok',
          'k8s-hostile': 'ok',
          ...Object.fromEntries(NEXT_FAILURE_FAULTS.map((fault) => [`k8s-${fault}`, 'ok'])),
        });
        expect(report.summary.nodes).toMatchObject({
          total: 17,
          ok: 13,
          unreachable: 1,
          timeout: 1,
          'auth-failed': 1,
          'host-key-refused': 1,
        });
        // The nodes ran side by side, not one after another: their times add up to more than the
        // run's own (a comparison of two measurements of the same run, not a bound on either).
        const nodeTime = report.nodes.reduce((sum, n) => sum + n.durationMs, 0);
        expect(nodeTime).toBeGreaterThan(report.run.durationMs);
        for (const name of HEALTHY) {
          expect(verdicts(nodeNamed(report, lab, name))).toEqual(verdicts(nodeNamed(baseline, lab, name)));
        }
      });
    });
  },
  { needCli: true },
);
