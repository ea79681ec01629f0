/**
 * The environment for the local programs k8sdiag starts to read targets (`vagrant ssh-config`
 * runs the Vagrantfile's Ruby; `ansible-inventory` runs inventory scripts and plugins): everything
 * but k8sdiag's own secrets, which are for k8sdiag alone.
 */
const SECRETS = ['K8SDIAG_SSH_PASSPHRASE'];

export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of SECRETS) delete env[name];
  return env;
}
