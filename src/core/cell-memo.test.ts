import { describe, expect, it } from 'vitest';
import { CellMemo, MEMO_LIMIT, PROBE_MISSES } from './cell-memo.js';

function counted(): { fn: (raw: string) => { v: string }; calls: () => number } {
  let n = 0;
  return {
    fn: (raw) => {
      n++;
      return { v: raw.toUpperCase() };
    },
    calls: () => n,
  };
}

describe('CellMemo', () => {
  it('returns what the function returns, computing each distinct value once', () => {
    const f = counted();
    const memo = new CellMemo(
      f.fn,
      () => true,
      (r) => r,
    );
    const values = ['a', 'b', 'a', 'c', 'b', 'b', 'a'];
    expect(values.map((v) => memo.run(v, '').v)).toEqual(values.map((v) => v.toUpperCase()));
    expect(f.calls()).toBe(3);
  });

  it('runAfterLast gives what run gives, also for the last input again (after a result not kept)', () => {
    const f = counted();
    const memo = new CellMemo(
      f.fn,
      (r) => r.v !== 'MISS',
      (r) => r,
    );
    const values = ['a', 'b', 'miss', 'b', 'b', 'a', 'miss', 'a'];
    expect(values.map((v) => memo.runAfterLast(v, '').v)).toEqual(values.map((v) => v.toUpperCase()));
    // 'a' and 'b' once each, 'miss' every time
    expect(f.calls()).toBe(4);
  });

  it('keeps contexts apart', () => {
    const memo = new CellMemo(
      (raw) => ({ v: raw }),
      () => true,
      (r) => r,
    );
    const us = memo.run('x', 'US');
    const ca = memo.run('x', 'CA');
    expect(ca).not.toBe(us);
    expect(memo.run('x', 'US')).toBe(us);
  });

  it('serves later rows the result as kept (keep), the first row the result itself', () => {
    const memo = new CellMemo(
      (raw) => ({ v: raw }),
      () => true,
      (r) => ({ v: `${r.v} kept` }),
    );
    expect(memo.run('x', '').v).toBe('x');
    memo.run('y', '');
    expect(memo.run('x', '').v).toBe('x kept');
  });

  it('recomputes results that are not cacheable', () => {
    const f = counted();
    const memo = new CellMemo(
      f.fn,
      (r) => r.v !== 'MISS',
      (r) => r,
    );
    for (let i = 0; i < 3; i++) memo.run('miss', '');
    expect(f.calls()).toBe(3);
  });

  it('stops filling its map when values hardly repeat, but still serves the previous row', () => {
    const f = counted();
    const memo = new CellMemo(
      f.fn,
      () => true,
      (r) => r,
    );
    for (let i = 0; i < PROBE_MISSES; i++) memo.run(`id-${i}`, '');
    // The map is gone: an old value is computed again; the previous value is not.
    memo.run('id-0', '');
    memo.run('id-0', '');
    expect(f.calls()).toBe(PROBE_MISSES + 1);
  });

  it('keeps caching a column whose values repeat', () => {
    const f = counted();
    const memo = new CellMemo(
      f.fn,
      () => true,
      (r) => r,
    );
    const distinct = PROBE_MISSES / 2;
    for (let round = 0; round < 10; round++) for (let i = 0; i < distinct; i++) memo.run(`v${i}`, '');
    expect(f.calls()).toBe(distinct);
  });

  it('stops adding entries at MEMO_LIMIT', () => {
    const f = counted();
    const memo = new CellMemo(
      f.fn,
      () => true,
      (r) => r,
    );
    // Each new value is followed by repeats of older ones: two lookups in three hit.
    for (let i = 0; i <= MEMO_LIMIT; i++) {
      memo.run(`v${i}`, '');
      memo.run('v0', '');
      memo.run('v1', '');
    }
    const before = f.calls();
    memo.run(`v${MEMO_LIMIT}`, '');
    memo.run('v1', '');
    expect(f.calls()).toBe(before + 1);
  });
});
