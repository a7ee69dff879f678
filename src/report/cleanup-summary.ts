/** The job summary of a `mode: cleanup` run: what was deleted and what was kept, and why. */

import { escapeTableCell, inlineCode } from './escape.js';

export interface CleanupLines {
  deleted: { model: string; removed: string[] }[];
  kept: { model: string; reason: string }[];
}

export function renderCleanupSummary(pullRequest: number, result: CleanupLines): string {
  const lines = [
    `### gemini-tune: cleanup of #${pullRequest}`,
    '',
    `${result.deleted.length} tuned model${result.deleted.length === 1 ? '' : 's'} deleted, ${result.kept.length} kept.`,
  ];
  if (result.deleted.length + result.kept.length === 0) return `${lines.join('\n')}\n`;
  lines.push('', '| Tuned model | Outcome |', '| --- | --- |');
  for (const d of result.deleted) {
    const endpoints = d.removed.filter((r) => r.includes('/endpoints/')).length;
    lines.push(
      `| ${inlineCode(d.model, { inTable: true })} | 🗑️ deleted${endpoints ? ` with ${endpoints} endpoint${endpoints === 1 ? '' : 's'}` : ''} |`,
    );
  }
  for (const k of result.kept)
    lines.push(`| ${inlineCode(k.model, { inTable: true })} | kept: ${escapeTableCell(k.reason)} |`);
  return `${lines.join('\n')}\n`;
}
