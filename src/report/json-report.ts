/** The JSON report file (`report-path`). */

import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ProblemReport, Report } from './types.js';

/** Where the report goes when `report-path` is empty: a file under RUNNER_TEMP, named for the mode and the time. */
export function defaultReportPath(env: NodeJS.ProcessEnv, kind: 'report' | 'finish' | 'cleanup', now: number): string {
  return join(env['RUNNER_TEMP'] || tmpdir(), `gemini-tune-${kind}-${now}.json`);
}

/**
 * Writes `report` as pretty JSON (2-space indent, trailing newline), creating the parent
 * directory. Written to a temporary file and renamed, so a reader never sees half a report.
 */
export async function writeJsonReport(path: string, report: Report): Promise<void> {
  await writeJsonFile(path, jsonReport(report));
}

/** Any JSON value as a report file (the finish and cleanup modes write their own shapes), atomically. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(value, null, 2)}\n`, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * The report as the file has it: `dataset.warnings` as one line each, the loaders' warnings then
 * the doctor's findings (the shape the contract documents); everything else as it is.
 */
export function jsonReport(report: Report): unknown {
  if (!report.dataset) return report;
  const line = (file: string, at: number | null, message: string): string => `${file}${at ? `:${at}` : ''}: ${message}`;
  const warnings = [
    ...report.dataset.warnings.map((w: ProblemReport) => line(w.file, w.line, w.message)),
    ...(report.dataset.findings ?? []).map((f) =>
      line(f.file, f.examples[0] ?? null, `Dataset doctor (${f.kind}): ${f.message}`),
    ),
  ];
  return { ...report, dataset: { ...report.dataset, warnings } };
}
