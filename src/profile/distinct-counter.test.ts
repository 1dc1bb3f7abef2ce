import { describe, expect, it } from 'vitest';
import { heapKeptBy } from '../../test/support/retention.js';
import { DistinctCounter } from './distinct-counter.js';

describe('DistinctCounter', () => {
  it('counts exactly, with counts, up to the cap', () => {
    const c = new DistinctCounter(100);
    for (const v of ['a', 'b', 'a', 'c', 'a']) c.add(v);
    expect(c.exact).toBe(true);
    expect(c.count()).toBe(3);
    expect(c.values()).toEqual([
      ['a', 3],
      ['b', 1],
      ['c', 1],
    ]);
  });

  it('switches to a HyperLogLog estimate above the cap (within 3%)', () => {
    const c = new DistinctCounter(1000);
    for (let i = 0; i < 200_000; i++) c.add(`cus_${i}`);
    for (let i = 0; i < 50_000; i++) c.add(`cus_${i}`);
    expect(c.exact).toBe(false);
    expect(c.values()).toEqual([]);
    expect(Math.abs(c.count() - 200_000) / 200_000).toBeLessThan(0.03);
  });
});

describe('DistinctCounter memory', () => {
  it("keeps no slice of the input's text (each kept value would hold its 64 KiB chunk)", () => {
    const counter = new DistinctCounter();
    expect(heapKeptBy((cell) => counter.add(cell))).toBeLessThan(3e6);
    expect(counter.exact).toBe(true);
    expect(counter.add(`${String(7).padStart(8, '0')}`.repeat(3))?.count).toBe(2);
  });
});
