/** State marks shared by the comment and the job summary (numbers and durations: ../util/format.ts). */

/** Total of all timed phases (seconds each), in ms. */
export function totalMs(timings: Record<string, number>): number | null {
  const values = Object.values(timings).filter((v) => Number.isFinite(v));
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) * 1000;
}

export function passMark(pass: boolean | null | undefined, error?: string | null): string {
  if (error) return '⚠️ error';
  if (pass === true) return '✅ pass';
  if (pass === false) return '❌ fail';
  return '➖';
}
