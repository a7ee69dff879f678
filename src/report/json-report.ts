/** The JSON report file (`report-path`). */

import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Report } from './types.js';

/**
 * Writes `report` as pretty JSON (2-space indent, trailing newline), creating the parent
 * directory. Written to a temporary file and renamed, so a reader never sees half a report.
 */
export async function writeJsonReport(path: string, report: Report): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
