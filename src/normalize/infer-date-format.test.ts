import { describe, expect, it } from 'vitest';
import { heapKeptBy } from '../../test/support/retention.js';
import { createDateInference, type DateInference, formatCount } from './infer-date-format.js';
import { lexDate } from './lex-date.js';

function infer(values: readonly string[], hint?: 'MDY' | 'DMY'): DateInference {
  const inference = createDateInference();
  for (const value of values) inference.observe(value);
  return inference.result(hint === undefined ? {} : { hint });
}

const repeat = (value: string, n: number): string[] => Array.from({ length: n }, () => value);

describe('createDateInference', () => {
  describe('proves the format of single-shape columns', () => {
    it.each([
      ['ISO', ['2024-03-15 10:20:30', '2024-03-16', '2023-09-12T16:34:05+00:00']],
      ['YMD_COMPACT', ['20150312215205', '20150313000000']],
      ['DMON', ['21-Aug-2002 03:26:12 PM MDT', '01-Sep-2002 11:00:00 AM MDT']],
      ['MON_D_Y', ['Aug 21, 2022', 'Sep 1, 2022']],
      ['EXCEL_SERIAL', ['45000', '45001.5', '43831']],
      ['UNIX', ['1700000000', '1700086400']],
    ] as const)('reads a %s column', (format, values) => {
      const result = infer(values);
      expect(result).toMatchObject({ format, ambiguous: false, unparsable: 0 });
      expect(result.counts[format]).toBe(values.length);
    });
  });

  describe('decides MDY versus DMY only from evidence over all rows', () => {
    it('proves DMY when a first part is > 12 and names the first row', () => {
      const result = infer(['01/02/2024', '', '03/04/2024', '05/06/2024', '20/07/2014', '21/07/2014']);
      expect(result).toMatchObject({ format: 'DMY', ambiguous: false, undecided: 3 });
      expect(result.evidence).toBe('DMY: 2 values have a first part > 12 (first at row 5)');
    });

    it('proves MDY when a second part is > 12', () => {
      const result = infer([...repeat('03/04/2024', 1000), '07/20/2014']);
      expect(result).toMatchObject({ format: 'MDY', ambiguous: false });
      expect(result.evidence).toBe('MDY: 1 value has a second part > 12 (first at row 1,001)');
    });

    it('stays ambiguous when every value has day and month ≤ 12', () => {
      const result = infer(repeat('03/04/2024', 1204));
      expect(result).toMatchObject({ format: null, ambiguous: true, undecided: 1204 });
      expect(result.evidence).toContain('all 1,204 month/day values have day and month ≤ 12');
    });

    it('reports a conflict when both orders are proven, even with a hint', () => {
      const result = infer(['20/07/2014', '07/20/2014', '01/02/2024'], 'MDY');
      expect(result).toMatchObject({ format: null, ambiguous: true });
      expect(result.evidence).toMatch(
        /^conflict: DMY: 1 value has a first part > 12 \(first at row 1\), but MDY/,
      );
    });

    it('uses the configured hint only when the column does not decide', () => {
      expect(infer(repeat('03/04/2024', 3), 'DMY')).toMatchObject({ format: 'DMY', ambiguous: false });
      const contradicted = infer(['07/20/2014'], 'DMY');
      expect(contradicted).toMatchObject({ format: 'MDY', ambiguous: false });
      expect(contradicted.evidence).toContain('contradicted');
    });
  });

  describe('handles mixed columns', () => {
    it('decides the month/day order when ISO values are mixed in, and mentions them', () => {
      const result = infer(['2024-03-15 10:20:30', '13/03/2024', '2024-03-16']);
      expect(result).toMatchObject({ format: 'DMY', ambiguous: false });
      expect(result.evidence).toContain('also 2 ISO');
    });

    it('stays ambiguous when undecided month/day values are mixed with ISO', () => {
      expect(infer(['2024-03-15', '03/04/2024'])).toMatchObject({ format: null, ambiguous: true });
    });

    it('takes Excel serials as a format only when the column has no other shape', () => {
      const result = infer(['2024-03-15', '45000', '2024-03-16']);
      expect(result).toMatchObject({ format: 'ISO', ambiguous: false });
      expect(result.evidence).toContain('1 EXCEL_SERIAL');
    });

    it('skips empty and placeholder values and counts unparsable ones', () => {
      const result = infer(['', '0', '0000-00-00 00:00:00', 'n/a', '2024-03-15', '2024-02-31x']);
      expect(result).toMatchObject({ format: 'ISO', unparsable: 2 });
      expect(result.evidence).toContain('2 values are not a date');
    });

    it('reports a column without dates', () => {
      expect(infer(['', ' '])).toMatchObject({
        format: null,
        ambiguous: false,
        evidence: 'no non-empty values',
      });
      expect(infer(['abc', 'def'])).toMatchObject({
        format: null,
        evidence: 'none of 2 values is a recognised date',
      });
    });
  });

  describe('never throws on hostile input', () => {
    it.each([
      ['a'.repeat(1024 * 1024)],
      ['\u0000'],
      ['\ud800'],
      ['9'.repeat(1024 * 1024)],
      ['99/99/9999'],
      ['00/00/00'],
    ])('observes %#', (value) => {
      const inference = createDateInference();
      inference.observe(value);
      expect(inference.result().format).toBeNull();
    });
  });
});

describe('lexDate', () => {
  it.each([
    ['2024-03-15 10:20:30', 'ISO', 2024, 3, 15],
    ['3/4/2024 3:05 PM', 'NUMERIC', 3, 4, 2024],
    ['2018-09-02 15:53:18 UTC', 'ISO', 2018, 9, 2],
    ['21-Aug-2002 03:26:12 PM MDT', 'DMON', 21, 8, 2002],
  ] as const)('lexes %s', (text, shape, a, b, c) => {
    expect(lexDate(text)).toMatchObject({ shape, a, b, c });
  });

  it('returns the same tokens from the fast scanner and the regexes', () => {
    expect(lexDate('3/4/2024 3:05 PM')).toMatchObject({
      hasTime: true,
      hour: 3,
      minute: 5,
      second: 0,
      meridiem: 'P',
      zone: '',
    });
    expect(lexDate('3/4/2024 3:05 PM PST')).toMatchObject({
      hasTime: true,
      hour: 3,
      minute: 5,
      second: 0,
      meridiem: 'P',
      zone: 'PST',
    });
  });
});

describe('formatCount', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1204, '1,204'],
    [1234567, '1,234,567'],
  ])('formats %i as %s', (n, text) => expect(formatCount(n)).toBe(text));
});

describe('date inference over repeating values (its memo)', () => {
  it('counts every row and names the first proving row when values come back in turn', () => {
    const inf = createDateInference();
    const values = ['1/2/2026', '3/4/2026', 'not a date', '', '5/14/2026'];
    for (let row = 1; row <= 5000; row++) inf.observe(values[(row - 1) % values.length] as string, row);
    const r = inf.result();
    expect(r.format).toBe('MDY');
    expect(r.counts.MDY).toBe(1000);
    expect(r.undecided).toBe(2000);
    expect(r.unparsable).toBe(1000);
    expect(r.evidence).toContain('first at row 5)');
  });

  it('gives the same result once values stop repeating (the memo is dropped)', () => {
    const inf = createDateInference();
    for (let i = 0; i < 5000; i++)
      inf.observe(`${1 + (i % 12)}/13/2026 ${i % 24}:${String(i % 60).padStart(2, '0')}`);
    inf.observe('25/12/2026');
    const r = inf.result();
    expect(r.counts.MDY).toBe(5000);
    expect(r.counts.DMY).toBe(1);
    expect(r.ambiguous).toBe(true);
  });

  it("keeps no slice of the input's text (each kept value would hold its 64 KiB chunk)", () => {
    const inf = createDateInference();
    expect(heapKeptBy((cell) => inf.observe(cell))).toBeLessThan(3e6);
  });
});
