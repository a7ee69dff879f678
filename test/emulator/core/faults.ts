/** Fault injection: rules matched against each incoming request before it is routed. */
import type { FaultInjector, FaultRule } from '../types.js';

export type FaultDecision =
  | { kind: 'none'; delayMs: number }
  | { kind: 'status'; delayMs: number; status: number; retryAfterSeconds?: number; message?: string }
  | { kind: 'reset'; delayMs: number }
  /** The request is handled (its effects happen), then the connection is reset instead of answered. */
  | { kind: 'reset-after'; delayMs: number; afterBodyBytes?: number }
  /** Never answered: the request is not handled, the connection is left open. */
  | { kind: 'hang'; delayMs: number }
  /** The request is handled (its effects happen), then answered with this raw body. */
  | { kind: 'answer'; delayMs: number; status: number; body: string; contentType: string };

interface RuleState {
  rule: FaultRule;
  matched: number;
  applied: number;
}

export class Faults implements FaultInjector {
  private rules: RuleState[] = [];

  add(rule: FaultRule): void {
    validateRule(rule);
    this.rules.push({ rule, matched: 0, applied: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * Decide what happens to one request. Every matching rule counts the request; latency rules
   * that apply add up, and the first status/reset rule that applies decides the answer.
   */
  decide(method: string, path: string): FaultDecision {
    let delayMs = 0;
    let terminal: FaultDecision | undefined;
    for (const st of this.rules) {
      const r = st.rule;
      if (r.method !== undefined && r.method.toUpperCase() !== method.toUpperCase()) continue;
      if (r.path !== undefined) {
        if (typeof r.path === 'string' ? !path.includes(r.path) : !testRegExp(r.path, path)) continue;
      }
      st.matched++;
      const index = st.matched - (r.skip ?? 0); // 1-based position after the skipped ones
      if (index <= 0) continue;
      if (r.every !== undefined && index % r.every !== 0) continue;
      if (st.applied >= (r.times ?? Infinity)) continue;
      if (r.kind !== 'latency' && terminal !== undefined) continue; // a later rule does not consume
      st.applied++;
      if (r.kind === 'latency') delayMs += r.delayMs;
      else if (r.kind === 'reset') terminal = { kind: 'reset', delayMs: 0 };
      else if (r.kind === 'hang') terminal = { kind: 'hang', delayMs: 0 };
      else if (r.kind === 'answer')
        terminal = {
          kind: 'answer',
          delayMs: 0,
          status: r.status ?? 200,
          body: r.body,
          contentType: r.contentType ?? 'application/json; charset=UTF-8',
        };
      else if (r.kind === 'reset-after')
        terminal =
          r.afterBodyBytes === undefined
            ? { kind: 'reset-after', delayMs: 0 }
            : { kind: 'reset-after', delayMs: 0, afterBodyBytes: r.afterBodyBytes };
      else {
        const d: FaultDecision = { kind: 'status', delayMs: 0, status: r.status };
        if (r.retryAfterSeconds !== undefined) d.retryAfterSeconds = r.retryAfterSeconds;
        if (r.message !== undefined) d.message = r.message;
        terminal = d;
      }
    }
    return terminal === undefined ? { kind: 'none', delayMs } : { ...terminal, delayMs };
  }
}

function testRegExp(re: RegExp, s: string): boolean {
  re.lastIndex = 0; // a /g or /y pattern would otherwise carry state between requests
  return re.test(s);
}

function validateRule(rule: FaultRule): void {
  const bad = (why: string): never => {
    throw new TypeError(`invalid fault rule: ${why}`);
  };
  if (rule.kind === 'status' && ![429, 500, 502, 503, 504].includes(rule.status))
    bad('status must be 429|500|502|503|504');
  if (rule.kind === 'latency' && !(rule.delayMs >= 0)) bad('delayMs must be >= 0');
  if (rule.kind === 'reset-after' && rule.afterBodyBytes !== undefined) {
    if (!(Number.isInteger(rule.afterBodyBytes) && rule.afterBodyBytes >= 0))
      bad('afterBodyBytes must be a non-negative integer');
  }
  if (rule.kind === 'answer' && typeof rule.body !== 'string') bad('body must be a string');
  if (rule.kind === 'answer' && rule.status !== undefined && !(rule.status >= 200 && rule.status <= 599))
    bad('status must be an HTTP status');
  if (!['status', 'reset', 'reset-after', 'latency', 'hang', 'answer'].includes(rule.kind))
    bad(`unknown kind ${String((rule as { kind: unknown }).kind)}`);
  for (const k of ['skip', 'times', 'every'] as const) {
    const v = rule[k];
    if (v !== undefined && !(Number.isInteger(v) || v === Infinity)) bad(`${k} must be an integer`);
    if (v !== undefined && v < (k === 'every' ? 1 : 0)) bad(`${k} out of range`);
  }
}

/** A rule as sent to the HTTP control surface (path is a string; `pathRegex` optional). */
export function ruleFromJson(json: unknown): FaultRule {
  if (json === null || typeof json !== 'object') throw new TypeError('invalid fault rule: expected an object');
  const o = { ...(json as Record<string, unknown>) };
  if (typeof o['pathRegex'] === 'string') {
    o['path'] = new RegExp(o['pathRegex']);
    delete o['pathRegex'];
  }
  return o as FaultRule;
}
