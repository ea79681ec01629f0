/**
 * `defineCheck`: what every check used to repeat, done once. The analyzer gets its reporter (bound
 * to the check's id and runbook) and `open`, the section gate bound to that reporter and the
 * sections; `needsRoot` is derived from the probes the check declares. There is one safety net,
 * the runner's (runner/analyze.ts): an analyzer that throws or returns nothing becomes an `error`
 * finding there.
 */
import type { Check, CheckContext, CheckMeta, Finding, Probe, Sections } from '../../types';
import { type Gate, type GateOptions, openSection, type Reporter, reporter } from './findings';

/** A check's metadata as written: `needsRoot` is not written, it follows from the probes. */
export type CheckSpecMeta = Omit<CheckMeta, 'needsRoot'>;

export interface AnalyzeInput {
  /** Builds this check's findings. */
  r: Reporter;
  sections: Sections;
  context: CheckContext;
  /** The section gate: not run / skipped / timed out / failed / binary -> its finding, else the lines. */
  open(name: string, options?: GateOptions): Gate;
}

export interface CheckSpec {
  meta: CheckSpecMeta;
  probes: Probe[];
  /** Pure: no I/O. Odd output becomes an `error` finding of its own. */
  analyze(input: AnalyzeInput): Finding[];
}

export function defineCheck(spec: CheckSpec): Check {
  const r = reporter(spec.meta);
  return {
    meta: { ...spec.meta, needsRoot: spec.probes.some((probe) => probe.needsRoot === true) },
    probes: spec.probes,
    analyze: (sections, context) =>
      spec.analyze({ r, sections, context, open: (name, options) => openSection(r, sections, name, options) }),
  };
}
