/** The sticky PR comment body. */

import type { Report } from './types.js';
import { escapeInline } from './escape.js';
import {
  FULL_DATA_NOTE,
  code,
  dataset,
  checkpointLine,
  evalHeadline,
  gates,
  hyperparameters,
  loss,
  notices,
  overview,
  problems,
  regressions,
  runLink,
  statusHeading,
} from './sections.js';
import { type CellLimits, casePriority, evalTable, fitRows } from './eval-table.js';
import { keyFigures } from './view.js';
import type { EvalSummary } from '../eval/types.js';

/** The whole body stays strictly below this many UTF-16 code units (GitHub rejects > 65,536). */
export const COMMENT_LIMIT = 60_000;

/** Dataset problems listed one by one in the comment (errors first); the job summary lists more. */
export const COMMENT_PROBLEMS = 20;

/** Cell limits tried in order until the body fits: outputs are shortened first. */
const LEVELS: CellLimits[] = [
  { output: 2_000, other: 600, foldAt: 150 },
  { output: 1_000, other: 600, foldAt: 150 },
  { output: 500, other: 300, foldAt: 150 },
  { output: 200, other: 200, foldAt: 120 },
  { output: 100, other: 100, foldAt: 100 },
  { output: 50, other: 60, foldAt: 60 },
  { output: 30, other: 30, foldAt: 30 },
];

export interface CommentOptions {
  marker: string;
  phase: 'started' | 'final';
  /**
   * While tuning runs: how far it is, as numbers only (`step 9 of 20 (45%) · epoch 2`). The
   * started comment then says "in progress" and shows the loss so far.
   */
  progress?: string | null;
  /** The run record (an HTML comment, src/finish/record.ts), kept right after the marker while the job trains. */
  record?: string | null;
}

export function renderComment(report: Report, opts: CommentOptions): string {
  const hidden = opts.marker.replace(/[\r\n]+/g, ' ');
  const marker = opts.record ? `${hidden}\n${opts.record.replace(/[\r\n]+/g, ' ')}` : hidden;
  return opts.phase === 'started' ? renderStarted(report, marker, opts.progress ?? null) : renderFinal(report, marker);
}

function renderStarted(report: Report, marker: string, progress: string | null): string {
  const link = runLink(report, 'Follow the workflow run');
  const lines = [
    marker,
    progress === null ? '### ⏳ Gemini tuning started' : '### ⏳ Gemini tuning in progress',
    '',
    `Tuning ${code(report.baseModel)} on ${report.backend}${report.displayName ? ` as ${escapeInline(report.displayName)}` : ''}. This comment is updated with the loss curve and eval results when the job finishes.`,
  ];
  if (report.dataset)
    lines.push('', `**Dataset:** ${report.dataset.examples} training examples from ${code(report.dataset.path)}`);
  if (report.job) lines.push('', `**Job:** ${code(report.job)}`);
  if (progress !== null) {
    // Numbers only, but escaped all the same: nothing reaches the comment unescaped.
    lines.push('', `**Progress:** ${escapeInline(progress)}`);
    const lossSoFar = loss(report);
    if (lossSoFar) lines.push('', lossSoFar);
  }
  if (link) lines.push('', link);
  return lines.join('\n') + '\n';
}

/** Up to this many cases the comment lists every one; past it, only those a reviewer must see (v2.1 decision 20). */
export const LIST_ALL_UP_TO = 20;

function renderFinal(report: Report, marker: string): string {
  const e = report.eval;
  const rows = e ? listedCases(e) : [];

  for (const limits of LEVELS) {
    const body = build(report, marker, limits, rows, 10, 30);
    if (body.length < COMMENT_LIMIT) return body;
  }

  // Still too long at the shortest cells: drop rows, least important first.
  const smallest = LEVELS[LEVELS.length - 1] as CellLimits;
  const best = e
    ? fitRows(
        e,
        rows,
        smallest,
        (kept) => build(report, marker, smallest, kept, 5, 10),
        (t) => t.length,
        COMMENT_LIMIT,
      ).body
    : build(report, marker, smallest, [], 5, 10);
  if (best.length < COMMENT_LIMIT) return best;
  // Last resort (only reachable with absurd non-eval content): cut hard, keep the marker line.
  const note = `\n\n✂️ This comment was cut to fit GitHub's size limit. ${FULL_DATA_NOTE}\n`;
  return best.slice(0, COMMENT_LIMIT - note.length - 1).replace(/[\uD800-\uDBFF]$/, '') + note;
}

/**
 * The cases the comment lists, most needed first: regressions, errors, failures, flaky ones, then
 * (with at most LIST_ALL_UP_TO cases) the rest; past that, the passing and unscored ones are only counted.
 */
function listedCases(e: EvalSummary): number[] {
  const order = casePriority(e);
  if (e.cases.length <= LIST_ALL_UP_TO) return order;
  return order.filter((i) => {
    const c = e.cases[i]!;
    return c.pass === false || c.error !== null || c.flaky === true || e.regressions.includes(c.id);
  });
}

function build(
  report: Report,
  marker: string,
  limits: CellLimits,
  rows: number[],
  maxWarnings: number,
  maxIds: number,
): string {
  // The verdict, the reason, the key figures: what a reviewer reads first.
  const parts: string[] = [`${marker}\n${statusHeading(report)}`];
  const note = notices(report);
  if (note) parts.push(note);
  const figures = keyFigures(report);
  if (figures) parts.push(figures);
  parts.push(overview(report));
  // Dataset problems are the reason a rejected run stopped: never folded.
  const bad = problems(
    report,
    Math.min(COMMENT_PROBLEMS, maxWarnings * 2),
    300,
    'the job summary and the JSON report list them all',
  );
  if (bad) parts.push(`#### Dataset problems\n\n${bad}`);

  const e = report.eval;
  if (e) {
    parts.push(`#### Eval\n\n${evalHeadline(e)}${checkpointLine(report)}`);
    const reg = regressions(e, maxIds);
    if (reg) parts.push(reg);
    const { table, cut } = evalTable(e, rows, limits);
    if (rows.length > 0) parts.push(table);
    const cuts: string[] = [];
    if (cut) cuts.push(`long values are shortened (outputs to ${limits.output} characters)`);
    const hidden = e.cases.length - rows.length;
    if (hidden > 0) {
      const listed = listedCases(e).length;
      cuts.push(
        listed > rows.length
          ? `${hidden} of ${e.cases.length} cases are not shown (passing cases were left out first)`
          : `${hidden} passing or unscored case${hidden === 1 ? ' is' : 's are'} not listed`,
      );
    }
    if (cuts.length > 0) parts.push(`✂️ ${capitalise(cuts.join(' and '))}. ${FULL_DATA_NOTE}`);
  }
  const lossPart = loss(report);
  if (lossPart) parts.push(lossPart);

  const gateTable = gates(report);
  if (gateTable) parts.push(`#### Gates\n\n${gateTable}`);

  // The details, folded: the settings and the dataset.
  const details = [`**Hyperparameters**\n\n${hyperparameters(report)}`];
  const data = dataset(report, maxWarnings);
  if (data) details.push(data);
  parts.push(`<details><summary>Settings and dataset</summary>\n\n${details.join('\n\n')}\n\n</details>`);

  parts.push(footer(report));
  return parts.join('\n\n') + '\n';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Where the full data is. A job summary has no URL of its own that an action can build: its anchor
 * (`#summary-<job id>`) needs the numeric job id, which only the `job.check_run_id` expression
 * knows, not the step's environment. So the link goes to the run page, which shows the summary.
 */
export function footer(report: Report): string {
  const link = runLink(report, 'workflow run page');
  const where = link ? `the job summary on the ${link}` : 'the job summary';
  return `<sub>📋 Full tables: ${where} · everything: the JSON report (the \`report-path\` output)</sub>`;
}
