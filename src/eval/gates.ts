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
 * case, `max-final-loss` when the service reported no loss. Errored eval cases count in the pass
 * rate as not passed. An eval cut short by the time limit misses the eval gates ("eval
 * incomplete"), whatever the cases that ran gave.
 */
export function evaluateGates(settings: Pick<Settings, 'minPassRate' | 'maxFinalLoss'>, report: Report): Gate[] {
  if (report.state !== 'ACTIVE') return [];
  const gates: Gate[] = [];
  if (settings.minPassRate !== null) {
    const value = report.eval?.passRate ?? null;
    const incomplete = report.eval?.incomplete === true;
    gates.push({
      name: 'min-pass-rate',
      threshold: settings.minPassRate,
      value,
      passed: !incomplete && value !== null && value >= settings.minPassRate,
      ...(incomplete ? { note: 'eval incomplete' } : {}),
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
