import { describe, expect, it } from 'vitest';
import { GLOSSARY } from '../../src/retrieval/glossary';
import { findGlossaryHits, glossaryEntriesIn, glossaryIndexTerms } from '../../src/retrieval/glossary-match';
import { analyseQuery, looksLikePastedError, queryConcepts } from '../../src/retrieval/query';
import { searchWords, splitWords } from '../../src/retrieval/words';

describe('words', () => {
  it('keeps technical tokens whole and strips edge punctuation', () => {
    expect(splitWords('"localhost:8080" (admin.conf), x86_64 apt-get... ~/.kube/config')).toEqual([
      'localhost:8080',
      'admin.conf',
      'x86_64',
      'apt-get',
      'kube/config',
    ]);
  });

  it('lower-cases and strips Korean particles with the one normaliser', () => {
    expect(searchWords('Vagrant가 서버를 NS_ERROR_FAILURE로')).toEqual(['vagrant', '서버', 'ns_error_failure']);
  });
});

describe('glossary matching', () => {
  it('finds one-word, multi-word and compound forms', () => {
    const ids = (text: string): string[] => glossaryEntriesIn(text).map((entry) => entry.id);
    expect(ids('맥북에어에서')).toContain('apple-silicon');
    expect(ids('애플 실리콘 맥')).toContain('apple-silicon');
    expect(ids('앤서블변수')).toContain('ansible');
    expect(ids('컨트롤 플레인')).toContain('control-plane');
    expect(ids('아키텍쳐가')).toContain('architecture');
    expect(ids('서버를')).toEqual([]);
  });

  it('does not let a one-syllable form start a compound', () => {
    // 행 (hang) must not match 행동; 맥 (Mac) must not match 맥락.
    expect(glossaryEntriesIn('행동 맥락').map((entry) => entry.id)).toEqual([]);
  });

  it('reports where a multi-word form starts and how long it is', () => {
    const hits = findGlossaryHits(searchWords('the master node hangs'));
    expect(hits).toContainEqual(expect.objectContaining({ start: 1, length: 2 }));
  });

  it('writes every form of a named concept into the index terms', () => {
    const terms = glossaryIndexTerms('Use an arm64 box on Apple Silicon.');
    for (const word of ['맥북', 'm1', '애플실리콘', '아키텍처', '아키텍쳐']) expect(terms).toContain(word);
  });

  it('has unique ids and no empty forms', () => {
    const ids = GLOSSARY.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of GLOSSARY) {
      for (const form of [entry.en, entry.ko, ...entry.variants]) expect(form.trim().length).toBeGreaterThan(0);
    }
  });
});

describe('analyseQuery', () => {
  it('normalises words, marks fillers and names glossary concepts', () => {
    const query = analyseQuery('맥북에서 베이그런트 up 했더니 에러가');
    expect(query.words.map((word) => [word.typed, word.term, word.filler])).toEqual([
      ['맥북에서', '맥북', false],
      ['베이그런트', '베이그런트', false],
      ['up', 'up', false],
      ['했더니', '했더니', true],
      ['에러가', '에러', false],
    ]);
    expect(query.terms).toEqual(['맥북', '베이그런트', 'up', '에러']);
    expect(query.concepts.map((entry) => entry.id)).toEqual(['apple-silicon', 'vagrant', 'error']);
    expect(query.expansions).toEqual(expect.arrayContaining(['Apple Silicon', 'Vagrant', '오류']));
    expect(query.expansions).not.toContain('맥북');
  });

  it('offers the canonical one-word forms as alternatives, canonical first', () => {
    const [word] = analyseQuery('아키텍쳐').words;
    expect(word?.alternatives[0]).toBe('architecture');
    expect(word?.alternatives).toContain('아키텍처');
  });

  it('searches the fillers when there is nothing else', () => {
    expect(analyseQuery('how to').terms).toEqual(['how', 'to']);
    expect(analyseQuery('   ').terms).toEqual([]);
  });

  it('names the same concepts as queryConcepts, the fast path explain uses for long notes', () => {
    for (const text of [
      '맥북에서 베이그런트 up 했더니 에러가',
      '맥북에어에서 앤서블변수가 안 먹는다',
      'kubeadm join hangs on the worker; the Apple Silicon box has no VirtualBox',
      'calico-node picks 10.0.2.15, the NAT interface of every Vagrant VM',
    ]) {
      expect(
        queryConcepts(text).map((entry) => entry.id),
        text,
      ).toEqual(analyseQuery(text).concepts.map((entry) => entry.id));
    }
  });
});

describe('looksLikePastedError', () => {
  it.each([
    'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    'NS_ERROR_FAILURE',
    '"session aborted"',
    'E: Failed to fetch http://archive.ubuntu.com/x 404 Not Found',
    'error: unable to recognize',
    'Result Code: 0x80004005',
  ])('%s', (text) => {
    expect(looksLikePastedError(text)).toBe(true);
  });

  it.each(['vagrant m1', '게이트웨이 두 개', 'kubeadm join hangs', ''])('not: %s', (text) => {
    expect(looksLikePastedError(text)).toBe(false);
  });
});
