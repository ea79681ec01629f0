import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import uiStrings from './content/i18n/en.json';
import { requireCompleteRunbook, runbookFields } from './content/runbook-schema';

/**
 * The site's own UI strings (catalog, report viewer, CLI page, runbook meta, paste box), one key
 * per string, in src/content/i18n/{en,ko}.json. Every key of en.json is required in every
 * language, so a string missing from ko.json fails the build with the file and the key.
 */
const siteStrings = z.object(Object.fromEntries(Object.keys(uiStrings).map((key) => [key, z.string().min(1)])));

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    // A page that sets `runbook:` must carry every runbook field; Astro names the file,
    // zod names the field. (test/site/frontmatter-errors.test.ts proves both.)
    schema: (context) => docsSchema({ extend: runbookFields })(context).superRefine(requireCompleteRunbook),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema({ extend: siteStrings }) }),
};
