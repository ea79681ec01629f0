/** The one query table (shared.ts): every query is asked of an engine, none twice. */
import { describe, expect, it } from 'vitest';
import { MATCHER_CASES, MATCHER_UNRELATED, QUERIES, SITE_CASES } from './shared';

describe('the shared query table', () => {
  it('asks every query of the matcher, the site or both', () => {
    for (const query of QUERIES) expect(query.matcher !== undefined || query.site !== undefined, query.text).toBe(true);
  });

  it('holds each query once per language', () => {
    const keys = QUERIES.map((query) => `${query.lang ?? 'en'}\u0000${query.text}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives each engine all of its queries', () => {
    expect(MATCHER_CASES.length + MATCHER_UNRELATED.length).toBe(QUERIES.filter((q) => q.matcher !== undefined).length);
    expect(SITE_CASES.length).toBe(QUERIES.filter((q) => q.site !== undefined).length);
  });
});
