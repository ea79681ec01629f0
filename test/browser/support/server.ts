/**
 * Serves the built site (dist/) on 127.0.0.1 with the project's own static server
 * (scripts/static-server.mjs, the one `npm start` uses), on a free port.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startStaticServer } from '../../../scripts/static-server.mjs';

/** The built site; K8SDIAG_DIST points elsewhere (e.g. a private build while others rebuild dist/). */
export const DIST = resolve(process.env['K8SDIAG_DIST'] ?? resolve(import.meta.dirname, '../../../dist'));

export interface StaticSite {
  /** http://127.0.0.1:PORT, without a trailing slash. */
  origin: string;
  root: string;
  close(): Promise<void>;
}

interface Started {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root = DIST): Promise<StaticSite> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: build the site first ("npm run build"; npm test does it)`);
  }
  const server = (await startStaticServer({ root, host: '127.0.0.1', port: 0 })) as Started;
  return { origin: server.url.replace(/\/$/, ''), root, close: () => server.close() };
}
