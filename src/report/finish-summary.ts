/** The job summary of a `mode: finish` run: each recorded job it looked at, with its outcome. */

import { escapeTableCell, inlineCode, truncate } from './escape.js';
import { verdictOf } from './view.js';
import { formatPercent } from '../util/format.js';
import type { Report } from './types.js';

export interface FinishLine {
  pr: number;
  job: string;
  outcome: 'finished' | 'pending' | 'error';
  error: string | null;
  report: Report;
}

const OUTCOME = { finished: '✅ finished', pending: '⏳ still training', error: '⚠️ not finished' } as const;

export function renderFinishSummary(lines: readonly FinishLine[], pullRequests: number): string {
  const finished = lines.filter((l) => l.outcome === 'finished').length;
  const pending = lines.filter((l) => l.outcome === 'pending').length;
  const errors = lines.length - finished - pending;
  const head = [
    '### gemini-tune: finish',
    '',
    `${pullRequests} open pull request${pullRequests === 1 ? '' : 's'}, ${lines.length} recorded job${lines.length === 1 ? '' : 's'}: ` +
      `${finished} finished, ${pending} still training${errors ? `, ${errors} not finished because of an error (tried again on the next run)` : ''}.`,
  ];
  if (lines.length === 0) return `${head.join('\n')}\n`;
  const rows = lines.map((l) => {
    const verdict = l.outcome === 'finished' ? verdictOf(l.report).title.replace(/^Gemini tuning: /, '') : '';
    const rate = l.outcome === 'finished' && l.report.eval ? formatPercent(l.report.eval.passRate) : '';
    const why = l.error ? truncate(l.error, 300).text : verdict;
    return `| #${l.pr} | ${inlineCode(l.job, { inTable: true })} | ${OUTCOME[l.outcome]} | ${escapeTableCell(why)} | ${rate} |`;
  });
  return [
    ...head,
    '',
    '| Pull request | Job | Outcome | Result | Pass rate |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
