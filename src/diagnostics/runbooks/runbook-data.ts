/**
 * The runbook entries. In development this reads the MDX files; scripts/build-cli.mjs replaces
 * this module with the same entries as a literal, so the bundle needs no files beside it.
 */
import { fileURLToPath } from 'node:url';
import { type RunbookEntry, readRunbooksFromDisk } from './read-runbooks';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export const runbookEntries: readonly RunbookEntry[] = readRunbooksFromDisk(root.replace(/\/$/, ''));
