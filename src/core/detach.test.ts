import { describe, expect, it } from 'vitest';
import { heapKeptBy } from '../../test/support/retention.js';
import { detachString } from './detach.js';

describe('detachString', () => {
  it('gives the same text', () => {
    for (const s of ['', 'a', 'short', 'a cell of twenty chars', 'é ü 中文 😀 text of some length'])
      expect(detachString(s)).toBe(s);
  });

  it('keeps a slice of a large string without keeping the large string', () => {
    const kept: string[] = [];
    // the slices themselves hold their 64 KiB texts (~26 MB); detached, a few KB
    expect(heapKeptBy((cell) => kept.push(cell))).toBeGreaterThan(20e6);
    kept.length = 0;
    expect(heapKeptBy((cell) => kept.push(detachString(cell)))).toBeLessThan(2e6);
    expect(kept.every((s, i) => s === `${String(i).padStart(8, '0')}`.repeat(3))).toBe(true);
  });
});
