/**
 * The matcher's index of the runbooks (src/retrieval/matcher-index.ts), precomputed. In
 * development there is none (explain builds it from the entries); scripts/build-cli.mjs replaces
 * this module with the index of the same entries it inlines, so a CLI call skips tokenising every
 * runbook phrase.
 */
import type { MatcherIndex } from '../../retrieval/matcher-index';

export const matcherIndex: MatcherIndex | undefined = undefined;
