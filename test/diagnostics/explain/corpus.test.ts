/**
 * `k8sdiag explain` against the corpora (test/diagnostics/explain/corpus/): real error texts from
 * public issue trackers and Q&A pages, and blind prose descriptions in English and Korean.
 *
 * In scope: the label is a runbook that exists (a label of a runbook still to be written counts
 * as out of scope until its page lands, then it switches by itself). Measured per source and part
 * (corpus/corpus.ts): tuning; "seen held-out (session 1)", the sha256 third that was held out in
 * session 1 and has been read since, so it is tuning data too; "batch 2 (seen, tuned on)", real-2.jsonl
 * when present, collected blind in session 2 and tuned on since session 3; "batch 3 (seen, tuned on)",
 * real-3.jsonl, held out when first scored on f0f156c and tuned on since 2026-12-05 14:xx; "batch 4
 * (seen, tuned on)" and "batch 4 prose (tuned on)", real-4.jsonl and prose-{en,ko}-c.tsv, held out when
 * first scored on e54274e and tuned on since 2026-12-05 17:2x; "batch 5 (seen, tuned on)" and "batch 5
 * prose (tuned on)", real-5.jsonl and prose-{en,ko}-d.tsv, held out when first scored on 6a24a7c and
 * tuned on since 2026-12-05 21:xx; "batch 6 (seen, tuned on)" and "batch 6 prose (tuned on)", real-6.jsonl
 * and prose-{en,ko}-e.tsv, held out when first scored on 218fd63 and tuned on since 2026-12-05 22:xx;
 * "batch 7 (seen, tuned on)" and "batch 7 prose (tuned on)", real-7.jsonl and prose-{en,ko}-f.tsv, held
 * out when first scored on 6e85849 and tuned on since 2026-12-05 22:1x; "batch 8 (seen, tuned on)" and
 * "batch 8 prose (tuned on)", real-8.jsonl and prose-{en,ko}-g.tsv, held out when first scored on a05a1c7
 * and tuned on since 2026-12-06 02:xx; "batch 9 (seen, tuned on)" and "batch 9 prose (tuned on)", real-9.jsonl and
 * prose-{en,ko}-h.tsv, held out when first scored on 2a4f7e7 and tuned on since 2026-12-06 02:xx; "batch 10
 * (seen, tuned on)", real-10.jsonl (no prose), held out when first scored on c9f1a3c and tuned on since
 * 2026-12-06 03:xx; "batch 11 (seen, tuned on)", real-11.jsonl (no prose), held out when first scored on
 * fa53834 and tuned on since 2026-12-06 03:xx; "batch 12 (seen, tuned on)", real-12.jsonl (no prose), held out
 * when first scored on 0483187 and tuned on since 2026-12-06 05:xx; "batch 13 (seen, tuned on)", real-13.jsonl
 * (no prose), held out when first scored on a59816a and tuned on since 2026-12-06 05:3x; "batch 14 (seen, tuned
 * on)", real-14.jsonl (no prose), held out when first scored on f7e3c48 (batch 13's matcher) and tuned on since
 * 2026-12-06 06:0x; "batch 15 (seen, tuned on)", real-15.jsonl (no prose), held out when first scored on 1588f1e
 * (batch 14's matcher) and tuned on since 2026-12-06 20:0x. HELD OUT: "batch 16", real-16.jsonl and
 * prose-{en,ko}-i.tsv, scored once on 1a9d338 (the merge of batch 15's tuning) and never tuned on; a later blind
 * batch is added as its own part, listed in corpus.ts HELD_OUT_PARTS, and the held-out tests below measure it:
 * - top-1: the first answer, confident or "possibly related", is the labelled runbook;
 * - false alarm: out of scope, yet a confident answer (exit 0).
 * The rates are printed; the assertions are floors under what was measured, so a regression fails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RUNBOOK_IDS } from '../../../src/content/runbook-schema';
import { explain, isConfidentAnswer } from '../../../src/diagnostics/explain/explain';
import { runbookEntries } from '../../../src/diagnostics/runbooks/runbook-data';
import { type CorpusItem, HELD_OUT_PARTS, inScope, loadCorpus, type Part, type Source } from './corpus/corpus';

/**
 * The issue's targets are top-1 >= 90% in scope and a confident answer for <= 10% out of scope;
 * the batch 2 figures printed above decide whether they are met. The assertions are regression
 * floors under what was measured when the six runbooks of issue 14 joined (held-out real 85.3%),
 * not the targets: a runbook edit must not silently cost more than a few texts. Batch 2 gets the
 * same floors when it is there.
 */
const FLOOR = { top1: 0.8, falseAlarms: 0.1 };
/**
 * Batch 2 was held out when first run (2026-12-04 20:20 UTC: top-1 59/72 = 81.9%, confident answers
 * out of scope 9/47 = 19.1%). It has been read and tuned on since (runbook `hosts`, `undecidedBy`,
 * symptoms from its misses): measured 2026-12-05 at top-1 70/72 = 97.2%, 1/47 = 2.1% confident out
 * of scope. These are regression floors at that measurement, NOT the issue's target: a tuned-on batch
 * says nothing about unseen texts (a later held-out batch does).
 */
const BATCH2_FLOOR = { top1: 0.97, falseAlarms: 0.025 };
/**
 * Batch 3 was held out when first run (2026-12-05 on the matcher frozen at f0f156c: top-1 93/106 =
 * 87.7%, confident answers out of scope 10/73 = 13.7%). It has been read and tuned on since
 * 2026-12-05 14:xx (measured after: top-1 100/106 = 94.3%, 2/73 = 2.7% confident out of scope):
 * regression floors at that measurement, NOT the issue's target (a tuned-on batch says nothing about
 * unseen texts; batch 4 does).
 */
const BATCH3_FLOOR = { top1: 0.94, falseAlarms: 0.03 };
/**
 * Batch 4 was held out when first run (real-4.jsonl and prose-{en,ko}-c.tsv, collected blind while batch
 * 3 was tuned on; 2026-12-05 on the matcher frozen at e54274e: real top-1 67/76 = 88.2%, confident
 * answers out of scope 5/77 = 6.5%; prose top-1 40/40, 0/20). It has been read and tuned on since
 * 2026-12-05 17:2x (measured after: real top-1 71/76 = 93.4%, 0/77 confident out of scope; prose
 * 40/40, 0/20): regression floors at that measurement, NOT the issue's target (a tuned-on batch says
 * nothing about unseen texts; batch 5 does).
 */
const BATCH4_FLOOR = { top1: 0.93, falseAlarms: 0 };
const BATCH4_PROSE_FLOOR = { top1: 1, falseAlarms: 0 };
/**
 * Batch 5 was held out when first run (real-5.jsonl and prose-{en,ko}-d.tsv, collected blind while batch
 * 4 was tuned on; 2026-12-05 on the matcher frozen at 6a24a7c: real top-1 72/81 = 88.9%, confident
 * answers out of scope 3/77 = 3.9%; prose top-1 38/40, 0/20). It has been read and tuned on since
 * 2026-12-05 21:xx (measured after: real top-1 74/81 = 91.4%, 1/77 = 1.3% confident out of scope; prose
 * 40/40, 0/20; real top-1 75/81 = 92.6% since batch 14 was tuned on, 2026-12-06 06:0x, where flannel's
 * "Determining IP address of default interface" stopped deciding alone): regression floors at that
 * measurement, NOT the issue's target (a tuned-on batch says nothing about unseen texts; batch 6 did).
 */
const BATCH5_FLOOR = { top1: 0.92, falseAlarms: 0.013 };
const BATCH5_PROSE_FLOOR = { top1: 1, falseAlarms: 0 };
/**
 * Batch 6 was held out when first run (real-6.jsonl and prose-{en,ko}-e.tsv, collected blind while batch 5
 * was tuned on). Scored once on the matcher of 218fd63 (wip/explain7 merged), 2026-12-05 21:52 UTC: real
 * top-1 62/76 = 81.6% (the issue's target is 90%: missed), confident answers out of scope 7/84 = 8.3%
 * (target 10%: met), no confident wrong answer; without the 125 ids the collector marked doubtful 12/12 and
 * 0/23; prose 40/40 and 0/20. It has been read and tuned on since 2026-12-05 22:xx (measured after: real
 * top-1 65/76 = 85.5%, 2/84 = 2.4% confident out of scope; prose 40/40, 0/20; the misses left are read in
 * real-6.README.md, "Read after scoring"): regression floors at that measurement, NOT the issue's target (a
 * tuned-on batch says nothing about unseen texts; batch 7 did). Raised to 66/76 = 86.8% when batch 8 was
 * tuned on (2026-12-06: w079 follows the cni-nat-interface symptom of flannel's --iface fix), and to
 * 67/76 = 88.2% when batch 9 was (w120 follows the kubeconfig fix that kubectl-localhost-8080 supports),
 * and to 68/76 = 89.5% when batch 12 was (w049, a long note with no known error line, is read as a
 * description).
 */
const BATCH6_FLOOR = { top1: 0.89, falseAlarms: 0.024 };
const BATCH6_PROSE_FLOOR = { top1: 1, falseAlarms: 0 };
/**
 * Batch 7 was held out when first run (real-7.jsonl and prose-{en,ko}-f.tsv, collected blind while batch 6
 * was tuned on). Scored once on the matcher of 6e85849 (wip/explain8 merged), 2026-12-05 22:05 UTC: real top-1
 * 57/66 = 86.4% (target 90%: missed), confident answers out of scope 4/64 = 6.3% (target 10%: met), one
 * confident wrong runbook (x042, which the collector marked doubtful); without the 74 doubtful ids 22/24
 * and 1/32; prose 40/40 and 0/20. It has been read and tuned on since 2026-12-05 22:1x (measured after:
 * real top-1 61/66 = 92.4%, 0/64 confident out of scope, no confident wrong runbook; prose 40/40, 0/20;
 * the misses left are read in real-7.README.md, "Read after scoring"): regression floors at that
 * measurement, NOT the issue's target (a tuned-on batch says nothing about unseen texts; batch 8 will).
 * Raised to 62/66 = 93.9% when batch 12 was tuned on (x119, a long note, is read as a description).
 */
const BATCH7_FLOOR = { top1: 0.93, falseAlarms: 0 };
const BATCH7_PROSE_FLOOR = { top1: 1, falseAlarms: 0 };
/**
 * Batch 8 was held out when first run (real-8.jsonl and prose-{en,ko}-g.tsv, collected blind while batch 7
 * was tuned on). Scored once on the matcher of a05a1c7 (wip/explain9 merged), 2026-12-05 22:24 UTC: real
 * top-1 44/54 = 81.5% (target 90%: missed), confident answers out of scope 1/41 = 2.4% (target 10%: met), no
 * confident wrong runbook; without the 41 doubtful ids 17/20 and 0/34; prose 40/40 and 0/20. It has been
 * read and tuned on since 2026-12-06 02:xx (measured after: real top-1 49/54 = 90.7%, 1/41 = 2.4% confident
 * out of scope (y052, doubtful, left: see real-8.README.md "Tuned on"), no confident wrong runbook; prose
 * 40/40, 0/20): regression floors at that measurement, NOT the issue's target (a tuned-on batch says
 * nothing about unseen texts; batch 9 will). Raised to 50/54 = 92.6% when batch 10 was tuned on (2026-12-06:
 * y008, Japanese glued to `ansible`, is read word by word and ties kubeadm-join-hangs first).
 */
const BATCH8_FLOOR = { top1: 0.92, falseAlarms: 0.025 };
const BATCH8_PROSE_FLOOR = { top1: 1, falseAlarms: 0 };
/**
 * Batch 9 was held out when first run (real-9.jsonl and prose-{en,ko}-h.tsv, collected blind by three
 * collectors while batch 8 was tuned on). Scored once on the matcher of 2a4f7e7 (wip/explain10 merged),
 * 2026-12-06 02:23 UTC: real top-1 42/48 = 87.5% (target 90%: missed), confident answers out of scope
 * 3/40 = 7.5% (target 10%: met), no confident wrong runbook; prose 38/40 and 0/20. It has been read and
 * tuned on since 2026-12-06 02:xx (measured after: real top-1 45/48 = 93.8%, 2/40 = 5% confident out of
 * scope (z016 z220, doubtful, left: see real-9.README.md "Tuned on"), no confident wrong runbook; prose
 * 40/40, 0/20): regression floors at that measurement, NOT the issue's target (a tuned-on batch says
 * nothing about unseen texts; batch 10 will). Raised to 46/48 = 95.8% when batch 12 was tuned on (z111, a
 * long note, is read as a description).
 */
const BATCH9_FLOOR = { top1: 0.95, falseAlarms: 0.05 };
const BATCH9_PROSE_FLOOR = { top1: 1, falseAlarms: 0 };
/**
 * Batch 10 was held out when first run (real-10.jsonl, no prose, collected blind by three collectors while
 * batch 9 was tuned on). Scored once on the matcher of c9f1a3c (wip/explain11 merged), 2026-12-06 02:41 UTC:
 * real top-1 42/54 = 77.8% (target 90%: missed), confident answers out of scope 3/59 = 5.1% (target 10%:
 * met), one confident wrong runbook (z519). It has been read and tuned on since 2026-12-06 03:xx (measured
 * after: real top-1 48/54 = 88.9%, 2/59 = 3.4% confident out of scope (z521 z543, doubtful, kept: see
 * real-10.README.md "Tuned on"), no confident wrong runbook): regression floors at that measurement, NOT
 * the issue's target (a tuned-on batch says nothing about unseen texts; batch 11 will). Raised to 49/54 =
 * 90.7% when batch 12 was tuned on (z438, a long note, is read as a description).
 */
const BATCH10_FLOOR = { top1: 0.9, falseAlarms: 0.034 };
/**
 * Batch 11 was held out when first run (real-11.jsonl, no prose, collected blind by three collectors while
 * batch 10 was tuned on). Scored once on the matcher of fa53834 (wip/explain12 merged), 2026-12-06 03:05 UTC:
 * real top-1 36/47 = 76.6% (target 90%: missed), confident answers out of scope 9/52 = 17.3% (target 10%:
 * missed), no confident wrong runbook. It has been read and tuned on since 2026-12-06 03:xx (measured after:
 * real top-1 38/47 = 80.9%, 0/52 confident out of scope, no confident wrong runbook; see real-11.README.md
 * "Tuned on"): regression floors at that measurement, NOT the issue's target (a tuned-on batch says nothing
 * about unseen texts; batch 12 will). Raised to 40/47 = 85.1% when batch 12 was tuned on (z634 z815, long
 * notes, are read as descriptions), to 41/47 = 87.2% when batch 15 was tuned on (z612: a phrase none of whose
 * word pairs is in the input is no evidence).
 */
const BATCH11_FLOOR = { top1: 0.87, falseAlarms: 0 };
/**
 * Batch 12 was held out when first run (real-12.jsonl, no prose, collected blind by three collectors while
 * batch 11 was tuned on). Scored once on the matcher of 0483187, 2026-12-06 03:29 UTC: real top-1 38/46 =
 * 82.6% (target 90%: missed), confident answers out of scope 2/56 = 3.6% (target 10%: met), no confident
 * wrong runbook. It has been read and tuned on since 2026-12-06 05:xx (measured after: real top-1 41/46 =
 * 89.1%, 0/56 confident out of scope, no confident wrong runbook; see real-12.README.md "Tuned on"):
 * regression floors at that measurement, NOT the issue's target (a tuned-on batch says nothing about unseen
 * texts; batch 13 will).
 */
const BATCH12_FLOOR = { top1: 0.89, falseAlarms: 0 };
/**
 * Batch 13 was held out when first run (real-13.jsonl, no prose, collected blind by three collectors while
 * batch 12 was tuned on). Scored once on the matcher of a59816a, 2026-12-06 05:13 UTC: real top-1 48/52 =
 * 92.3% (target 90%: met), confident answers out of scope 2/54 = 3.7% (target 10%: met), no confident wrong
 * runbook. It has been read and tuned on since 2026-12-06 05:3x (measured after: real top-1 49/52 = 94.2%,
 * 0/54 confident out of scope, no confident wrong runbook; see real-13.README.md "Tuned on"): regression
 * floors at that measurement, NOT the issue's target (a tuned-on batch says nothing about unseen texts;
 * batch 14 will).
 */
const BATCH13_FLOOR = { top1: 0.94, falseAlarms: 0 };
/**
 * Batch 14 was held out when first run (real-14.jsonl, no prose, collected blind by three collectors while
 * batch 13 was scored). Scored once on the matcher of f7e3c48 (the one batch 13 was scored on), 2026-12-06
 * 05:18 UTC: real top-1 35/39 = 89.7% (target 90%: missed by one text), confident answers out of scope 4/35 =
 * 11.4% (target 10%: missed), two confident wrong runbooks (n607, n724, both doubtful). It has been read and
 * tuned on since 2026-12-06 06:0x (measured after: real top-1 35/39 = 89.7%, 0/35 confident out of scope,
 * one confident wrong runbook, n724, whose second labeller agrees with the answer; see real-14.README.md
 * "Tuned on"): regression floors at that measurement, NOT the issue's target (a tuned-on batch says nothing
 * about unseen texts; batch 15 will).
 */
const BATCH14_FLOOR = { top1: 0.89, falseAlarms: 0 };
/**
 * Batch 15 was held out when first run (real-15.jsonl, no prose, collected blind by three collectors on
 * 2026-12-06 19:4x-19:57 UTC). Scored once on the matcher of 1588f1e, 2026-12-06 19:58 UTC: real top-1 27/33 =
 * 81.8% (target 90%: missed), confident answers out of scope 1/34 = 2.9% (target 10%: met), no confident wrong
 * runbook (real-15.README.md). It has been read and tuned on since 2026-12-06 20:0x (measured after: real
 * top-1 32/33 = 97.0%, 0/34 confident out of scope, no confident wrong runbook; m616 still second; see
 * real-15.README.md "Tuned on"): regression floors at that measurement, NOT the issue's target (a tuned-on
 * batch says nothing about unseen texts).
 */
const BATCH15_FLOOR = { top1: 0.96, falseAlarms: 0 };
/**
 * Batch 16 is HELD OUT (real-16.jsonl, collected blind by four collectors on 2026-12-06 19:59-20:19 UTC, and
 * prose-{en,ko}-i.tsv, written blind by one outside writer from labels.md alone). Scored once on 1a9d338,
 * 2026-12-06 20:21 UTC: real top-1 36/40 = 90.0%, confident out of scope 3/49 = 6.1%, no confident wrong
 * runbook; prose top-1 38/40 = 95.0% (en 18/20, ko 20/20), 0/20 (real-16.README.md). A measurement, never
 * tuned on: the floors sit at it so that a regression fails.
 */
const BATCH16_HELD_OUT_FLOOR = { top1: 0.9, falseAlarms: 0.062 };
const BATCH16_PROSE_HELD_OUT_FLOOR = { top1: 0.95, falseAlarms: 0 };
const corpus = loadCorpus();
const batch2 = corpus.filter((item) => item.part === 'batch2');
const batch3 = corpus.filter((item) => item.part === 'batch3');
const batch4Real = corpus.filter((item) => item.part === 'batch4' && item.source === 'real');
const batch4Prose = corpus.filter((item) => item.part === 'batch4' && item.source !== 'real');
const batch5Real = corpus.filter((item) => item.part === 'batch5' && item.source === 'real');
const batch5Prose = corpus.filter((item) => item.part === 'batch5' && item.source !== 'real');
const batch6Real = corpus.filter((item) => item.part === 'batch6' && item.source === 'real');
const batch6Prose = corpus.filter((item) => item.part === 'batch6' && item.source !== 'real');
const batch7Real = corpus.filter((item) => item.part === 'batch7' && item.source === 'real');
const batch7Prose = corpus.filter((item) => item.part === 'batch7' && item.source !== 'real');
const batch8Real = corpus.filter((item) => item.part === 'batch8' && item.source === 'real');
const batch8Prose = corpus.filter((item) => item.part === 'batch8' && item.source !== 'real');
const batch9Real = corpus.filter((item) => item.part === 'batch9' && item.source === 'real');
const batch9Prose = corpus.filter((item) => item.part === 'batch9' && item.source !== 'real');
const batch10Real = corpus.filter((item) => item.part === 'batch10' && item.source === 'real');
const batch11Real = corpus.filter((item) => item.part === 'batch11' && item.source === 'real');
const batch12Real = corpus.filter((item) => item.part === 'batch12' && item.source === 'real');
const batch13Real = corpus.filter((item) => item.part === 'batch13' && item.source === 'real');
const batch14Real = corpus.filter((item) => item.part === 'batch14' && item.source === 'real');
const batch15Real = corpus.filter((item) => item.part === 'batch15' && item.source === 'real');
const batch16Real = corpus.filter((item) => item.part === 'batch16' && item.source === 'real');
const batch16Prose = corpus.filter((item) => item.part === 'batch16' && item.source !== 'real');
const existing = new Set<string>(runbookEntries.map((entry) => entry.frontmatter.runbook));

interface Tally {
  inScope: number;
  top1: number;
  confidentRight: number;
  /** In scope, but a confident answer names another runbook: as bad as a false alarm. */
  confidentWrong: number;
  outOfScope: number;
  falseAlarms: number;
}
const tallies = new Map<string, Tally>();
/**
 * Confident answers that differ from the collector's label where a second blind labeller gave the answer as
 * its label and the runbooks decide that way on purpose: printed as wrong in the rates, not gated below.
 * n724 (batch 14): a `kubeadm join 10.0.2.15:6443` held in preflight answers ansible-default-ipv4-nat, the
 * NAT address deciding as it was made to for z519 (batch 10); the collector labelled kubeadm-join-hangs
 * (doubtful), the second labeller ansible-default-ipv4-nat. Only with the answer given here.
 */
const CONTESTED_CONFIDENT: ReadonlyMap<string, string> = new Map([['n724', 'ansible-default-ipv4-nat']]);
/** Confident wrong answers in tuned-on parts, apart from CONTESTED_CONFIDENT: "part id answer". */
const gatedWrong: string[] = [];
const PART_NAMES: Record<Part, string> = {
  tuning: 'tuning',
  seen: 'seen held-out (session 1)',
  batch2: 'batch 2 (seen, tuned on)',
  batch3: 'batch 3 (seen, tuned on)',
  batch4: 'batch 4 (seen, tuned on)',
  batch5: 'batch 5 (seen, tuned on)',
  batch6: 'batch 6 (seen, tuned on)',
  batch7: 'batch 7 (seen, tuned on)',
  batch8: 'batch 8 (seen, tuned on)',
  batch9: 'batch 9 (seen, tuned on)',
  batch10: 'batch 10 (seen, tuned on)',
  batch11: 'batch 11 (seen, tuned on)',
  batch12: 'batch 12 (seen, tuned on)',
  batch13: 'batch 13 (seen, tuned on)',
  batch14: 'batch 14 (seen, tuned on)',
  batch15: 'batch 15 (seen, tuned on)',
  batch16: 'batch 16',
};
/** Prose of batches 4-9 is named apart from their real texts, per language (a later batch's too). */
const PROSE_PART_NAMES = {
  batch4: 'batch 4 prose (tuned on)',
  batch5: 'batch 5 prose (tuned on)',
  batch6: 'batch 6 prose (tuned on)',
  batch7: 'batch 7 prose (tuned on)',
  batch8: 'batch 8 prose (tuned on)',
  batch9: 'batch 9 prose (tuned on)',
  batch16: 'batch 16 prose',
} as const satisfies Partial<Record<Part, string>>;
const PROSE_NAMES: Partial<Record<Part, string>> = PROSE_PART_NAMES;
/** A held-out part's name says so, whatever the name it was given: its rates are the measurement. */
const partName = (source: Source, part: Part): string =>
  `${HELD_OUT_PARTS.has(part) ? 'HELD OUT ' : ''}${(source !== 'real' && PROSE_NAMES[part]) || PART_NAMES[part]}`;
const key = (source: Source, part: Part): string => `${source.padEnd(8)} ${partName(source, part).padEnd(25)}`;
/** Per label, tuning data only (tuning and seen parts): [top-1, in scope] per source. */
const perLabel = new Map<string, Map<Source, [number, number]>>();

function tally(item: CorpusItem): void {
  const found = explain({ text: item.text, lang: 'en', entries: runbookEntries, url: (id) => id });
  const t = tallies.get(key(item.source, item.part)) ?? {
    inScope: 0,
    top1: 0,
    confidentRight: 0,
    confidentWrong: 0,
    outOfScope: 0,
    falseAlarms: 0,
  };
  tallies.set(key(item.source, item.part), t);
  if (inScope(item, existing)) {
    t.inScope += 1;
    if (!item.heldOut) {
      const bySource = perLabel.get(item.expected) ?? new Map<Source, [number, number]>();
      perLabel.set(item.expected, bySource);
      const cell = bySource.get(item.source) ?? [0, 0];
      bySource.set(item.source, [cell[0] + (found[0]?.id === item.expected ? 1 : 0), cell[1] + 1]);
    }
    if (found[0]?.id === item.expected) {
      t.top1 += 1;
      if (isConfidentAnswer(found)) t.confidentRight += 1;
    } else if (isConfidentAnswer(found)) {
      t.confidentWrong += 1;
      const contested = CONTESTED_CONFIDENT.get(item.id) === found[0]?.id;
      if (!item.heldOut && !contested) gatedWrong.push(`${item.part} ${item.id} ${found[0]?.id}`);
    }
  } else {
    t.outOfScope += 1;
    if (isConfidentAnswer(found)) t.falseAlarms += 1;
  }
}

const pct = (n: number, d: number): string => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
function sum(filter: (name: string) => boolean): Tally {
  const total: Tally = { inScope: 0, top1: 0, confidentRight: 0, confidentWrong: 0, outOfScope: 0, falseAlarms: 0 };
  for (const [name, t] of tallies) {
    if (!filter(name)) continue;
    for (const field of Object.keys(total) as (keyof Tally)[]) total[field] += t[field];
  }
  return total;
}

/** One part's tallies (real or prose, every language) against its floors; `count` items were measured. */
function expectWithinFloors(
  kind: 'real' | 'prose',
  part: string,
  count: number,
  floor: { top1: number; falseAlarms: number },
): void {
  const t = sum((name) => name.startsWith(kind) && name.includes(part));
  expect(t.inScope + t.outOfScope, part).toBe(count);
  if (t.inScope > 0) expect(t.top1 / t.inScope, part).toBeGreaterThanOrEqual(floor.top1);
  if (t.outOfScope > 0) expect(t.falseAlarms / t.outOfScope, part).toBeLessThanOrEqual(floor.falseAlarms);
}

describe('explain corpus: shape', () => {
  it('has real texts with source URLs and blind prose in both languages', () => {
    const real = corpus.filter((item) => item.source === 'real');
    expect(real.length).toBeGreaterThanOrEqual(120);
    for (const item of real) expect(item.url, item.id).toMatch(/^https?:\/\//);
    expect(corpus.filter((item) => item.source === 'prose-en').length).toBeGreaterThanOrEqual(90);
    expect(corpus.filter((item) => item.source === 'prose-ko').length).toBeGreaterThanOrEqual(90);
  });

  it('labels only runbooks of the catalogue (or none)', () => {
    const known = new Set<string>([...RUNBOOK_IDS, 'none']);
    for (const item of corpus) expect(known.has(item.expected), `${item.id}: ${item.expected}`).toBe(true);
  });

  it('keeps the third held out in session 1 apart as "seen", and holds out only the parts of HELD_OUT_PARTS', () => {
    const batches: ReadonlySet<Part> = new Set([
      'batch2',
      'batch3',
      'batch4',
      'batch5',
      'batch6',
      'batch7',
      'batch8',
      'batch9',
      'batch10',
      'batch11',
      'batch12',
      'batch13',
      'batch14',
      'batch15',
      'batch16',
    ]);
    for (const source of ['real', 'prose-en', 'prose-ko'] as const) {
      const items = corpus.filter((item) => item.source === source && !batches.has(item.part));
      const share = items.filter((item) => item.part === 'seen').length / items.length;
      expect(share, source).toBeGreaterThan(0.2);
      expect(share, source).toBeLessThan(0.46);
    }
    for (const item of corpus) {
      expect(item.heldOut, item.id).toBe(HELD_OUT_PARTS.has(item.part));
      if (item.part === 'batch2') expect(item.id, item.id).toMatch(/^s/);
      if (item.part === 'batch3') expect(item.id, item.id).toMatch(/^t/);
      if (item.part === 'batch4')
        expect(item.id, item.id).toMatch(item.source === 'real' ? /^u/ : /^prose-(en|ko)-c\.tsv:/);
      if (item.part === 'batch5')
        expect(item.id, item.id).toMatch(item.source === 'real' ? /^v/ : /^prose-(en|ko)-d\.tsv:/);
      if (item.part === 'batch6')
        expect(item.id, item.id).toMatch(item.source === 'real' ? /^w/ : /^prose-(en|ko)-e\.tsv:/);
      if (item.part === 'batch7')
        expect(item.id, item.id).toMatch(item.source === 'real' ? /^x/ : /^prose-(en|ko)-f\.tsv:/);
      if (item.part === 'batch8')
        expect(item.id, item.id).toMatch(item.source === 'real' ? /^y/ : /^prose-(en|ko)-g\.tsv:/);
      if (item.part === 'batch9')
        expect(item.id, item.id).toMatch(item.source === 'real' ? /^z/ : /^prose-(en|ko)-h\.tsv:/);
      if (item.part === 'batch10') expect(item.id, item.id).toMatch(/^z[3-5]\d\d$/);
      if (item.part === 'batch11') expect(item.id, item.id).toMatch(/^z[6-8]\d\d$/);
      if (item.part === 'batch12') expect(item.id, item.id).toMatch(/^q[6-8]\d\d$/);
      if (item.part === 'batch13') expect(item.id, item.id).toMatch(/^p[6-8]\d\d$/);
      if (item.part === 'batch14') expect(item.id, item.id).toMatch(/^n[6-8]\d\d$/);
      if (item.part === 'batch15') expect(item.id, item.id).toMatch(/^m[6-8]\d\d$/);
      if (item.part === 'batch16')
        expect(item.id, item.id).toMatch(item.source === 'real' ? /^k[6-9]\d\d$/ : /^prose-(en|ko)-i\.tsv:/);
    }
  });

  const seenBatches: [Part, CorpusItem[], CorpusItem[]][] = [
    ['batch4', batch4Real, batch4Prose],
    ['batch5', batch5Real, batch5Prose],
    ['batch6', batch6Real, batch6Prose],
    ['batch7', batch7Real, batch7Prose],
    ['batch8', batch8Real, batch8Prose],
    ['batch9', batch9Real, batch9Prose],
  ];
  it.each(seenBatches)('reads %s (real and prose) as seen tuning data', (part, real, prose) => {
    const tuning = loadCorpus({ heldOut: false });
    expect(real.length).toBeGreaterThan(0);
    expect(prose.length).toBeGreaterThan(0);
    expect(tuning.filter((item) => item.part === part && item.source === 'real').length).toBe(real.length);
    expect(tuning.filter((item) => item.part === part && item.source !== 'real').length).toBe(prose.length);
  });

  it('reads batch10 (real texts only, no prose) as seen tuning data', () => {
    const tuning = loadCorpus({ heldOut: false });
    expect(batch10Real.length).toBe(113);
    expect(corpus.filter((item) => item.part === 'batch10' && item.source !== 'real')).toEqual([]);
    expect(tuning.filter((item) => item.part === 'batch10').length).toBe(batch10Real.length);
  });

  it('reads batch11 (real texts only, no prose) as seen tuning data', () => {
    const tuning = loadCorpus({ heldOut: false });
    expect(batch11Real.length).toBe(99);
    expect(corpus.filter((item) => item.part === 'batch11' && item.source !== 'real')).toEqual([]);
    expect(tuning.filter((item) => item.part === 'batch11').length).toBe(batch11Real.length);
  });

  it('reads batch12 (real texts only, no prose) as seen tuning data', () => {
    const tuning = loadCorpus({ heldOut: false });
    expect(batch12Real.length).toBe(102);
    expect(corpus.filter((item) => item.part === 'batch12' && item.source !== 'real')).toEqual([]);
    expect(tuning.filter((item) => item.part === 'batch12').length).toBe(batch12Real.length);
  });

  it('reads batch13 (real texts only, no prose) as seen tuning data', () => {
    const tuning = loadCorpus({ heldOut: false });
    expect(batch13Real.length).toBe(106);
    expect(corpus.filter((item) => item.part === 'batch13' && item.source !== 'real')).toEqual([]);
    expect(tuning.filter((item) => item.part === 'batch13').length).toBe(batch13Real.length);
  });

  it('reads batch14 (real texts only, no prose) as seen tuning data', () => {
    const tuning = loadCorpus({ heldOut: false });
    expect(batch14Real.length).toBe(74);
    expect(corpus.filter((item) => item.part === 'batch14' && item.source !== 'real')).toEqual([]);
    expect(tuning.filter((item) => item.part === 'batch14').length).toBe(batch14Real.length);
  });

  it('reads batch15 (real texts only, no prose) as seen tuning data', () => {
    const tuning = loadCorpus({ heldOut: false });
    expect(batch15Real.length).toBe(67);
    expect(corpus.filter((item) => item.part === 'batch15' && item.source !== 'real')).toEqual([]);
    expect(tuning.filter((item) => item.part === 'batch15').length).toBe(batch15Real.length);
  });

  it('reads batch16 (real and prose) as held out, never as tuning data', () => {
    expect(batch16Real.length).toBe(89);
    expect(batch16Prose.length).toBe(60);
    expect(loadCorpus({ heldOut: false }).filter((item) => item.part === 'batch16')).toEqual([]);
  });

  it('reads no held-out item for tuning, and every held-out part has items', () => {
    expect(loadCorpus({ heldOut: false }).filter((item) => item.heldOut)).toEqual([]);
    for (const part of HELD_OUT_PARTS) {
      const items = corpus.filter((item) => item.part === part);
      expect(items.length, part).toBeGreaterThan(0);
      expect(
        items.every((item) => item.heldOut),
        part,
      ).toBe(true);
    }
  });

  it('counts a planned runbook as in scope as soon as its page exists', () => {
    const item = { expected: 'cni-not-installed' };
    expect(inScope(item, existing)).toBe(existing.has('cni-not-installed'));
    expect(inScope(item, new Set([...existing, 'cni-not-installed']))).toBe(true);
  });
});

describe('explain corpus: rates', () => {
  beforeAll(() => {
    for (const item of corpus) tally(item);
    const combined = [
      ...[PART_NAMES.tuning, PART_NAMES.seen].map(
        (part) =>
          [`prose    ${part.padEnd(25)}`, sum((name) => name.startsWith('prose') && name.includes(part))] as const,
      ),
      // Every held-out part together, per kind: the measurement against the issue's targets.
      ...(HELD_OUT_PARTS.size === 0 ? [] : (['real', 'prose'] as const)).map(
        (kind) =>
          [
            `${kind.padEnd(8)} ${'HELD OUT, all parts'.padEnd(25)}`,
            sum((name) => name.startsWith(kind) && name.includes('HELD OUT')),
          ] as const,
      ),
    ];
    const lines = [...[...tallies.entries()].sort(([a], [b]) => a.localeCompare(b)), ...combined].map(
      ([name, t]) =>
        `${name}  top-1 ${String(t.top1).padStart(3)}/${String(t.inScope).padEnd(3)} ${pct(t.top1, t.inScope)}` +
        `  (confident: right ${pct(t.confidentRight, t.inScope)}, wrong ${t.confidentWrong})` +
        `  false alarms ${String(t.falseAlarms).padStart(2)}/${String(t.outOfScope).padEnd(3)} ${pct(t.falseAlarms, t.outOfScope)}`,
    );
    const sources: Source[] = ['real', 'prose-en', 'prose-ko'];
    const labelLines = [...perLabel.keys()].sort().map(
      (label) =>
        `${label.padEnd(28)}${sources
          .map((source) => {
            const [top1, n] = perLabel.get(label)?.get(source) ?? [0, 0];
            return `  ${source} ${`${top1}/${n}`.padStart(5)} ${pct(top1, n)}`;
          })
          .join('')}`,
    );
    console.log(
      `\nexplain corpus (in scope = the ${existing.size} runbooks that exist)\n${lines.join('\n')}\n` +
        `\nper label, top-1 on tuning data (tuning + seen parts):\n${labelLines.join('\n')}\n`,
    );
  });

  it('measured every item', () => {
    const all = sum(() => true);
    expect(all.inScope + all.outOfScope).toBe(corpus.length);
  });

  it('gives no confident wrong runbook in any tuned-on part (batch 7 had one, x042, when first scored)', () => {
    // A held-out part is a measurement: its confident wrong answers are printed above, not gated here. A
    // contested label (CONTESTED_CONFIDENT) is printed as wrong but not gated.
    expect(gatedWrong).toEqual([]);
    const contested = sum((name) => !name.includes('HELD OUT')).confidentWrong;
    expect(contested).toBeLessThanOrEqual(CONTESTED_CONFIDENT.size);
  });

  it('real batch 2 (tuned on): top-1 in scope and false alarms within the floors', () => {
    const held = sum((name) => name.startsWith('real') && name.includes(PART_NAMES.batch2));
    expect(held.inScope + held.outOfScope).toBe(batch2.length);
    if (held.inScope > 0) expect(held.top1 / held.inScope).toBeGreaterThanOrEqual(BATCH2_FLOOR.top1);
    if (held.outOfScope > 0) expect(held.falseAlarms / held.outOfScope).toBeLessThanOrEqual(BATCH2_FLOOR.falseAlarms);
  });

  it('real batch 3 (tuned on): top-1 in scope and false alarms within the floors', () => {
    const seen = sum((name) => name.startsWith('real') && name.includes(PART_NAMES.batch3));
    expect(seen.inScope + seen.outOfScope).toBe(batch3.length);
    expect(seen.top1 / seen.inScope).toBeGreaterThanOrEqual(BATCH3_FLOOR.top1);
    expect(seen.falseAlarms / seen.outOfScope).toBeLessThanOrEqual(BATCH3_FLOOR.falseAlarms);
  });

  it('real batch 4 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch4, batch4Real.length, BATCH4_FLOOR);
  });

  it('prose batch 4 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('prose', PROSE_PART_NAMES.batch4, batch4Prose.length, BATCH4_PROSE_FLOOR);
  });

  it('real batch 5 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch5, batch5Real.length, BATCH5_FLOOR);
  });

  it('prose batch 5 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('prose', PROSE_PART_NAMES.batch5, batch5Prose.length, BATCH5_PROSE_FLOOR);
  });

  it('real batch 6 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch6, batch6Real.length, BATCH6_FLOOR);
  });

  it('prose batch 6 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('prose', PROSE_PART_NAMES.batch6, batch6Prose.length, BATCH6_PROSE_FLOOR);
  });

  it('real batch 7 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch7, batch7Real.length, BATCH7_FLOOR);
  });

  it('prose batch 7 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('prose', PROSE_PART_NAMES.batch7, batch7Prose.length, BATCH7_PROSE_FLOOR);
  });

  it('real batch 8 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch8, batch8Real.length, BATCH8_FLOOR);
  });

  it('prose batch 8 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('prose', PROSE_PART_NAMES.batch8, batch8Prose.length, BATCH8_PROSE_FLOOR);
  });

  it('real batch 9 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch9, batch9Real.length, BATCH9_FLOOR);
  });

  it('prose batch 9 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('prose', PROSE_PART_NAMES.batch9, batch9Prose.length, BATCH9_PROSE_FLOOR);
  });

  it('real batch 10 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch10, batch10Real.length, BATCH10_FLOOR);
  });

  it('real batch 11 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch11, batch11Real.length, BATCH11_FLOOR);
  });

  it('real batch 12 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch12, batch12Real.length, BATCH12_FLOOR);
  });

  it('real batch 13 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch13, batch13Real.length, BATCH13_FLOOR);
  });

  it('real batch 14 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch14, batch14Real.length, BATCH14_FLOOR);
  });

  it('real batch 15 (tuned on): top-1 in scope and false alarms within the floors', () => {
    expectWithinFloors('real', PART_NAMES.batch15, batch15Real.length, BATCH15_FLOOR);
  });

  it('real batch 16 (HELD OUT): top-1 in scope and false alarms within the floors of its first score', () => {
    expectWithinFloors('real', PART_NAMES.batch16, batch16Real.length, BATCH16_HELD_OUT_FLOOR);
  });

  it('prose batch 16 (HELD OUT): top-1 in scope and false alarms within the floors of its first score', () => {
    expectWithinFloors('prose', PROSE_PART_NAMES.batch16, batch16Prose.length, BATCH16_PROSE_HELD_OUT_FLOOR);
  });

  it.runIf(HELD_OUT_PARTS.size > 0)('held-out parts: every item measured and printed, with its kind', () => {
    const held = corpus.filter((item) => item.heldOut);
    for (const kind of ['real', 'prose'] as const) {
      const t = sum((name) => name.startsWith(kind) && name.includes('HELD OUT'));
      const items = held.filter((item) => (item.source === 'real') === (kind === 'real'));
      expect(t.inScope + t.outOfScope, kind).toBe(items.length);
    }
  });

  it.each(['real', 'prose'])('tuning and seen %s: the same floors', (kind) => {
    for (const part of [PART_NAMES.tuning, PART_NAMES.seen]) {
      const tuned = sum((name) => name.startsWith(kind) && name.includes(part));
      expect(tuned.top1 / tuned.inScope, part).toBeGreaterThanOrEqual(FLOOR.top1);
      expect(tuned.falseAlarms / tuned.outOfScope, part).toBeLessThanOrEqual(FLOOR.falseAlarms);
    }
  });
});
