import { describe, expect, it } from 'vitest';
import { CallVariation } from '../../emulator/core/variation.js';

describe('CallVariation (generate.variation)', () => {
  it('varies about the share of calls, per model and prompt, the same way again after a reset', () => {
    const v = new CallVariation();
    const sequence = () =>
      Array.from({ length: 200 }, (_p, prompt) =>
        Array.from({ length: 5 }, () => (v.varies('tunedModels/x', `q${prompt}`, 0.3) ? 1 : 0)).join(''),
      );
    const first = sequence();
    const varied = first
      .join('')
      .split('')
      .filter((c) => c === '1').length;
    expect(varied / 1000).toBeGreaterThan(0.25);
    expect(varied / 1000).toBeLessThan(0.35);
    // Calls of one prompt differ among themselves (not all five alike for most prompts).
    expect(first.filter((s) => s !== '00000' && s !== '11111').length).toBeGreaterThan(100);
    v.reset();
    expect(sequence()).toEqual(first);
    expect(new CallVariation().varies('m', 'q', 0)).toBe(false);
  });
});
