/**
 * Words that carry no meaning for search on their own. Search leaves them out of the query it
 * sends to the index (a page need not contain "how" or "어떻게" to answer the question), and does
 * not list them as "searched without". Kept short on purpose: a word in doubt stays in the query,
 * and relaxation (src/retrieval/relax.ts) drops it anyway if no page contains it.
 */

const ENGLISH = new Set(
  `a an the to of in on at for with and or but by from into after before when while then than so
   i im i'm my me we our you your it its it's this that these those there here
   is are was were be been being am do does did doing done have has had having
   can cant can't cannot could couldnt won't wont would should shouldn't must may might will
   how why what which who where whats what's anyone someone somebody something anything
   please help pls plz just still again also even only really very any some all every
   get gets got getting keep keeps keeping make makes made use using used try tried trying
   work works working worked happen happens happened happening thing stuff way ok okay
   fix fixed fixing solve solved issue issues problem problems`
    .split(/\s+/u)
    .filter((word) => word.length > 0),
);

/**
 * Korean fillers, compared after the normaliser has stripped particles and endings (the stem) and
 * as typed. Question and hedge words, adverbs of degree and time, and the bare stems of
 * 하다/되다/있다/이다 that remain of a verb phrase (했더니 → 하, 됐는데 → 되).
 */
const KOREAN = new Set(
  `어떻게 어떡 어떻 왜 뭐 뭔가 뭔지 무엇 무슨 어디 언제 어느 혹시 좀 조금 그냥 계속 자꾸 갑자기 다시 또 이제 지금
   아직 벌써 바로 너무 진짜 정말 완전 엄청 계속해서 방법 해결 해결법 해결방법 원인 문제 이유 질문 도와 도움 부탁
   하 해 했 한 할 함 합 되 돼 됐 된 될 됨 있 없 이 그 저 것 거 게 수 때 중 후 전 안 못 잘 들 등 및 또는 그리고 그런데
   근데 그래서 그러면 그럼 나 내 제 저희 우리 요 네 에 는 은 가 를 을 의 도 만 로 으로 에서 하고 해서 하면 하니 하니까
   했더니 했는데 하는데 되는데 됐는데 나요 까요 인가요 건가요 그런가요 왜그래 왜이래 어떻게해 어떡해 되나요 하나요`
    .split(/\s+/u)
    .filter((word) => word.length > 0),
);

/** Is this word (as typed, and its search form) a filler? */
export function isFiller(typed: string, term: string): boolean {
  const lower = typed.toLowerCase();
  return ENGLISH.has(lower) || ENGLISH.has(term) || KOREAN.has(lower) || KOREAN.has(term);
}
