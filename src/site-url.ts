/**
 * The site's address: one build-time setting, K8SDIAG_SITE_URL. It feeds astro.config.mjs `site`
 * (canonical links, the /cli/ download commands) and the bundled CLI's default runbook links
 * (scripts/build-cli.mjs freezes it into the bundle). The default is the local `npm start`
 * address, so a fresh clone's links work on the machine that built it. Browser-safe.
 */
export const DEFAULT_SITE_URL = 'http://127.0.0.1:4321';

declare const __K8SDIAG_SITE_URL__: string | undefined;

/** The setting checked and normalised (no trailing slash); throws a one-line error when it is not an http(s) URL. */
export function siteUrlFrom(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return DEFAULT_SITE_URL;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`K8SDIAG_SITE_URL: "${value}" is not a URL (example: https://runbooks.example.org)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`K8SDIAG_SITE_URL: "${value}" must be an http:// or https:// address`);
  return url.href.replace(/\/+$/, '');
}

function fromEnvironment(): string | undefined {
  return typeof process === 'undefined' ? undefined : process.env['K8SDIAG_SITE_URL'];
}

/** In the bundled CLI: the value at build time. From source (tests, astro): the environment now. */
export const SITE_URL: string = siteUrlFrom(
  typeof __K8SDIAG_SITE_URL__ === 'string' ? __K8SDIAG_SITE_URL__ : fromEnvironment(),
);
