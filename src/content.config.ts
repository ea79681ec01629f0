import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { requireCompleteRunbook, runbookFields } from './content/runbook-schema';

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    // A page that sets `runbook:` must carry every runbook field; Astro names the file,
    // zod names the field. (test/site/frontmatter-errors.test.ts proves both.)
    schema: (context) => docsSchema({ extend: runbookFields })(context).superRefine(requireCompleteRunbook),
  }),
};
