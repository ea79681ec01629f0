import { describe, expect, it } from 'vitest';
import { hasHangul, koreanStems, normaliseQuery, stemKoreanWord } from '../../src/retrieval/korean/stem';

describe('stemKoreanWord', () => {
  it.each([
    // particles after a consonant-final syllable
    ['명령을', '명령'],
    ['설정이', '설정'],
    ['정책은', '정책'],
    ['명령과', '명령'],
    ['규칙으로', '규칙'],
    ['원인이다', '원인'],
    ['원인입니다', '원인'],
    // particles after a vowel-final syllable
    ['서버를', '서버'],
    ['서버에', '서버'],
    ['서버에서', '서버'],
    ['서버에서는', '서버'],
    ['서버는', '서버'],
    ['서버가', '서버'],
    ['서버와', '서버'],
    ['서버로', '서버'],
    ['서버의', '서버'],
    ['서버도', '서버'],
    ['서버만', '서버'],
    ['서버까지', '서버'],
    ['서버부터', '서버'],
    ['서버에게', '서버'],
    ['캐시가', '캐시'],
    ['게이트웨이가', '게이트웨이'],
    ['게이트웨이를', '게이트웨이'],
    ['바이너리를', '바이너리'],
    // ㄹ-final stems take 로, not 으로
    ['파일로', '파일'],
    // after Latin letters, digits and symbols any particle goes
    ['kubectl이', 'kubectl'],
    ['kubeadm을', 'kubeadm'],
    ['iptables를', 'iptables'],
    ['localhost:8080에', 'localhost:8080'],
    ['NS_ERROR_FAILURE로', 'NS_ERROR_FAILURE'],
    ['API가', 'API'],
    // 하다/되다/시키다 verbs made from nouns
    ['실행하면', '실행'],
    ['실행합니다', '실행'],
    ['실행했다', '실행'],
    ['실행하는', '실행'],
    ['실행해서', '실행'],
    ['실행한', '실행'],
    ['만료되는', '만료'],
    ['만료된다', '만료'],
    ['만료되었습니다', '만료'],
    ['만료돼서', '만료'],
    ['만료된', '만료'],
    ['초기화시키면', '초기화'],
    ['타임아웃되는데', '타임아웃'],
    // native verbs whose ending merges into the stem's last syllable
    ['사라짐', '사라지'],
    ['사라진', '사라지'],
    ['사라진다', '사라지'],
    ['사라집니다', '사라지'],
    ['사라졌다', '사라지'],
    ['사라졌습니다', '사라지'],
    ['사라지는', '사라지'],
    ['사라지고', '사라지'],
    ['사라지면', '사라지'],
    ['끊김', '끊기'],
    ['끊김이', '끊기'],
    ['끊겼다', '끊기'],
    ['끊겨서', '끊기'],
    ['멈춤', '멈추'],
    ['멈춘다', '멈추'],
    ['멈췄고', '멈추'],
    ['멈춰서', '멈추'],
    ['없음', '없'],
    ['없어서', '없'],
    ['없는', '없'],
    ['없었다', '없'],
    ['기다리다가', '기다리'],
    ['찾는다', '찾'],
    ['않는다고', '않'],
    ['봤지만', '보'],
    ['하나여야', '하나'],
    ['arm64여야', 'arm64'],
    // the plural marker between noun and particle
    ['노드들이', '노드'],
    ['노드들', '노드'],
  ])('%s -> %s', (word, stem) => {
    expect(stemKoreanWord(word)).toBe(stem);
  });

  it.each([
    // nouns whose last syllable looks like a particle keep it
    '게이트웨이', // 이 does not follow a vowel-final syllable
    '추가', // 가 needs a two-syllable stem
    '결과',
    '효과',
    '경로', // 로 does not follow ㅇ
    '속도',
    '정의',
    '권한',
    '역할',
    '포함',
    '이해',
    '차이',
    '제대로',
    '그대로',
    '화면', // 면 needs a two-syllable stem
    '경고', // 고 too
    '시스템', // ㅁ is not a verb ending after 테
    '사람',
    '다음', // 음 is only an ending after a final consonant
    '처음',
    '설정',
    // words with nothing to strip
    '원인',
    '증상',
    '캐시',
    '바이너리',
    '아키텍처',
    '만료',
    '노드',
    // too short to carry a particle
    '이',
    '가',
    '를',
    // not Korean at all
    'Exec',
    'NS_ERROR_FAILURE',
    'localhost:8080',
    '',
  ])('%s stays whole', (word) => {
    expect(stemKoreanWord(word)).toBe(word);
  });

  it('is idempotent on the particles it strips once', () => {
    for (const word of [
      '서버를',
      '게이트웨이가',
      '캐시가',
      '실행하면',
      'kubectl이',
      '노드들이',
      '끊김이',
      '사라졌다',
      '없음',
    ]) {
      const stem = stemKoreanWord(word);
      expect(stemKoreanWord(stem)).toBe(stem);
    }
  });
});

describe('normaliseQuery', () => {
  it('makes different particles meet on one stem', () => {
    expect(normaliseQuery('서버를')).toBe(normaliseQuery('서버에'));
    expect(normaliseQuery('게이트웨이가')).toBe(normaliseQuery('게이트웨이를'));
    expect(normaliseQuery('캐시가 만료되면')).toBe(normaliseQuery('캐시를 만료된'));
    expect(normaliseQuery('연결이 끊김')).toBe(normaliseQuery('연결이 끊겼다'));
  });

  it('stems every Korean word and keeps the others as typed', () => {
    expect(normaliseQuery('바이너리를 실행')).toBe('바이너리 실행');
    expect(normaliseQuery('캐시가 만료')).toBe('캐시 만료');
    expect(normaliseQuery('  kubectl이   localhost:8080에   접속하면 ')).toBe('kubectl localhost:8080 접속');
    expect(normaliseQuery('Exec format error')).toBe('Exec format error');
    expect(normaliseQuery('The connection to the server localhost:8080 was refused')).toBe(
      'The connection to the server localhost:8080 was refused',
    );
  });

  it('drops quotes and sentence punctuation around Korean words', () => {
    expect(normaliseQuery('"서버를"')).toBe('서버');
    expect(normaliseQuery('(게이트웨이가)')).toBe('게이트웨이');
    expect(normaliseQuery('멈춘다.')).toBe('멈추');
  });

  it('returns an empty string for an empty query', () => {
    expect(normaliseQuery('')).toBe('');
    expect(normaliseQuery('   ')).toBe('');
  });
});

describe('koreanStems', () => {
  it('lists the stems that differ from the words, once, in order', () => {
    const text = '서버를 재시작하면 서버에 다시 접속한다. `kubectl`이 서버에서 응답을 기다린다.';
    expect(koreanStems(text)).toEqual(['서버', '재시작', '접속', 'kubectl', '응답', '기다리']);
  });

  it('reads through Markdown markup glued to words', () => {
    expect(koreanStems('**게이트웨이**가 둘이면 [경로](/x)를 고른다')).toEqual(['게이트웨이', '둘', '경로', '고르']);
  });

  it('ignores text without Hangul', () => {
    expect(koreanStems('Exec format error localhost:8080')).toEqual([]);
  });
});

describe('hasHangul', () => {
  it('detects Hangul syllables only', () => {
    expect(hasHangul('서버')).toBe(true);
    expect(hasHangul('server')).toBe(false);
    expect(hasHangul('ㅋ')).toBe(false);
  });
});
