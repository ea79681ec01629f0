/** A check's title in a language (the Korean one is `titleKo` in the check's metadata), for the site. */
import type { Lang } from '../langs';
import { clusterChecks, hostChecks, nodeChecks } from './registry';
import type { CheckMeta } from './types';

const META = new Map<string, Pick<CheckMeta, 'title' | 'titleKo'>>(
  [...Object.values(nodeChecks), ...Object.values(hostChecks), ...Object.values(clusterChecks)].map((check) => [
    check.meta.id,
    check.meta,
  ]),
);

export function checkTitle(id: string, lang: Lang | string): string | undefined {
  const meta = META.get(id);
  return lang === 'ko' ? (meta?.titleKo ?? meta?.title) : meta?.title;
}
