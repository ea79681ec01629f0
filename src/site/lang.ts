import { LANGS } from '../langs';
/** The site's two languages: English at the root, Korean under /ko/. */
export const SITE_LANGS = LANGS;
export type SiteLang = (typeof SITE_LANGS)[number];

/** Maps a BCP-47 tag from Starlight's route data ('en', 'ko', 'ko-KR') to a site language. */
export function siteLang(tag: string | undefined): SiteLang {
  return tag?.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

/** Path of a page in a language, under the site's base: sitePath('ko', 'runbooks/x/') -> '/ko/runbooks/x/'. */
export function sitePath(lang: SiteLang, path: string, base = '/'): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const rest = path.replace(/^\/+/, '');
  return lang === 'en' ? `${root}${rest}` : `${root}${lang}/${rest}`;
}
