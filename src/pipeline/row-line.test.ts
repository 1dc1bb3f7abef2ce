import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { versionsOf } from '../../test/support/versions.js';
import { formatCsvRow } from '../csv/index.js';
import { WARM_ROWS } from './line-pieces.js';
import { RowLine } from './row-line.js';

/** The CSV door's rule (format-csv-row.ts), as the reference. */
const QUOTE_RULE = /[",\r\n]|^[ \t]|[ \t]$/;
const cell = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', '\t', 'a b', ' a', 'a ', '\ta', 'a\t', '"', ',', '\r', '\n', 'é', '-', '+1'),
  fc.stringMatching(/^[\x00-\x7f]{0,6}$/),
);

describe('RowLine', () => {
  it('builds formatCsvRow of a row that needs no quoting (else null), and the fields as ranges of it', () => {
    // cells with a blank at an end never reach a written line: the final check rejects them
    const unblanked = cell.filter((c) => !/^[ \t]|[ \t]$/.test(c));
    fc.assert(
      fc.property(fc.array(unblanked, { minLength: 2, maxLength: 8 }), (fields) => {
        const line = new RowLine(fields.length);
        const csv = line.build(fields);
        if (fields.some((f) => QUOTE_RULE.test(f))) {
          expect(csv).toBeNull();
          return;
        }
        expect(csv).toBe(formatCsvRow(fields));
        expect(line.text).toBe(csv);
        fields.forEach((f, i) => {
          expect(line.text.slice(line.starts[i], line.ends[i])).toBe(f);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('searches for commas only in the columns it is given (the others cannot hold one in a clean row)', () => {
    const fields = ['a,b', 'c', 'd,e'];
    expect(new RowLine(3).build(fields)).toBeNull();
    expect(new RowLine(3, [0]).build(fields)).toBeNull();
    expect(new RowLine(3, [2]).build(fields)).toBeNull();
    expect(new RowLine(3, [1]).build(fields)).toBe('a,b,c,d,e');
    // quotes and line breaks are searched everywhere
    expect(new RowLine(2, []).build(['"', 'x'])).toBeNull();
    expect(new RowLine(2, []).build(['x', 'a\nb'])).toBeNull();
  });

  it('declines rows of another width and one-column rows', () => {
    expect(new RowLine(3).build(['a', 'b'])).toBeNull();
    expect(new RowLine(1).build([''])).toBeNull();
    expect(new RowLine(2).build(['a', 'b'])).toBe('a,b');
  });
});

describe('RowLine with versions', () => {
  it('builds what build without versions builds, row after row (past the warm-up that cuts the pieces)', () => {
    const width = 7;
    // per column, how often it changes: some on every row, some rarely; now and then a row with a
    // value that needs quoting (that row only)
    const value = fc.constantFrom('a', 'bb', '', '12', 'é');
    const step = fc.record({
      changes: fc.array(fc.tuple(fc.nat(width - 1), value), { maxLength: 2 }),
      hot: fc.array(value, { minLength: 2, maxLength: 2 }),
      glitch: fc.oneof(
        { weight: 19, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.tuple(fc.nat(width - 1), fc.constantFrom('x"y', 'line\nbreak', 'c,d')) },
      ),
      also: fc.array(fc.nat(width - 1), { maxLength: 1 }),
    });
    let lines = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 2 * WARM_ROWS, maxLength: 3 * WARM_ROWS }), (steps) => {
        const line = new RowLine(width, [0, 2, 4]);
        const fresh = new RowLine(width, [0, 2, 4]);
        // every other row without the list of changed cells (both ways of finding them)
        const next = versionsOf(width, (serial) => serial % 2 === 0);
        let kept = Array.from({ length: width }, () => 'a');
        let built = 0;
        for (const { changes, hot, glitch, also } of steps) {
          kept = [...kept];
          for (const [i, v] of changes) kept[i] = v;
          // columns 1 and 5 change on most rows
          kept[1] = hot[0] as string;
          kept[5] = hot[1] as string;
          const row = [...kept];
          if (glitch !== null) row[glitch[0]] = glitch[1];
          const want = fresh.build(row);
          expect(line.build(row, next(row, also))).toBe(want);
          if (want !== null) {
            built++;
            expect(line.text).toBe(want);
            expect([...line.starts]).toEqual([...fresh.starts]);
            expect([...line.ends]).toEqual([...fresh.ends]);
          }
        }
        lines += Math.max(0, built - WARM_ROWS);
      }),
      { numRuns: 20 },
    );
    // the pieces were cut and used on many rows
    expect(lines).toBeGreaterThan(20 * WARM_ROWS);
  });
});
