/**
 * A set of 64-bit fingerprints (two 32-bit halves), each with a non-zero 32-bit value (a line
 * number) and optionally a second value (a fingerprint half), in one typed array with a slot's
 * fields side by side: a lookup touches one cache line, and 200,000 examples cost a few megabytes
 * instead of a Map's tens.
 */

/** A table's contents as plain data (a typed array), to pass it to another thread. */
export interface FingerprintTableData {
  slots: Uint32Array;
  stride: number;
  size: number;
}

const LO = 0;
const HI = 1;
const VALUE = 2;
const VALUE2 = 3;

export class FingerprintTable {
  private slots: Uint32Array;
  /** Fields a slot: lo, hi, value (0: the slot is free) and, when asked for, value2. */
  private readonly stride: number;
  private mask: number;
  size = 0;

  constructor(initial = 1024, withValue2 = false) {
    this.stride = withValue2 ? 4 : 3;
    const cap = FingerprintTable.capacityFor(initial);
    this.mask = cap - 1;
    this.slots = new Uint32Array(cap * this.stride);
  }

  private static capacityFor(entries: number): number {
    let cap = 16;
    while (cap < entries * 2) cap *= 2;
    return cap;
  }

  /** The contents, for `FingerprintTable.from` (shared, not copied: stop adding afterwards). */
  data(): FingerprintTableData {
    return { slots: this.slots, stride: this.stride, size: this.size };
  }

  /** The table whose `data()` this is. */
  static from(d: FingerprintTableData): FingerprintTable {
    const t = new FingerprintTable(1, d.stride === 4);
    t.slots = d.slots;
    t.mask = d.slots.length / d.stride - 1;
    t.size = d.size;
    return t;
  }

  /** Index of the key's slot, or of the free slot where it would go. */
  private slot(lo: number, hi: number): number {
    const s = this.slots;
    const stride = this.stride;
    let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    for (;;) {
      const at = i * stride;
      if (s[at + VALUE] === 0 || (s[at + LO] === lo && s[at + HI] === hi)) return at;
      i = (i + 1) & this.mask;
    }
  }

  /** The slot of the key, or -1. */
  find(lo: number, hi: number): number {
    const at = this.slot(lo >>> 0, hi >>> 0);
    return this.slots[at + VALUE] === 0 ? -1 : at;
  }

  value(slot: number): number {
    return this.slots[slot + VALUE] ?? 0;
  }

  value2(slot: number): number {
    return this.stride === 4 ? (this.slots[slot + VALUE2] ?? 0) : 0;
  }

  /**
   * Adds the key with its values (`value` must not be 0) unless present; returns the existing
   * slot, or -1 when added.
   */
  addIfAbsent(lo: number, hi: number, value: number, value2 = 0): number {
    lo >>>= 0;
    hi >>>= 0;
    const at = this.slot(lo, hi);
    const s = this.slots;
    if (s[at + VALUE] !== 0) return at;
    s[at + LO] = lo;
    s[at + HI] = hi;
    s[at + VALUE] = value;
    if (this.stride === 4) s[at + VALUE2] = value2;
    this.size++;
    // Grown fourfold: fewer rehashes, each of which touches every entry.
    if (this.size * 2 > this.mask) this.rehash((this.mask + 1) * 4);
    return -1;
  }

  private rehash(cap: number): void {
    const old = this.slots;
    const stride = this.stride;
    this.mask = cap - 1;
    this.slots = new Uint32Array(cap * stride);
    for (let at = 0; at < old.length; at += stride) {
      if (old[at + VALUE] === 0) continue;
      const to = this.slot(old[at + LO]!, old[at + HI]!);
      for (let f = 0; f < stride; f++) this.slots[to + f] = old[at + f]!;
    }
  }
}

/** A growable Uint32 column (lengths, line numbers). */
export class U32Column {
  private data = new Uint32Array(1024);
  private sortedCopy: Uint32Array | null = null;
  private max = 0;
  length = 0;

  push(v: number): void {
    this.sortedCopy = null;
    if (v > this.max) this.max = v;
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

  /** A sorted copy of the values (kept until the next push: do not modify it). */
  sorted(): Uint32Array {
    this.sortedCopy ??=
      this.max < COUNTING_SORT_MAX && this.max < 4 * this.length
        ? countingSort(this.data, this.length, this.max)
        : this.data.slice(0, this.length).sort();
    return this.sortedCopy;
  }
}

/** Largest value for which `sorted` counts instead of comparing (lengths are small integers, mostly). */
const COUNTING_SORT_MAX = 1 << 20;

function countingSort(data: Uint32Array, length: number, max: number): Uint32Array {
  const counts = new Uint32Array(max + 1);
  for (let i = 0; i < length; i++) counts[data[i]!]!++;
  const out = new Uint32Array(length);
  let at = 0;
  for (let v = 0; v <= max; v++) {
    const n = counts[v]!;
    if (n > 0) {
      out.fill(v, at, at + n);
      at += n;
    }
  }
  return out;
}
