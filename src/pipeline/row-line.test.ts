import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCsvRow } from '../csv/index.js';
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
