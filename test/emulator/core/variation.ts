/**
 * Answers that vary from call to call (`generate.variation`), as Gemini 3 models' do: the n-th call
 * with the same model and prompt since the last reset is answered differently when a hash of
 * (model, prompt, n) falls below the share. Whatever order the calls come in, the same calls get
 * the same answers, so a test can predict each case's passes.
 */
import { hash32 } from './util.js';

export class CallVariation {
  private readonly counts = new Map<string, number>();

  reset(): void {
    this.counts.clear();
  }

  /** Counts this call; true when it is one of the `share` answered differently. */
  varies(model: string, prompt: string, share: number): boolean {
    const key = `${model}\u0000${prompt}`;
    const n = this.counts.get(key) ?? 0;
    this.counts.set(key, n + 1);
    return share > 0 && mix(hash32(`${key}\u0000${n}`)) / 0x100000000 < share;
  }
}

/** murmur3's finaliser: FNV-1a alone keeps keys that differ in their last character close together. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
