/**
 * The command table. Each entry is loaded on demand; each file default-exports a citty command
 * whose `run` resolves to an exit code (see ../errors.ts EXIT).
 */
import { defineCommand } from 'citty';
import { VERSION } from '../version';

export { VERSION };

const lazy = (load: () => Promise<{ default: unknown }>) => async () => (await load()).default as never;

export const COMMANDS = defineCommand({
  meta: {
    name: 'k8sdiag',
    version: VERSION,
    description:
      'Troubleshooting kit for Kubernetes clusters built on Vagrant VMs with Ansible and kubeadm.\n' +
      'Exit codes: 0 ok, 1 findings (fail; warn too with --strict), 2 bad input, 3 partial run (nodes unreachable), 70 internal error.',
  },
  subCommands: {
    run: lazy(() => import('./run')),
    analyze: lazy(() => import('./analyze')),
    'probe-script': lazy(() => import('./probe-script')),
    lint: lazy(() => import('./lint')),
    explain: lazy(() => import('./explain')),
    runbook: lazy(() => import('./runbook')),
    checks: lazy(() => import('./checks')),
  },
});

export type CommandName = 'run' | 'analyze' | 'probe-script' | 'lint' | 'explain' | 'runbook' | 'checks';
