// Serves the built site (dist/) on 127.0.0.1 and prints its URL. `npm start` runs the build first.
// PORT picks the port (default 4321); HOST the address (default 127.0.0.1, loopback only).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from './static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
if (!existsSync(join(root, 'index.html'))) {
  console.error('serve: dist/index.html is missing; build the site first (npm run build)');
  process.exit(2);
}

const rawPort = process.env.PORT ?? '4321';
const port = Number(rawPort);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve: PORT must be a port number (0-65535), got "${rawPort}"`);
  process.exit(2);
}

let server;
try {
  server = await startStaticServer({ root, host: process.env.HOST ?? '127.0.0.1', port });
} catch (error) {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  console.error(`serve: cannot listen on port ${port}${code ? ` (${code})` : ''}; set PORT to another port`);
  process.exit(2);
}
console.log(`k8sdiag site: ${server.url}  (English)`);
console.log(`              ${server.url}ko/  (한국어)`);
console.log('Press Ctrl+C to stop.');

const stop = () => {
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
