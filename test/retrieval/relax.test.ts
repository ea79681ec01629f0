/**
 * relaxedSearch against a small in-memory engine with Pagefind's contract (a page matches when it
 * contains every word, by prefix); the built-index behaviour is in test/site/search*.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { type EngineHit, relaxedSearch, type SearchEngine } from '../../src/retrieval/relax';

const PAGES: Record<string, string> = {
  routes: 'two default gateways default route netplan gateway4 routing table',
  firewall: 'iptables flush policy drop ssh lockout firewall',
  arch: 'vagrant box architecture arm64 apple silicon 아키텍처 맥북',
  catalog: 'catalog of checks gateway4 iptables vagrant architecture provisioning apt',
};

function engine(log: string[] = []): SearchEngine<EngineHit> {
  return {
    async search(term) {
      log.push(term);
      const words = term.split(' ');
      return Object.entries(PAGES)
        .map(([id, text]) => {
          const tokens = text.split(' ');
          const counts = words.map((word) => tokens.filter((token) => token.startsWith(word)).length);
          return { id, score: counts.every((n) => n > 0) ? counts.reduce((a, b) => a + b, 0) / tokens.length : 0 };
        })
        .filter((hit) => hit.score > 0)
        .sort((a, b) => b.score - a.score);
    },
  };
}

describe('relaxedSearch', () => {
  it('returns the full query when it finds enough pages, without relaxing', async () => {
    const log: string[] = [];
    const result = await relaxedSearch(engine(log), 'gateway4', { enough: 2 });
    expect(result.relaxed).toBe(false);
    expect(result.without).toEqual([]);
    expect(result.hits.map((hit) => hit.id)).toEqual(['routes', 'catalog']);
    // The full query and, at the same time, the term alone; nothing else (no alternatives).
    expect(new Set(log)).toEqual(new Set(['gateway4']));
  });

  it('drops a word no page contains and names it as typed', async () => {
    const result = await relaxedSearch(engine(), 'iptables flush 했는데 깜깜무소식');
    expect(result.relaxed).toBe(true);
    expect(result.hits[0]?.id).toBe('firewall');
    expect(result.without).toEqual(['깜깜무소식']);
    expect(result.searched).toBe('iptables flush 깜깜무소식');
  });

  it('replaces a word by a glossary form some page contains', async () => {
    const result = await relaxedSearch(engine(), 'vagrant 아키텍쳐가');
    expect(result.replaced).toEqual([['아키텍쳐가', 'architecture']]);
    expect(result.hits[0]?.id).toBe('arch');
    expect(result.without).toEqual([]);
  });

  it('never returns an empty list while some word matches some page', async () => {
    const result = await relaxedSearch(engine(), 'gateway4 lockout');
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.without.length).toBe(1);
  });

  it('ranks the page about most words above a catalog that mentions each once', async () => {
    const result = await relaxedSearch(engine(), 'netplan gateway4 routing provisioning');
    expect(result.hits[0]?.id).toBe('routes');
    expect(result.without).toEqual(['provisioning']);
  });

  it('returns nothing for an empty query and for words no page contains', async () => {
    expect((await relaxedSearch(engine(), '  ')).hits).toEqual([]);
    const none = await relaxedSearch(engine(), 'zzyzx qqq');
    expect(none.hits).toEqual([]);
    expect(none.without).toEqual(['zzyzx', 'qqq']);
  });
});
