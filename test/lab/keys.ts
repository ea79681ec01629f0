/**
 * Key material made fresh for every lab: the client's key pair, one ed25519 host key per node,
 * an "intruder" key pair (an unrelated key: authorised on no node / presented as a changed host key),
 * and a CA with an API server certificate and an admin client certificate (ECDSA P-256, which kubeadm
 * can make), for the control plane's TLS listener and the kubeconfigs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bash, q } from './sh.ts';

export interface KeyFiles {
  clientKey: string;
  clientPub: string;
  intruderPub: string;
}

export function clientKeys(clientDir: string): KeyFiles {
  const clientKey = join(clientDir, 'id_ed25519');
  const intruder = join(clientDir, 'intruder_ed25519');
  bash(
    [
      `ssh-keygen -q -t ed25519 -N '' -C k8sdiag-lab-client -f ${q(clientKey)}`,
      `ssh-keygen -q -t ed25519 -N '' -C k8sdiag-lab-intruder -f ${q(intruder)}`,
    ].join('\n'),
  );
  return {
    clientKey,
    clientPub: readFileSync(`${clientKey}.pub`, 'utf8').trim(),
    intruderPub: readFileSync(`${intruder}.pub`, 'utf8').trim(),
  };
}

/** Generates host keys in one shell (fast for 200 nodes). `paths` are private-key paths. */
export function hostKeys(paths: readonly string[]): void {
  if (paths.length === 0) return;
  bash(paths.map((p) => `ssh-keygen -q -t ed25519 -N '' -C root@k8sdiag-lab -f ${q(p)}`).join('\n'));
}

/** A CA and an API server certificate whose SANs name the given addresses. Writes into `pkiDir`. */
export function apiServerPki(pkiDir: string, addresses: readonly string[]): void {
  const san = ['DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc', 'DNS:k8s-master']
    .concat(addresses.map((a) => `IP:${a}`))
    .join(',');
  const p = (name: string): string => q(join(pkiDir, name));
  bash(
    [
      `mkdir -p ${q(pkiDir)}`,
      `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=kubernetes -keyout ${p('ca.key')} -out ${p('ca.crt')} 2>/dev/null`,
      `openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=kube-apiserver -keyout ${p('apiserver.key')} -out ${p('apiserver.csr')} 2>/dev/null`,
      `openssl x509 -req -in ${p('apiserver.csr')} -CA ${p('ca.crt')} -CAkey ${p('ca.key')} -CAcreateserial -days 365 -extfile <(printf 'subjectAltName=%s\\nextendedKeyUsage=serverAuth\\n' ${q(san)}) -out ${p('apiserver.crt')} 2>/dev/null`,
      `openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj '/O=kubeadm:cluster-admins/CN=kubernetes-admin' -keyout ${p('admin.key')} -out ${p('admin.csr')} 2>/dev/null`,
      `openssl x509 -req -in ${p('admin.csr')} -CA ${p('ca.crt')} -CAkey ${p('ca.key')} -CAcreateserial -days 365 -extfile <(printf 'extendedKeyUsage=clientAuth\n') -out ${p('admin.crt')} 2>/dev/null`,
      `rm -f ${p('apiserver.csr')} ${p('admin.csr')} ${p('ca.srl')}`,
      `chmod 600 ${p('ca.key')} ${p('apiserver.key')} ${p('admin.key')}`,
    ].join('\n'),
  );
}
