/**
 * What one `k8sdiag run` costs a node, as a count (issue 16): every node of the lab is its own PID
 * namespace, so the tasks (processes and threads) it starts during a run are exactly the difference
 * of its ns_last_pid before and after (test/lab/measure.ts). The count includes sshd's own processes
 * for the connection; `ssh node true` measures that floor on the same node. The test fails when a
 * change makes a node run start more than the budget: a count, never a time.
 *
 * Recorded on this lab (healthy scenario, Debian 12 tools): the script before issue 16 started 324
 * tasks on a worker and 309 on the control plane; after, 105 and 98 (22 probes), then 64 and 68
 * (28 probes, grouped), then 47 and 49 (the node-CPU step), then 43 and 44 (no `containerd
 * --version`); the connection floor is 4.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { k8sdiag, parseReport, targetArgs } from '../e2e/support.ts';
import { labId } from './config.ts';
import { describeLab } from './describe-lab.ts';
import { down, type Lab, up } from './lab.ts';
import { nodeInitPid, nodeLastPid, tasksBetween } from './measure.ts';
import { healthy } from './scenarios/index.ts';

/**
 * Tasks one node may start for one run, the SSH connection included. Measured after issue 16's
 * second step (one `timeout` and one `sh` per group of probes with one deadline; pipelines of the
 * probe commands as one awk or builtins): 64 on a worker, 65-68 on the control plane, then 61 and 62
 * with the k8s-versions PATH walk (it was 133 and
 * 129 with the 28 probes before that step, 324 with the old script). Then 47 on a worker and 49 on
 * the control plane after the node-CPU step (one sudo, no `id`, one group per shell, one systemctl,
 * awk for `file` and for the per-file seds/awks). Then 43 on a worker and 44 on the control plane
 * after issue 16's third step (containerd-config no longer starts `containerd --version`: the lab's
 * stand-in is a Go binary, whose runtime starts several threads). Raise it only together with a new probe.
 */
export const NODE_TASK_BUDGET = 47;
/** `ssh node true`: sshd's own processes and the login shell. */
const FLOOR_BUDGET = 8;

describeLab(
  'lab: processes a node run starts (probe cost)',
  () => {
    const id = labId('probe-cost');
    let lab: Lab;
    let inits: number[];
    const counts = async (action: () => Promise<unknown> | unknown): Promise<number[]> => {
      const before = inits.map(nodeLastPid);
      await action();
      const after = inits.map(nodeLastPid);
      return inits.map((_, i) => tasksBetween(before[i] as number, after[i] as number));
    };
    beforeAll(async () => {
      lab = await up(healthy(id, 2));
      inits = lab.nodes.map((node) => {
        const pid = node.pid === undefined ? undefined : nodeInitPid(node.pid);
        if (pid === undefined) throw new Error(`node ${node.spec.name} has no PID 1`);
        return pid;
      });
    });
    afterAll(() => {
      down(id);
    });

    it('the counter is exact: nothing starts on an idle node, `ssh node true` costs the floor', async () => {
      const idle = await counts(() => new Promise((resolve) => setTimeout(resolve, 500)));
      // The control plane's API server stand-in may start a thread; a worker starts nothing.
      expect(idle[1]).toBe(0);
      const worker = lab.spec.nodes[1];
      if (!worker) throw new Error('no worker');
      const floor = await counts(() =>
        execFileSync(
          'ip',
          ['netns', 'exec', lab.hub, 'ssh', '-F', lab.client.sshConfig, `vagrant@${worker.privateIp}`, 'true'],
          {
            stdio: 'ignore',
          },
        ),
      );
      expect(floor[1]).toBeGreaterThan(0);
      expect(floor[1]).toBeLessThanOrEqual(FLOOR_BUDGET);
    });

    it(`one run starts at most ${NODE_TASK_BUDGET} tasks on each node, and every probe ran`, async () => {
      let report: ReturnType<typeof parseReport> | undefined;
      const used = await counts(async () => {
        const run = await k8sdiag(lab, [...targetArgs(lab), '--format', 'json'], 240_000);
        report = parseReport(run);
      });
      if (!report) throw new Error('no report');
      for (const node of report.nodes) {
        expect([node.name, node.status, node.probes.complete]).toEqual([node.name, 'ok', true]);
        expect(node.probes.finished).toBe(node.probes.planned);
      }
      process.stderr.write(`tasks per node run: ${lab.spec.nodes.map((n, i) => `${n.name} ${used[i]}`).join(', ')}\n`);
      for (const [i, node] of lab.spec.nodes.entries()) {
        // More than the floor: the counter saw the run (a vacuous zero would pass any budget).
        expect(used[i], node.name).toBeGreaterThan(FLOOR_BUDGET);
        expect(used[i], `${node.name}: tasks started by one run`).toBeLessThanOrEqual(NODE_TASK_BUDGET);
      }
    });
  },
  { needCli: true },
);
