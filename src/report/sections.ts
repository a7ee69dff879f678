/** Markdown sections shared by the PR comment and the job summary. Every value from a dataset,
 * a model or a service goes through ./escape.ts. */

import { costLine } from './cost-line.js';
import { LINE_COLORS } from './loss-chart.js';
import { verdictOf } from './view.js';
import type { EvalSummary } from '../eval/types.js';
import type { Report, Gate, ProblemReport } from './types.js';
import { escapeInline, escapePre, escapeTableCell, inlineCode, truncate, truncateWords } from './escape.js';
import { formatDuration, formatLoss, formatNumber, formatPercent } from '../util/format.js';
import { totalMs } from './format.js';
import { lossChart, lossStats } from './loss-chart.js';

export const FULL_DATA_NOTE = 'The full data is in the job summary and the JSON report.';

export function code(text: string | null | undefined): string {
  return text ? inlineCode(text) : '—';
}

/** The heading: the verdict, consistent with the step's result (./view.ts). */
export function statusHeading(report: Report, level = '###'): string {
  const v = verdictOf(report);
  return `${level} ${v.emoji} ${v.title}`;
}

/** Key facts as a bullet list. */
export function overview(report: Report): string {
  const lines: string[] = [];
  if (report.tunedModel) lines.push(`- **Tuned model:** ${code(report.tunedModel)}`);
  if (report.endpoint && report.endpoint !== report.tunedModel) lines.push(`- **Endpoint:** ${code(report.endpoint)}`);
  lines.push(`- **Base model:** ${code(report.baseModel)} (${report.backend})`);
  if (report.displayName) lines.push(`- **Display name:** ${escapeInline(report.displayName)}`);
  if (report.job) lines.push(`- **Job:** ${code(report.job)}`);
  const queued = report.timings['queued'];
  const wait = queued ? ` (of which ${formatDuration(queued * 1000)} waiting for tuning quota)` : '';
  const total = totalMs(report.timings);
  if ((total ?? 0) >= 1000 || queued) lines.push(`- **Duration:** ${formatDuration(total)}${wait}`);
  if (report.state !== 'REJECTED') {
    lines.push(
      `- **Cache:** ${report.cacheHit ? 'hit (an existing tuned model built from the same data and settings was reused)' : 'miss'}`,
    );
  }
  return lines.join('\n');
}

/** The failure reason and the resume hint, when there are any. */
export function notices(report: Report, maxError = 2_000): string {
  const parts: string[] = [];
  if (report.error) parts.push(`> [!CAUTION]\n> ${escapeInline(truncate(report.error, maxError).text)}`);
  if (report.promoted) {
    const from = report.promoted.previous.length
      ? ` (taken off ${report.promoted.previous.map((m) => inlineCode(m)).join(', ')})`
      : '';
    parts.push(`> [!NOTE]\n> Released as ${inlineCode(report.promoted.label)}${from}.`);
  }
  if (report.resumeWith && report.leftForFinish && report.state === 'CREATING') {
    parts.push(
      `> [!NOTE]\n> The tuning job is training. A scheduled run with \`mode: finish\` evaluates it once it ends, and updates this comment and the commit status.`,
    );
  } else if (report.resumeWith) {
    parts.push(
      `> [!NOTE]\n> The tuning job was left running. To pick it up again, run with \`resume:\` set to ${inlineCode(report.resumeWith)}.`,
    );
  }
  return parts.join('\n\n');
}

export function hyperparameters(report: Report): string {
  const hp = report.hyperparameters;
  const cell = (v: number | null): string => (v === null ? 'default' : formatNumber(v));
  return [
    '| Epochs | Batch size | Learning rate | LR multiplier | Adapter size |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${cell(hp.epochCount)} | ${cell(hp.batchSize)} | ${cell(hp.learningRate)} | ${cell(hp.learningRateMultiplier)} | ${cell(hp.adapterSize)} |`,
  ].join('\n');
}

const FINDING_TITLES: Record<string, string> = {
  duplicate: 'Duplicates',
  'near-duplicate': 'Near duplicates',
  conflict: 'Conflicting outputs',
  'empty-output': 'Empty outputs',
  'length-outlier': 'Length outliers',
  'prompt-format': 'Prompt format',
  leakage: 'Eval leakage',
  overlap: 'Training/validation overlap',
};

/**
 * The dataset section. `maxWarnings` below 100 (the PR comment) gives the short form: the doctor's
 * findings one line each, shortened; otherwise (the job summary) every finding with its lines,
 * and the length statistics.
 */
export function dataset(report: Report, maxWarnings: number): string {
  const d = report.dataset;
  if (!d) return '';
  const short = maxWarnings < 100;
  const facts = [`**${d.examples}** training example${d.examples === 1 ? '' : 's'} from ${code(d.path)}`];
  if (d.validationPath !== null)
    facts.push(`**${d.validationExamples ?? '?'}** validation from ${code(d.validationPath)}`);
  if (d.evalPath !== null) facts.push(`**${d.evalCases ?? '?'}** eval cases from ${code(d.evalPath)}`);
  const lines = [`**Dataset:** ${facts.join(' · ')}`];
  const cost = costLine(report);
  if (cost) lines.push('', cost);
  const counted = vertexCounts(report);
  if (counted) lines.push('', counted);
  const findings = d.findings ?? [];
  const warnings = d.warnings;
  if (warnings.length > 0) {
    lines.push('');
    for (const w of warnings.slice(0, maxWarnings)) {
      const at = `${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}`;
      lines.push(`- ⚠️ ${escapeInline(truncate(at, 500).text)}`);
    }
    if (warnings.length > maxWarnings)
      lines.push(`- … and ${warnings.length - maxWarnings} more warnings (see the job summary).`);
  }
  if (findings.length > 0) {
    lines.push('', `**Dataset doctor:** ${findings.length} finding${findings.length === 1 ? '' : 's'}`, '');
    const shown = short ? findings.slice(0, maxWarnings) : findings;
    for (const f of shown) {
      const title = FINDING_TITLES[f.kind] ?? f.kind;
      // Linked to its (first) line on the pull request's head commit, as dataset problems are.
      const first = f.examples[0] ?? null;
      const where = sourceLink(report, lineOf(f.file, first), code(first !== null ? `${f.file}:${first}` : f.file));
      if (short) {
        lines.push(`- 🩺 **${escapeInline(title)}** in ${where}: ${escapeInline(truncateWords(f.message, 240).text)}`);
      } else {
        const more = f.count > f.examples.length ? `, … ${f.count} in all` : '';
        const linked = f.examples.map((l) => sourceLink(report, lineOf(f.file, l), String(l)));
        const at = f.examples.length > 0 ? ` (lines: ${linked.join(', ')}${more})` : '';
        lines.push(
          `- 🩺 **${escapeInline(title)}** in ${where}: ${escapeInline(truncateWords(f.message, 2_000).text)}${at}`,
        );
      }
    }
    if (shown.length < findings.length)
      lines.push(`- … and ${findings.length - shown.length} more (see the job summary).`);
  }
  const t = d.stats?.training;
  if (!short && t) {
    const dist = (x: { min: number; median: number; p95: number; max: number }): string =>
      `${formatNumber(x.min)} / ${formatNumber(x.median)} / ${formatNumber(x.p95)} / ${formatNumber(x.max)}`;
    lines.push(
      '',
      '| Training set | Characters (min / median / p95 / max) | Estimated tokens (min / median / p95 / max) |',
      '| --- | ---: | ---: |',
      `| Input | ${dist(t.input.chars)} | ${dist(t.input.estimatedTokens)} |`,
      `| Output | ${dist(t.output.chars)} | ${dist(t.output.estimatedTokens)} |`,
    );
  }
  return lines.join('\n');
}

/** Where a dataset problem is, as annotated: `file:line:column`, `file:line` or `file`. */
export function problemLocation(p: ProblemReport): string {
  if (p.line === null) return p.file;
  return p.column === null ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
}

/** A file and line as a problem's location (for the links of the doctor's findings). */
function lineOf(file: string, line: number | null): ProblemReport {
  return { severity: 'warning', file, line, column: null, message: '' };
}

/** The location as a link to the file's line on the pull request's head commit, when both are known. */
function sourceLink(report: Report, p: ProblemReport, text: string): string {
  const base = safeUrl(report.sourceUrl);
  if (!base || p.file.startsWith('/') || p.file.split('/').includes('..')) return text;
  const path = p.file.split('/').map(encodeURIComponent).join('/');
  return `[${text}](${base}/${path}${p.line !== null ? `#L${p.line}` : ''})`;
}

/**
 * The problems that stopped the run at the datasets (empty when there are none): a count, then
 * one line each (errors first), at most `max` of them with messages shortened to `maxMessage`,
 * then how many more there are and where to find them (`rest`). File names and messages come
 * from the dataset and are escaped.
 */
export function problems(report: Report, max: number, maxMessage: number, rest: string): string {
  const list = report.problems ?? [];
  if (list.length === 0) return '';
  const errorList = list.filter((p) => p.severity === 'error');
  const warningList = list.filter((p) => p.severity !== 'error');
  const ordered = [...errorList, ...warningList];
  // The list may hold only the first problems; the counts are exact when the report has them.
  const errors = report.problemCounts?.errors ?? errorList.length;
  const warnings = report.problemCounts?.warnings ?? warningList.length;
  const counts = [`**${errors}** error${errors === 1 ? '' : 's'}`];
  if (warnings > 0) counts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  const lines = [`${counts.join(' and ')} in the datasets; nothing was sent to the service.`, ''];
  for (const p of ordered.slice(0, Math.max(0, max))) {
    const mark = p.severity === 'error' ? '❌' : '⚠️';
    lines.push(
      `- ${mark} ${sourceLink(report, p, code(truncate(problemLocation(p), 300).text))}: ${escapeInline(truncate(p.message, maxMessage).text)}`,
    );
  }
  const hidden = Math.max(errors + warnings, ordered.length) - Math.min(ordered.length, Math.max(0, max));
  if (hidden > 0) lines.push(`- … and ${hidden} more (${rest}).`);
  return lines.join('\n');
}

/** What Vertex AI itself counted in the uploaded dataset (tuningDataStats), once it has. */
function vertexCounts(report: Report): string {
  const t = report.tuningDataStats;
  if (!t) return '';
  const facts: string[] = [];
  if (t.exampleCount !== null) facts.push(`**${formatNumber(t.exampleCount)}** examples`);
  if (t.totalBillableTokenCount !== null) facts.push(`**${formatNumber(t.totalBillableTokenCount)}** billable tokens`);
  if (t.tuningStepCount !== null) facts.push(`**${formatNumber(t.tuningStepCount)}** tuning steps`);
  if (t.truncatedExampleCount) facts.push(`⚠️ **${formatNumber(t.truncatedExampleCount)}** examples truncated`);
  if (facts.length === 0 && t.droppedExampleReasons.length === 0) return '';
  const dropped = t.droppedExampleReasons
    .slice(0, 5)
    .map((r) => `\n- ⚠️ dropped: ${escapeInline(truncate(r, 300).text)}`)
    .join('');
  return `**Vertex AI counted:** ${facts.join(' · ')}${dropped}`;
}

export function loss(report: Report): string {
  const stats = lossStats(report.snapshots);
  const validation = report.validationSnapshots ?? [];
  const chart = lossChart(report.snapshots, validation);
  if (!stats || !chart) return '';
  const final = report.finalLoss ?? stats.final;
  const validationLoss = report.validationLoss ?? null;
  return [
    `**Loss:** final **${formatLoss(final)}** · minimum ${formatLoss(stats.min)} at step ${stats.minStep} · ${report.snapshots.length} snapshot${report.snapshots.length === 1 ? '' : 's'}` +
      (validationLoss !== null
        ? ` · validation **${formatLoss(validationLoss)}** (${validation.length} point${validation.length === 1 ? '' : 's'}, drawn between them)`
        : ''),
    '',
    chart,
  ].join('\n');
}

function gateValue(g: Gate, v: number | null): string {
  if (v === null) return '—';
  if (g.name === 'min-pass-rate') return formatPercent(v);
  if (g.name === 'max-final-loss') return formatLoss(v);
  return formatNumber(v);
}

export function gates(report: Report): string {
  if (report.gates.length === 0) return '';
  const rows = report.gates.map((g) => {
    const op = g.name === 'min-pass-rate' ? '≥ ' : g.name.startsWith('max-') ? '≤ ' : '';
    const result = g.passed ? '✅ passed' : `❌ missed${g.note ? ` (${escapeTableCell(g.note)})` : ''}`;
    return `| ${escapeTableCell(g.name)} | ${op}${gateValue(g, g.threshold)} | ${gateValue(g, g.value)} | ${result} |`;
  });
  return ['| Gate | Threshold | Value | Result |', '| --- | ---: | ---: | --- |', ...rows].join('\n');
}

/** Headline numbers of an eval run. */
export function evalHeadline(e: EvalSummary): string {
  const interval = e.passRateInterval
    ? `, 95% interval ${formatPercent(e.passRateInterval[0])}–${formatPercent(e.passRateInterval[1])}`
    : '';
  const parts =
    e.repeats > 1
      ? [
          `**${e.passingRuns}/${e.runs}** runs passed (${formatPercent(e.passRate)}${interval})`,
          `${e.passed}/${e.passed + e.failed} cases by majority of ${e.repeats} runs`,
        ]
      : [`**${e.passed}/${e.passed + e.failed}** passed (${formatPercent(e.passRate)}${interval})`];
  if (e.flaky > 0) parts.push(`${e.flaky} flaky`);
  if (e.erroredCases > 0) parts.push(`${e.erroredCases} errored (not counted)`);
  else if (e.errors > 0) parts.push(`${e.errors} run${e.errors === 1 ? '' : 's'} errored (not counted)`);
  if (e.unscored > 0) parts.push(`${e.unscored} not scored`);
  if (e.incomplete) parts.push(`⚠️ incomplete: ${e.notRun.length} not run (the time limit came first)`);
  if (e.baselineModel !== null) {
    const c = e.comparison;
    const test = c
      ? `, McNemar p = ${c.pValue < 0.001 ? '< 0.001' : c.pValue.toFixed(3)}${c.significant ? ' (significant)' : ' (not significant)'}`
      : '';
    parts.push(`baseline ${code(e.baselineModel)}: ${formatPercent(e.baselinePassRate)}${test}`);
  }
  parts.push(`model ${code(e.model)}, ${generationText(e.generationConfig)}`);
  return parts.join(' · ');
}

function idList(ids: string[], max: number): string {
  const shown = ids.slice(0, max).map((id) => `**${escapeInline(truncate(id, 80).text)}**`);
  return shown.join(', ') + (ids.length > max ? `, … and ${ids.length - max} more` : '');
}

export function regressions(e: EvalSummary, max: number): string {
  const lines: string[] = [];
  if (e.regressions.length > 0)
    lines.push(`- 🔻 **Regressions** (baseline passed, tuned failed): ${idList(e.regressions, max)}`);
  if (e.improvements.length > 0)
    lines.push(`- 📈 **Improvements** (baseline failed, tuned passed): ${idList(e.improvements, max)}`);
  return lines.join('\n');
}

/** An http(s) URL safe to put in a Markdown link target, or null. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
    return u.href.replace(/[()<>\s"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  } catch {
    return null;
  }
}

export function runLink(report: Report, text = 'Workflow run'): string {
  const url = safeUrl(report.runUrl);
  return url ? `[${text}](${url})` : '';
}

/** `<pre>` block with untrusted text (kept verbatim, escaped), for use inside `<details>`. */
export function preBlock(text: string, limit: number): string {
  const { text: shown, truncated } = truncate(text, limit);
  const note = truncated
    ? `\n\n<sub>Shortened: ${text.length.toLocaleString('en-US')} characters in total, see the JSON report.</sub>`
    : '';
  // The newline after <pre> is dropped by HTML parsing, so a leading newline in the text survives.
  return `<pre>\n${escapePre(shown)}</pre>${note}`;
}

/** The generation settings the eval sent, in words; none: the model's own defaults. */
export function generationText(g: EvalSummary['generationConfig']): string {
  const parts: string[] = [];
  if (g.temperature !== undefined) parts.push(`temperature ${formatNumber(g.temperature)}`);
  if (g.thinkingLevel !== undefined) parts.push(`thinking ${g.thinkingLevel}`);
  else if (g.thinkingBudget !== undefined) parts.push(`thinking budget ${formatNumber(g.thinkingBudget)} tokens`);
  if (g.maxOutputTokens !== undefined) parts.push(`at most ${formatNumber(g.maxOutputTokens)} output tokens`);
  return parts.length > 0 ? parts.join(', ') : "the model's default generation settings";
}

/** The pass rate of each checkpoint evaluated (eval-checkpoints: all), the selected one marked; '' when none was. */
export function checkpointLine(report: Report): string {
  const rated = (report.checkpoints ?? []).filter((c) => c.passRate !== null);
  if (rated.length < 2) return '';
  const selected = report.selectedCheckpoint?.checkpointId;
  const items = rated.map((c) => {
    // Vertex AI numbers its checkpoints; anything else is escaped (mid-line, a digit needs no entity).
    const id = /^\d{1,20}$/.test(c.checkpointId) ? c.checkpointId : escapeInline(c.checkpointId);
    const text = `checkpoint ${id}${c.epoch !== null ? ` (epoch ${c.epoch})` : ''}: ${formatPercent(c.passRate)}`;
    return c.checkpointId === selected ? `**${text}** ✓` : text;
  });
  return (
    `\n\n**Checkpoints:** ${items.join(' · ')} · ✓ = the one the pass rate, the gates and \`endpoint\` refer to` +
    `\n\n${checkpointChart(rated)}`
  );
}

/** The pass rate per checkpoint as a Mermaid bar chart (epochs along the x-axis), in the training line's blue. */
function checkpointChart(rated: { checkpointId: string; epoch: number | null; passRate: number | null }[]): string {
  const labels = rated.map((c) =>
    JSON.stringify(c.epoch !== null ? `epoch ${c.epoch}` : `checkpoint ${c.checkpointId.replace(/[^\w.-]/g, '')}`),
  );
  const values = rated.map((c) => Math.round((c.passRate ?? 0) * 1000) / 10);
  const init = { themeVariables: { xyChart: { plotColorPalette: LINE_COLORS.training } } };
  return [
    '```mermaid',
    `%%{init: ${JSON.stringify(init)}}%%`,
    'xychart-beta',
    '    title "Pass rate per checkpoint (%)"',
    `    x-axis [${labels.join(', ')}]`,
    '    y-axis "Pass rate (%)" 0 --> 100',
    `    bar [${values.join(', ')}]`,
    '```',
  ].join('\n');
}
