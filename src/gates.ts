import type { Settings } from './inputs.js';
import type { Gate, Report } from './report/types.js';

/** The quality gates the inputs ask for, each with its threshold, value and verdict. */
export function evaluateGates(settings: Pick<Settings, 'minPassRate' | 'maxFinalLoss'>, report: Report): Gate[] {
  const gates: Gate[] = [];
  if (settings.minPassRate !== null) {
    const value = report.eval?.passRate ?? null;
    gates.push({
      name: 'min-pass-rate',
      threshold: settings.minPassRate,
      value,
      passed: value !== null && value >= settings.minPassRate,
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
