import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintTable, U32Column } from '../../../src/dataset/analysis/fingerprint-table.js';

describe('FingerprintTable', () => {
  it('keeps the first value of each key, as a Map would, through growth and a copy to another table', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3 }), fc.nat(1000)), {
          maxLength: 3000,
        }),
        fc.boolean(),
        (ops, withValue2) => {
          const table = new FingerprintTable(4, withValue2);
          const map = new Map<string, [number, number]>();
          ops.forEach(([lo, hi, v2], k) => {
            // Keys that collide on the low half and on the slot, and negative halves (as `| 0` gives).
            const key = `${lo}:${hi}`;
            const slot = table.addIfAbsent(lo * 0x10000 - (hi & 1 ? 0x80000000 : 0), hi, k + 1, v2);
            const before = map.get(key);
            if (before === undefined) {
              expect(slot).toBe(-1);
              map.set(key, [k + 1, v2]);
            } else {
              expect(table.value(slot)).toBe(before[0]);
              expect(table.value2(slot)).toBe(withValue2 ? before[1] : 0);
            }
          });
          expect(table.size).toBe(map.size);
          const copy = FingerprintTable.from(table.data());
          for (const [key, [line]] of map) {
            const [lo, hi] = key.split(':').map(Number) as [number, number];
            const slot = copy.find(lo * 0x10000 - (hi & 1 ? 0x80000000 : 0), hi);
            expect(copy.value(slot)).toBe(line);
          }
          expect(copy.find(99 * 0x10000, 0)).toBe(-1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('U32Column', () => {
  it('sorts as a comparison sort does, whether it counts (small values) or compares (large ones)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.nat(300), fc.nat(0xffffffff)), { maxLength: 2000 }),
        fc.boolean(),
        (values, smallOnly) => {
          const col = new U32Column();
          const pushed = smallOnly ? values.map((v) => v % 300) : values;
          for (const v of pushed) col.push(v);
          expect([...col.sorted()]).toEqual([...pushed].sort((a, b) => a - b));
          col.push(7); // a push invalidates the sorted copy
          expect(col.sorted().length).toBe(pushed.length + 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
