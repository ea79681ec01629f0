// @ts-check
import { fileURLToPath } from 'node:url';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { PAGEFIND_OPTIONS } from './src/search/pagefind-options.ts';
import { buildSidebar, runbookPlaces } from './src/site/sidebar.ts';
import { SITE_URL } from './src/site-url.ts';

const docsDir = fileURLToPath(new URL('./src/content/docs/', import.meta.url));

export default defineConfig({
  // K8SDIAG_SITE_URL at build time (default: the local `npm start` address); see README "Deploy".
  site: SITE_URL,
  integrations: [
    starlight({
      title: 'k8sdiag',
      description:
        'Runbooks and diagnostics for Kubernetes clusters built on Vagrant VMs with Ansible and kubeadm.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        ko: { label: '한국어', lang: 'ko' },
      },
      // Groups by layer (VM / provisioning / cluster), filled from the runbooks' frontmatter.
      // Pages added later (report viewer, checks catalog) go in a group of their own here.
      sidebar: buildSidebar(runbookPlaces(docsDir)),
      // Same ranking as test/site/search.test.ts uses against the built index.
      pagefind: PAGEFIND_OPTIONS,
      components: {
        // Starlight's banner + search-only metadata: runbook summaries, Korean stems (SearchMeta.astro).
        Banner: './src/components/Banner.astro',
        // Page title + "Detected by / Prevented by" on runbook pages, from the check registries.
        PageTitle: './src/components/RunbookMeta.astro',
      },
      // Accessibility fixes held by test/browser/a11y.test.ts (see the file for each one).
      customCss: ['./src/styles/a11y.css'],
      // Long error lines wrap instead of scrolling sideways: expressive-code gives every scrolling
      // <pre> an unnamed role="region", which axe reports as duplicate landmarks (landmark-unique).
      expressiveCode: { defaultProps: { wrap: true } },
    }),
  ],
  vite: {
    resolve: {
      // Starlight's search dialog imports Pagefind's default UI by this bare name; the wrapper adds
      // Korean query normalisation (processTerm) and keeps everything else as Starlight has it.
      alias: [
        {
          find: /^@pagefind\/default-ui$/,
          replacement: fileURLToPath(new URL('./src/search/pagefind-ui.ts', import.meta.url)),
        },
      ],
    },
  },
});
