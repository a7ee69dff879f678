import type { Settings } from '../inputs/settings.js';
import type { Gate, Report } from '../report/types.js';

/**
 * The quality gates the inputs ask for, each with its threshold, value and verdict.
 *
 * Gates judge a finished model only. While the tuning is not ACTIVE (FAILED, CANCELLED, timed out,
 * or not waited for with `wait: false`) there are none: a failed or timed-out run fails on its own
 * account, and `wait: false` must still exit 0 with state CREATING.
 *
 * A gate without a value is missed: `min-pass-rate` with no eval (no `eval-data`) or no scored
 * run, `max-regressions` without a baseline run, `max-final-loss` when the service reported no
 * loss. Runs that ended in an error are out of the pass rate (v2.1 decision 18); when every scored
 * case errored, the eval gates are missed ("every case errored"). An eval cut short by the time
 * limit misses the eval gates ("eval incomplete"), whatever the cases that ran gave.
 */
export function evaluateGates(
  settings: Pick<Settings, 'minPassRate' | 'maxFinalLoss' | 'maxRegressions'>,
  report: Report,
): Gate[] {
  if (report.state !== 'ACTIVE') return [];
  const gates: Gate[] = [];
  const e = report.eval;
  const note = e?.incomplete
    ? 'eval incomplete'
    : e && e.erroredCases > 0 && e.runs === 0
      ? 'every case errored'
      : null;
  if (settings.minPassRate !== null) {
    const value = e?.passRate ?? null;
    gates.push({
      name: 'min-pass-rate',
      threshold: settings.minPassRate,
      value,
      passed: note === null && value !== null && value >= settings.minPassRate,
      ...(note ? { note } : {}),
    });
  }
  if (settings.maxRegressions !== null) {
    const value = e?.comparison ? e.comparison.regressions.length : null;
    gates.push({
      name: 'max-regressions',
      threshold: settings.maxRegressions,
      value,
      passed: note === null && value !== null && value <= settings.maxRegressions,
      ...(note ? { note } : {}),
    });
  }
  if (settings.maxFinalLoss !== null) {
    const value = report.finalLoss;
    gates.push({
      name: 'max-final-loss',
      threshold: settings.maxFinalLoss,
      value,
      passed: value !== null && value <= settings.maxFinalLoss,
    });
  }
  return gates;
}
