/**
 * The search words (`searchWords`) of every glossary form, by the form's text. Empty here:
 * glossary-match.ts then computes them, which is Korean stemming of ~500 forms, ~20 ms of every
 * CLI call. scripts/build-cli.mjs replaces this module with the words computed at build time by the
 * same function, so the bundled CLI only reads them.
 */
export const glossaryFormWords: ReadonlyMap<string, readonly string[]> = new Map();
