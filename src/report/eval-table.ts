/** The eval table shared by the PR comment and the job summary: one row per case, cells cut and
 * folded to fit, every value from a dataset or a model escaped (./escape.ts). */

import type { EvalCaseResult, EvalSummary } from '../eval/types.js';
import { escapeInline, escapeTableCell, truncate } from './escape.js';
import { passMark } from './format.js';

export interface CellLimits {
  /** Max UTF-16 units shown of an output (tuned or baseline) or error. */
  output: number;
  /** Max shown of an input or expected value. */
  other: number;
  /** Texts longer than this are folded into `<details>` with a short preview. */
  foldAt: number;
}

/** A table cell for untrusted text, shortened to `limit` and folded when long. */
export function textCell(text: string, limit: number, foldAt: number): { cell: string; cut: boolean } {
  const { text: shown, truncated } = truncate(text, limit);
  if (shown.length <= foldAt) return { cell: escapeTableCell(shown), cut: truncated };
  const preview = truncate(text.replace(/\s+/g, ' ').trim(), Math.min(60, foldAt)).text;
  const more = truncated ? ` <sub>(${text.length.toLocaleString('en-US')} characters, shortened)</sub>` : '';
  return {
    cell: `<details><summary>${escapeInline(preview)}</summary>${escapeInline(shown)}${more}</details>`,
    cut: truncated,
  };
}

function outputCell(
  output: string | null,
  error: string | null | undefined,
  limits: CellLimits,
): { cell: string; cut: boolean } {
  if (output === null) {
    if (!error) return { cell: '—', cut: false };
    const r = textCell(error, Math.min(limits.output, 500), limits.foldAt);
    return { cell: `⚠️ ${r.cell}`, cut: r.cut };
  }
  return textCell(output, limits.output, limits.foldAt);
}

function tableHeader(e: EvalSummary): string[] {
  return e.baselineModel !== null
    ? [
        '| ID | Input | Expected | Output | Pass | Baseline output | Baseline pass |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      ]
    : ['| ID | Input | Expected | Output | Pass |', '| --- | --- | --- | --- | --- |'];
}

/** One row of the eval table, and whether any of its values had to be shortened. */
export function evalRow(e: EvalSummary, c: EvalCaseResult, limits: CellLimits): { row: string; cut: boolean } {
  const input = textCell(c.input, limits.other, limits.foldAt);
  let expected: { cell: string; cut: boolean } = { cell: '—', cut: false };
  if (c.expected !== null) {
    expected = textCell(c.expected, limits.other, limits.foldAt);
    if (c.scorer && c.scorer !== 'exact')
      expected = { cell: `<sub>${c.scorer}</sub> ${expected.cell}`, cut: expected.cut };
  }
  const output = outputCell(c.output, c.error, limits);
  const cells = [
    (e.regressions.includes(c.id) ? '🔻 ' : '') + escapeTableCell(truncate(c.id, 80).text),
    input.cell,
    expected.cell,
    output.cell,
    passMark(c.pass, c.error) +
      runCounts(e, c.passes, c.runs, c.errors, c.flaky) +
      failReason(c.pass, judged(c), c.output, c.error),
  ];
  let cut = input.cut || expected.cut || output.cut;
  if (e.baselineModel !== null) {
    const b = outputCell(c.baselineOutput ?? null, c.baselineError, limits);
    cells.push(
      b.cell,
      passMark(c.baselinePass ?? null, c.baselineError) +
        runCounts(e, c.baselinePasses, c.baselineRuns, c.baselineErrors, false) +
        failReason(c.baselinePass, c.baselineReason, c.baselineOutput ?? null, c.baselineError),
    );
    cut ||= b.cut;
  }
  return { row: `| ${cells.join(' | ')} |`, cut };
}

/** With repeats: the passing runs of the scored ones, flaky, and the runs that errored. */
function runCounts(
  e: EvalSummary,
  passes: number | undefined,
  runs: number | undefined,
  errors: number | undefined,
  flaky: boolean | undefined,
): string {
  if (e.repeats <= 1 || runs === undefined || passes === undefined) return '';
  const parts = [`${passes}/${runs}`];
  if (flaky) parts.push('flaky');
  if (errors) parts.push(`${errors} errored`);
  return ` <sub>${parts.join(', ')}</sub>`;
}

/** The reason shown under the mark: a failure's, and a judge's even when it passed. */
function judged(c: EvalSummary['cases'][number]): string | null | undefined {
  return c.pass === true && c.scorer === 'judge' ? c.reason : c.pass === false ? c.reason : null;
}

/**
 * The note under the mark: why a case failed, or why an answer was not scored (a regex past its
 * time limit; a call that errored shows its error in the output cell instead).
 */
function failReason(
  pass: boolean | null | undefined,
  reason: string | null | undefined,
  output: string | null = null,
  error: string | null | undefined = null,
): string {
  const note = output !== null && error ? error : pass !== null ? reason : null;
  if (!note) return '';
  return `<br><sub>${escapeTableCell(truncate(note.replace(/\s+/g, ' '), 100).text)}</sub>`;
}

/** The eval table for the cases at `indices` (in that order). Reports whether anything was cut. */
export function evalTable(e: EvalSummary, indices: number[], limits: CellLimits): { table: string; cut: boolean } {
  let cut = false;
  const rows: string[] = [];
  for (const i of indices) {
    const c = e.cases[i];
    if (!c) continue;
    const r = evalRow(e, c, limits);
    rows.push(r.row);
    cut ||= r.cut;
  }
  return { table: [...tableHeader(e), ...rows].join('\n'), cut };
}

/**
 * The most rows (taken in `priority` order, returned in document order) for which `render`
 * stays within `limit` by `measure`. Row sizes are measured once, so this costs a few renders
 * rather than a binary search over full documents.
 */
export function fitRows(
  e: EvalSummary,
  priority: number[],
  limits: CellLimits,
  render: (rows: number[]) => string,
  measure: (text: string) => number,
  limit: number,
): { rows: number[]; body: string } {
  const margin = 400; // notes and the table header that appear only once rows are present
  let total = measure(render([])) + margin;
  let k = 0;
  while (k < priority.length) {
    const c = e.cases[priority[k] as number];
    const size = c ? measure(evalRow(e, c, limits).row) + 1 : 0;
    if (total + size >= limit) break;
    total += size;
    k++;
  }
  for (;;) {
    const rows = priority.slice(0, k);
    const body = render(rows);
    if (measure(body) < limit || k === 0) return { rows, body };
    k = Math.floor(k * 0.9);
  }
}

/** Case indices ordered by how much a reader needs them: regressions, errors, failures, flaky, the rest. */
export function casePriority(e: EvalSummary): number[] {
  const regress = new Set(e.regressions);
  const rank = (c: EvalCaseResult): number => {
    if (regress.has(c.id)) return 0;
    if (c.error) return 1;
    if (c.pass === false) return 2;
    if (c.flaky) return 3;
    if (c.pass === null) return 4;
    return 5;
  };
  return e.cases
    .map((c, i) => ({ i, r: rank(c) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.i);
}
