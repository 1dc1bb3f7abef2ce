import { describe, expect, it } from 'vitest';
import { uniqueHeader } from './unique-header.js';

describe('uniqueHeader', () => {
  it('numbers repeated names from 2, past names the file already has', () => {
    const { header, issues } = uniqueHeader(['x', 'x (2)', 'x', 'x', 'y', '', 'y'], 1, 'f.csv');
    expect(header).toEqual(['x', 'x (2)', 'x (3)', 'x (4)', 'y', 'Column 6', 'y (2)']);
    expect(issues.map((i) => i.code)).toEqual([
      'CSV_DUPLICATE_HEADER',
      'CSV_DUPLICATE_HEADER',
      'CSV_EMPTY_HEADER_NAME',
      'CSV_DUPLICATE_HEADER',
    ]);
  });

  it('names an empty cell Column N, numbered on when the file has that name already', () => {
    expect(uniqueHeader(['Column 2', '', ''], 1, undefined).header).toEqual([
      'Column 2',
      'Column 2 (2)',
      'Column 3',
    ]);
  });

  it('a header of 30,000 copies of one name takes one step per copy (was a search from 2 each: minutes)', () => {
    const started = performance.now();
    const { header } = uniqueHeader(
      Array.from({ length: 30_000 }, () => 'x'),
      1,
      undefined,
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(header[29_999]).toBe('x (30000)');
    expect(new Set(header).size).toBe(30_000);
  });
});
