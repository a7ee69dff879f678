/**
 * A set of 64-bit fingerprints (two 32-bit halves), each with one 32-bit value (a line number, or
 * a second fingerprint half), in typed arrays: about 12 bytes a slot, so 200,000 examples cost a
 * few megabytes instead of a Map's tens.
 */

export class FingerprintTable {
  private lo: Uint32Array;
  private hi: Uint32Array;
  private val: Uint32Array;
  /** Only when a second value was asked for (saves a column in the tables that do not need it). */
  private val2: Uint32Array;
  private used: Uint8Array;
  private mask: number;
  size = 0;

  constructor(
    initial = 1024,
    private readonly withValue2 = false,
  ) {
    let cap = 16;
    while (cap < initial * 2) cap *= 2;
    this.mask = cap - 1;
    this.lo = new Uint32Array(cap);
    this.hi = new Uint32Array(cap);
    this.val = new Uint32Array(cap);
    this.val2 = new Uint32Array(withValue2 ? cap : 0);
    this.used = new Uint8Array(cap);
  }

  private slot(lo: number, hi: number): number {
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    while (this.used[i] === 1 && (this.lo[i] !== lo || this.hi[i] !== hi)) i = (i + 1) & this.mask;
    return i;
  }

  /** The slot of the key, or -1. */
  find(lo: number, hi: number): number {
    const i = this.slot(lo >>> 0, hi >>> 0);
    return this.used[i] === 1 ? i : -1;
  }

  value(slot: number): number {
    return this.val[slot] ?? 0;
  }

  value2(slot: number): number {
    return this.val2[slot] ?? 0;
  }

  /** Adds the key with its values unless present; returns the existing slot, or -1 when added. */
  addIfAbsent(lo: number, hi: number, value: number, value2 = 0): number {
    lo >>>= 0;
    hi >>>= 0;
    const i = this.slot(lo, hi);
    if (this.used[i] === 1) return i;
    this.used[i] = 1;
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.val[i] = value;
    if (this.withValue2) this.val2[i] = value2;
    this.size++;
    if (this.size * 2 > this.mask) this.grow();
    return -1;
  }

  private grow(): void {
    const { lo, hi, val, val2, used } = this;
    const cap = (this.mask + 1) * 2;
    this.mask = cap - 1;
    this.lo = new Uint32Array(cap);
    this.hi = new Uint32Array(cap);
    this.val = new Uint32Array(cap);
    this.val2 = new Uint32Array(this.withValue2 ? cap : 0);
    this.used = new Uint8Array(cap);
    for (let k = 0; k < used.length; k++) {
      if (used[k] !== 1) continue;
      const i = this.slot(lo[k]!, hi[k]!);
      this.used[i] = 1;
      this.lo[i] = lo[k]!;
      this.hi[i] = hi[k]!;
      this.val[i] = val[k]!;
      if (this.withValue2) this.val2[i] = val2[k]!;
    }
  }
}

/** A growable Uint32 column (lengths, line numbers). */
export class U32Column {
  private data = new Uint32Array(1024);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i] ?? 0;
  }

  /** A sorted copy of the values. */
  sorted(): Uint32Array {
    return this.data.slice(0, this.length).sort();
  }
}
