/** The languages every runbook and site page is written in. Dependency-free: the CLI, the site and the tests import it. */
export const LANGS = ['en', 'ko'] as const;
export type Lang = (typeof LANGS)[number];
