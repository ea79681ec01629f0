// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  site: 'https://k8sdiag.example',
  integrations: [
    starlight({
      title: 'k8sdiag',
      description: 'Runbooks and diagnostics for Kubernetes clusters built on Vagrant VMs with Ansible and kubeadm.',
      defaultLocale: 'root',
      locales: {
        root: { label: 'English', lang: 'en' },
        ko: { label: '한국어', lang: 'ko' },
      },
      sidebar: [
        { label: 'Start here', translations: { ko: '시작하기' }, items: [{ slug: 'onboarding' }] },

      ],
    }),
  ],
});
