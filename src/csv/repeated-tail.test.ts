import { describe, expect, it } from 'vitest';
import { RepeatedTail, TAIL_WARM_ROWS } from './repeated-tail.js';

/** Split every line of `lines` (joined by "\n") and compare with a plain split. */
/** With `truncate`, every array returned is cut to one field afterwards (as a consumer may). */
function splitAll(lines: readonly string[], d = ',', truncate = false): { rows: string[][]; reused: number } {
  const text = `${lines.join('\n')}\n`;
  const tail = new RepeatedTail(d);
  const out: string[][] = [];
  let pos = 0;
  for (const line of lines) {
    const nl = pos + line.length;
    const fields = tail.split(text, pos, nl);
    expect(fields).toEqual(line.split(d));
    if (truncate) fields.length = 1;
    out.push(fields);
    pos = nl + 1;
  }
  return { rows: out, reused: tail.reused };
}

/** Rows of customers (3 rows each): the first two columns change, the rest repeat. */
function customerRows(n: number, d = ','): string[] {
  return Array.from({ length: n }, (_, i) => {
    const c = Math.floor(i / 3);
    return [
      `t${i}`,
      `2026-01-${(i % 28) + 1}`,
      `C${c}`,
      `Name ${c}`,
      `${c} Main St`,
      `c${c}@example.com`,
    ].join(d);
  });
}

describe('RepeatedTail', () => {
  it('splits exactly as String.split, and reuses the tail fields of repeated lines', () => {
    const lines = customerRows(TAIL_WARM_ROWS + 300);
    // after the warm lines, a customer's second and third rows reuse the tail of the row before
    // (all 200 of them but the first line after the warm ones: no tail kept yet)
    expect(TAIL_WARM_ROWS % 3).toBe(1);
    expect(splitAll(lines).reused).toBe(199);
    // the returned arrays are not shared: a consumer truncating each leaves the next lines whole
    expect(splitAll(lines, ',', true).reused).toBe(199);
  });

  it('agrees with String.split on lines that break the pattern after the warm lines', () => {
    const lines = customerRows(TAIL_WARM_ROWS + 3);
    const last = lines[lines.length - 1]!;
    lines.push(
      last, // the same line again
      'x,y', // fewer fields than the head
      'x', // one field
      '', // an empty line (a plain split gives one empty field)
      last.replace('Name', 'Nime'), // same tail length, other text
      `${last},extra`, // one field more
      last.replace(/,[^,]*$/, ','), // an empty last field
      ',,,,,', // all empty
      last,
      last,
    );
    expect(splitAll(lines).reused).toBeGreaterThan(0);
  });

  it('works with other delimiters, tab and a multi-character one', () => {
    splitAll(customerRows(TAIL_WARM_ROWS + 20, '\t'), '\t');
    splitAll(customerRows(TAIL_WARM_ROWS + 20, '||'), '||');
  });

  it('stays a plain split when the changing column is the last one', () => {
    const lines = Array.from({ length: TAIL_WARM_ROWS + 20 }, (_, i) => `a,b,c,d,${i}`);
    expect(splitAll(lines).reused).toBe(0);
  });
});
