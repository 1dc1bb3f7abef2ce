import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../test/support/temp-dirs.js';
import { ExampleStrings } from './example-strings.js';
import { dateKey } from './run-record.js';

afterAll(removeTempDirs);

describe('ExampleStrings', () => {
  it('gives back every pair by offset, from memory and past 1 MiB from its temp file, then removes it', () => {
    const dir = tempDir('kmigrate-examples-test-');
    const store = new ExampleStrings(dir);
    const offsets: number[] = [];
    const pairs: [string, string][] = [];
    for (let i = 0; i < 60_000; i++) {
      // any text: quotes, separators, line breaks, non-ASCII, and one pair larger than the buffer
      const customer = i === 30_000 ? 'x'.repeat(1_200_000) : `C-${i}\n"é,${i % 7}"`;
      const pair: [string, string] = [customer, `P\u0000${i % 13}`];
      pairs.push(pair);
      offsets.push(store.put(pair[0], pair[1]));
    }
    expect(readdirSync(dir).length).toBe(1);
    for (const i of [0, 1, 29_999, 30_000, 30_001, 45_000, 59_999])
      expect(store.get(offsets[i]!)).toEqual(pairs[i]);
    store.dispose();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stays in memory while small', () => {
    const dir = tempDir('kmigrate-examples-test-');
    const store = new ExampleStrings(dir);
    const at = store.put('C1', '101');
    expect(store.get(at)).toEqual(['C1', '101']);
    expect(readdirSync(dir)).toEqual([]);
    store.dispose();
  });
});

describe('dateKey', () => {
  const key = (s: string): number => dateKey(s, 0, s.length);

  it('orders the allowed shapes like their text', () => {
    const sorted = [
      '',
      '2026-03-01',
      '2026-03-01 00:00:00',
      '2026-03-01 10:11:12',
      '2026-03-02',
      '2027-01-01 00:00:00',
    ];
    for (let i = 1; i < sorted.length; i++) expect(key(sorted[i - 1]!)).toBeLessThan(key(sorted[i]!));
    expect(key('2026-03-01 10:11:12')).toBe(20260301101112);
  });

  it('puts other text after empty and before every date', () => {
    for (const bad of ['x', '2026/03/01', '2026-03-01T10:11:12', '2026-03-0a', '１２３']) {
      expect(key(bad)).toBe(-0.5);
      expect(key(bad)).toBeGreaterThan(key(''));
      expect(key(bad)).toBeLessThan(key('1990-01-01'));
    }
  });

  it('orders random dates and date-times exactly like their text', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed % n;
    };
    const pad = (v: number, w: number): string => String(v).padStart(w, '0');
    const values = Array.from({ length: 2_000 }, () => {
      const day = `${pad(1990 + next(40), 4)}-${pad(1 + next(12), 2)}-${pad(1 + next(28), 2)}`;
      return next(4) === 0 ? day : `${day} ${pad(next(24), 2)}:${pad(next(60), 2)}:${pad(next(60), 2)}`;
    });
    for (let i = 1; i < values.length; i++) {
      const a = values[i - 1]!;
      const b = values[i]!;
      expect(Math.sign(key(a) - key(b)), `${a} vs ${b}`).toBe(a < b ? -1 : a > b ? 1 : 0);
    }
  });

  it('reads a range of a larger text', () => {
    const text = 'a,2026-03-01 10:11:12,b';
    expect(dateKey(text, 2, 21)).toBe(20260301101112);
  });
});
