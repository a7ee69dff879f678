/** Why a run fails: the tuning's own ending, a timeout, and every missed gate, one reason each. */

import { formatPercent } from '../util/format.js';
import type { Report } from './types.js';

export function failureReasons(report: Report, timedOut: boolean): string[] {
  const reasons: string[] = [];
  if (report.state === 'FAILED') reasons.push(`tuning FAILED: ${report.error ?? 'the service gave no reason'}`);
  if (report.state === 'REJECTED') reasons.push(`rejected before anything was created: ${report.error ?? ''}`);
  if (report.state === 'CANCELLED') reasons.push(report.error ?? 'tuning was CANCELLED');
  if (timedOut) reasons.push(`tuning did not finish in time; resume with: ${report.resumeWith ?? ''}`);
  for (const gate of report.gates) {
    if (gate.passed) continue;
    const value = gate.value === null ? 'no value' : gateValue(gate.name, gate.value);
    const note = gate.note ? ` (${gate.note})` : '';
    reasons.push(`gate ${gate.name} missed${note}: ${value} vs threshold ${gateValue(gate.name, gate.threshold)}`);
  }
  return reasons;
}

function gateValue(name: string, v: number): string {
  return name === 'min-pass-rate' ? formatPercent(v, 1) : String(Number(v.toPrecision(4)));
}

/** The one line the log ends on: state, model, loss, pass rate. */
export function conclusion(report: Report): string {
  const parts = [`state ${report.state}`];
  if (report.tunedModel) parts.push(`tuned model ${report.tunedModel}`);
  if (report.finalLoss !== null) parts.push(`final loss ${Number(report.finalLoss.toPrecision(4))}`);
  const rate = report.eval?.passRate;
  if (rate !== null && rate !== undefined) parts.push(`eval pass rate ${formatPercent(rate, 1)}`);
  if (report.cacheHit) parts.push('cache hit');
  return `gemini-tune: ${parts.join(', ')}`;
}
