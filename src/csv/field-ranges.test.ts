import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitFieldRanges } from './field-ranges.js';
import { openCsv } from './open-csv.js';
import { splitQuotedLine } from './split-quoted-line.js';

function ranges(line: string, max = 64): string[] | null {
  const starts = new Int32Array(max);
  const ends = new Int32Array(max);
  const k = splitFieldRanges(line, 0, line.length, line.indexOf('"'), 44, starts, ends, 0, max);
  if (k < 0) return null;
  return Array.from({ length: k }, (_, i) => line.slice(starts[i], ends[i]));
}

describe('splitFieldRanges', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    [',,', ['', '', '']],
    ['a,"b,c",d', ['a', 'b,c', 'd']],
    ['"",x', ['', 'x']],
    ['x,"y"', ['x', 'y']],
    ['a,"b""c"', null],
    ['a,b"c', null],
    ['a,"b"c', null],
    ['a,"b', null],
  ])('%j → %j', (line, expected) => {
    expect(ranges(line)).toEqual(expected);
  });

  it('agrees with the string splitter whenever it accepts a line', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', ' '), maxLength: 30 }), (line) => {
        const got = ranges(line);
        if (got === null) return;
        const q = line.indexOf('"');
        expect(got).toEqual(q < 0 ? line.split(',') : splitQuotedLine(line, ',', q));
      }),
      { numRuns: 5000 },
    );
  });

  it('gives up on more fields than allowed', () => {
    expect(ranges('a,b,c', 2)).toBeNull();
  });
});

describe('rangeBatches', () => {
  it('delivers the same records as batches(), in order', async () => {
    const text = 'a,b,c\n1,"x,y",3\n4,"q""r",6\n7,8\n\n9,"multi\nline",10\n11,12,13';
    const plain: unknown[] = [];
    for await (const r of await openCsv(Buffer.from(text))) plain.push({ ...r });
    const viaRanges: unknown[] = [];
    for await (const b of (await openCsv(Buffer.from(text))).rangeBatches()) {
      for (let i = 0; i < b.count; i++) {
        const r = b.records[i];
        viaRanges.push(r ? { ...r } : { fields: b.fields(i), row: b.firstRow + i, line: b.lines[i] });
      }
    }
    expect(viaRanges).toEqual(plain);
  });
});
