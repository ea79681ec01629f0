/** Reporters: a map of pure functions from a validated report to text. */
import type { Report } from '../schema';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderText } from './text';

export const FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderOptions {
  /** Colour (text only): true only when writing to a terminal. */
  color: boolean;
  /** List passing checks too (text only). */
  verbose: boolean;
}

export const reporters: Readonly<Record<Format, (report: Report, options: RenderOptions) => string>> = {
  text: (report, options) => renderText(report, options),
  json: (report) => renderJson(report),
  markdown: (report) => renderMarkdown(report),
  junit: (report) => renderJunit(report),
};
