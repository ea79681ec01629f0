/**
 * Programs that lab nodes run besides sshd, as source text placed on the node and started by the
 * node's init shell inside its namespaces. They run on the Node.js binary that runs the lab.
 */

/** Where node-side helper programs live inside a node (its own /var/lib, invisible to the host). */
export const NODE_LIB = '/var/lib/k8sdiag-lab';
/**
 * Node.js inside a node, for the stand-in API server and the silent listener: the test's own
 * binary bind-mounted under the node's /run before its private /tmp hides the checkout (a checkout
 * under /tmp, as CI's, would otherwise vanish from the node's view).
 */
export const NODE_BIN = '/run/k8sdiag-lab-node';

/**
 * The API server's listener on :6443: real TLS with the lab CA's certificate, answering /healthz,
 * /livez, /readyz with "ok" and /version with the version JSON; anything else gets the 403 an
 * anonymous request gets. Named kube-apiserver in `ps`.
 */
export function apiServerSource(version: string): string {
  return `// k8sdiag lab stand-in for kube-apiserver's listener (TLS on :6443).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
process.title = 'kube-apiserver';
const version = ${JSON.stringify(version)};
const [major, minor] = version.slice(1).split('.');
const server = createServer(
  { cert: readFileSync('/etc/kubernetes/pki/apiserver.crt'), key: readFileSync('/etc/kubernetes/pki/apiserver.key') },
  (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end('ok');
      return;
    }
    if (path === '/version') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ major, minor, gitVersion: version, gitTreeState: 'clean', goVersion: 'go1.24.2', compiler: 'gc', platform: 'linux/amd64' }, null, 2));
      return;
    }
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'forbidden: User "system:anonymous" cannot get path "' + path + '"', reason: 'Forbidden', details: {}, code: 403 }));
  },
);
server.listen(6443, '0.0.0.0');
`;
}

/** Accepts TCP connections on :22 and never writes a byte (no SSH banner). */
export const SILENT_LISTENER = `// k8sdiag lab: a port that is open but has no SSH server behind it.
import { createServer } from 'node:net';
process.title = 'k8sdiag-lab-silent';
const held = new Set();
createServer((socket) => { held.add(socket); socket.on('close', () => held.delete(socket)); socket.on('error', () => {}); }).listen(22, '0.0.0.0');
`;
