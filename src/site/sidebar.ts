/**
 * Builds Starlight's sidebar from the runbooks' own frontmatter: one group per layer (VM,
 * provisioning, cluster), each with its overview page and its runbooks in field-log order.
 * astro.config.mjs calls this at startup, so adding a runbook file adds it to the sidebar; no
 * list of runbooks is typed here.
 *
 * The reader is lenient on purpose: a runbook with broken frontmatter is left out of the sidebar
 * and the content collection's schema then fails the build with the file and the field named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StarlightUserConfig } from '@astrojs/starlight/types';
import { parse } from 'yaml';
import { LAYERS, type Layer, RUNBOOK_IDS, type RunbookId } from '../content/runbook-schema';
import { LAYER_LABELS } from './layers';

type SidebarItems = NonNullable<StarlightUserConfig['sidebar']>;

export interface RunbookPlace {
  id: RunbookId;
  layer: Layer;
  problem: number;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---/;

function isRunbookId(value: unknown): value is RunbookId {
  return typeof value === 'string' && (RUNBOOK_IDS as readonly string[]).includes(value);
}

function isLayer(value: unknown): value is Layer {
  return typeof value === 'string' && (LAYERS as readonly string[]).includes(value);
}

/** Where each English runbook sits: its id, layer and field-log number, ordered by that number. */
export function runbookPlaces(docsDir: string): RunbookPlace[] {
  const dir = join(docsDir, 'runbooks');
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.mdx') || name.endsWith('.md'));
  } catch {
    return [];
  }
  const places: RunbookPlace[] = [];
  for (const name of names) {
    const match = FRONTMATTER.exec(readFileSync(join(dir, name), 'utf8'));
    let data: unknown;
    try {
      data = match ? parse(match[1] ?? '') : undefined;
    } catch {
      continue;
    }
    if (typeof data !== 'object' || data === null) continue;
    const { runbook, layer, problem } = data as Record<string, unknown>;
    if (!isRunbookId(runbook) || !isLayer(layer) || typeof problem !== 'number') continue;
    places.push({ id: runbook, layer, problem });
  }
  return places.sort((a, b) => a.problem - b.problem || a.id.localeCompare(b.id));
}

/** The sidebar: a start group, then one group per layer with its overview page and runbooks. */
export function buildSidebar(places: readonly RunbookPlace[]): SidebarItems {
  const layerGroups: SidebarItems = LAYERS.map((layer) => ({
    label: LAYER_LABELS[layer].en,
    translations: { ko: LAYER_LABELS[layer].ko },
    items: [
      { slug: `layers/${layer}`, label: 'Overview', translations: { ko: '개요' } },
      ...places.filter((place) => place.layer === layer).map((place) => ({ slug: `runbooks/${place.id}` })),
    ],
  }));
  return [
    {
      label: 'Start here',
      translations: { ko: '시작하기' },
      items: [{ slug: 'index', label: 'Find your failure', translations: { ko: '장애 찾기' } }, { slug: 'onboarding' }],
    },
    ...layerGroups,
    {
      // Pages of src/pages/ (not content): Starlight puts /ko/ in front of each link on Korean pages.
      label: 'Tools',
      translations: { ko: '도구' },
      items: [
        { label: 'Checks catalog', link: '/checks/', translations: { ko: '점검 목록' } },
        { label: 'Report viewer', link: '/report/', translations: { ko: '보고서 뷰어' } },
        { label: 'Download the CLI', link: '/cli/', translations: { ko: 'CLI 내려받기' } },
      ],
    },
  ];
}
