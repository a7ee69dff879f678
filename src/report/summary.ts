/** The job summary (`$GITHUB_STEP_SUMMARY`): everything, escaped, under GitHub's 1 MiB limit. */

import type { EvalCaseResult, EvalSummary } from '../eval/types.js';
import type { Report } from './types.js';
import { cleanText, escapeHtml, escapeTableCell, truncate } from './escape.js';
import { formatLoss, formatNumber } from '../util/format.js';
import { passMark } from './format.js';
import { downsample } from './loss-chart.js';
import {
  dataset,
  checkpointLine,
  evalHeadline,
  gates,
  hyperparameters,
  loss,
  notices,
  overview,
  preBlock,
  problems,
  regressions,
  statusHeading,
} from './sections.js';
import { type CellLimits, casePriority, evalTable, fitRows } from './eval-table.js';
import { keyFigures } from './view.js';

/** GitHub refuses step summaries over 1 MiB; stay clearly below in UTF-8 bytes. */
export const SUMMARY_LIMIT_BYTES = 1_000_000;

const MAX_SNAPSHOT_ROWS = 1_000;

/** Dataset problems listed one by one (the annotations show 50 too; the JSON report has them all). */
export const SUMMARY_PROBLEMS = 50;

interface Level {
  table: CellLimits;
  /** Characters of each value shown in the per-case details; 0 = no details at all. */
  details: number;
}

const LEVELS: Level[] = [
  { table: { output: 300, other: 200, foldAt: 300 }, details: Number.POSITIVE_INFINITY },
  { table: { output: 200, other: 150, foldAt: 200 }, details: 50_000 },
  { table: { output: 200, other: 150, foldAt: 200 }, details: 10_000 },
  { table: { output: 120, other: 100, foldAt: 120 }, details: 2_000 },
  { table: { output: 80, other: 80, foldAt: 80 }, details: 500 },
  { table: { output: 80, other: 80, foldAt: 80 }, details: 0 },
  { table: { output: 40, other: 40, foldAt: 40 }, details: 0 },
];

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export function renderSummary(report: Report): string {
  const e = report.eval;
  const all = e ? casePriority(e) : [];
  for (const level of LEVELS) {
    // Escaping never shrinks text much: skip levels whose raw case details alone are too big.
    if (e && detailsLowerBound(e, level.details) > SUMMARY_LIMIT_BYTES) continue;
    const body = build(report, level, all, null);
    if (bytes(body) <= SUMMARY_LIMIT_BYTES) return body;
  }
  const smallest = LEVELS[LEVELS.length - 1] as Level;
  const best = e
    ? fitRows(
        e,
        casePriority(e),
        smallest.table,
        (rows) => build(report, smallest, rows, 'rows'),
        bytes,
        SUMMARY_LIMIT_BYTES + 1,
      ).body
    : build(report, smallest, [], 'rows');
  if (bytes(best) <= SUMMARY_LIMIT_BYTES) return best;
  const note = "\n\n✂️ The summary was cut to fit GitHub's 1 MiB limit. The full data is in the JSON report.\n";
  let cut = best.slice(0, SUMMARY_LIMIT_BYTES / 4);
  while (bytes(cut) + bytes(note) > SUMMARY_LIMIT_BYTES) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return cut.replace(/[\uD800-\uDBFF]$/, '') + note;
}

function build(report: Report, level: Level, rows: number[], mode: 'rows' | null): string {
  // The same view as the comment, in the same order (./view.ts): verdict, reason, key figures.
  const parts: string[] = [statusHeading(report, '##')];
  const note = notices(report, 20_000);
  if (note) parts.push(note);
  const figures = keyFigures(report);
  if (figures) parts.push(figures);
  parts.push(overview(report));
  const bad = problems(report, SUMMARY_PROBLEMS, 2_000, 'the annotations and the JSON report list them all');
  if (bad) parts.push(`### Dataset problems\n\n${bad}`);

  const e = report.eval;
  if (e) {
    parts.push(`### Eval\n\n${evalHeadline(e)}${checkpointLine(report)}`);
    const reg = regressions(e, 1_000);
    if (reg) parts.push(reg);
    const { table, cut } = evalTable(e, rows, level.table);
    if (rows.length > 0) parts.push(table);
    const cuts: string[] = [];
    if (cut) cuts.push(`table cells are shortened to ${level.table.output} characters`);
    if (level.details > 0 && Number.isFinite(level.details))
      cuts.push(`values in the case details are shortened to ${level.details.toLocaleString('en-US')} characters`);
    if (level.details === 0 && rows.length > 0) cuts.push('the per-case details are left out');
    if (mode === 'rows' && rows.length < e.cases.length)
      cuts.push(`${e.cases.length - rows.length} of ${e.cases.length} cases are not shown`);
    if (cuts.length > 0)
      parts.push(
        `✂️ To stay under GitHub's 1 MiB summary limit, ${cuts.join(', ')}. The full data is in the JSON report.`,
      );
    if (level.details > 0 && rows.length > 0)
      parts.push(
        `<details><summary>Every case in full</summary>\n\n${rows.map((i) => caseDetails(e, i, level.details)).join('\n\n')}\n\n</details>`,
      );
  }
  const lossPart = loss(report);
  if (lossPart) {
    parts.push(`### Loss\n\n${lossPart}`);
    parts.push(snapshotTable(report));
  }

  const gateTable = gates(report);
  if (gateTable) parts.push(`### Gates\n\n${gateTable}`);
  parts.push(`### Settings\n\n${hyperparameters(report)}`);
  const data = dataset(report, 1_000);
  if (data) parts.push(`### Dataset\n\n${data}`);
  return parts.join('\n\n') + '\n';
}

function detailsLowerBound(e: EvalSummary, limit: number): number {
  if (limit === 0) return 0;
  let total = 0;
  for (const c of e.cases) {
    for (const text of [c.input, c.expected, c.output, c.baselineOutput]) {
      if (typeof text === 'string') total += Math.min(text.length, limit);
    }
  }
  return total;
}

function snapshotTable(report: Report): string {
  const points = downsample(report.snapshots, MAX_SNAPSHOT_ROWS);
  const rows = points.map(
    (s) => `| ${s.step} | ${s.epoch === null ? '—' : formatNumber(s.epoch)} | ${formatLoss(s.meanLoss)} |`,
  );
  const shown =
    points.length < report.snapshots.length ? ` (${points.length} of ${report.snapshots.length}, evenly spaced)` : '';
  return [
    `<details><summary>Snapshots${shown}</summary>`,
    '',
    '| Step | Epoch | Mean loss |',
    '| ---: | ---: | ---: |',
    ...rows,
    '',
    '</details>',
  ].join('\n');
}

function caseDetails(e: EvalSummary, index: number, limit: number): string {
  const c = e.cases[index] as EvalCaseResult;
  // Inside <code>, where GitHub links no mention: nothing invisible added (v2.1 decision 20).
  const id = escapeHtml(cleanText(truncate(c.id, 200).text.replace(/\s+/g, ' ')));
  const parts = [
    `<details><summary><code>${id}</code> ${passMark(c.pass, c.error)}</summary>`,
    '',
    '**Input**',
    '',
    preBlock(c.input, limit),
  ];
  if (c.expected !== null) parts.push('', `**Expected** (${c.scorer ?? 'exact'})`, '', preBlock(c.expected, limit));
  parts.push('', '**Output**', '', c.output !== null ? preBlock(c.output, limit) : '—');
  if (c.error) parts.push('', `**Error:** ${escapeTableCell(truncate(c.error, 2_000).text)}`);
  if (e.baselineModel !== null) {
    parts.push('', `**Baseline output** ${passMark(c.baselinePass ?? null, c.baselineError)}`, '');
    parts.push(c.baselineOutput != null ? preBlock(c.baselineOutput, limit) : '—');
    if (c.baselineError)
      parts.push('', `**Baseline error:** ${escapeTableCell(truncate(c.baselineError, 2_000).text)}`);
  }
  parts.push('', '</details>');
  return parts.join('\n');
}
