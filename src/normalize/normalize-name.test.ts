import { describe, expect, it } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import { normalizeName, splitFullName } from './normalize-name.js';

const name = (raw: string) => normalizeName(raw);

describe('normalizeName', () => {
  describe('trims, collapses whitespace and strips control characters', () => {
    expectNormalizes(name, [
      ['Jane', 'Jane'],
      ['  Mary   Ann ', 'Mary Ann'],
      ['Mary\tAnn\r\nSmith', 'Mary Ann Smith'],
      ['Jo\u0000sé', 'Jo sé'],
      ['Zoë\u200b', 'Zoë'],
      ['Ana\u00a0Lucía', 'Ana Lucía'],
      ["O'Brien-Smith", "O'Brien-Smith"],
      ['null', ''], // NMI literal in last_name
      ['', ''],
    ]);
  });

  describe('accepts names within maxLength, counting characters not UTF-16 units', () => {
    expectNormalizes(
      (raw) => normalizeName(raw, { maxLength: 5 }),
      [
        ['Zoë', 'Zoë'],
        ['😀😀😀😀😀', '😀😀😀😀😀'],
      ],
    );
  });

  describe('rejects names over maxLength with NAME_TOO_LONG (never truncates)', () => {
    expectProblem(
      (raw) => normalizeName(raw, { maxLength: 30 }),
      [['Maximiliana Alexandrina Wolfeschlegelsteinhausen', 'NAME_TOO_LONG']],
    );
  });
});

describe('splitFullName', () => {
  const rows: ReadonlyArray<readonly [string, string, string]> = [
    ['Jane Doe', 'Jane', 'Doe'],
    ['Jane Q. Doe', 'Jane Q.', 'Doe'],
    ['Doe, Jane', 'Jane', 'Doe'],
    ['Doe, Jane Q.', 'Jane Q.', 'Doe'],
    ['Mary Ann van der Berg', 'Mary Ann', 'van der Berg'],
    ['Juan de la Cruz', 'Juan', 'de la Cruz'],
    ['Ludwig van Beethoven', 'Ludwig', 'van Beethoven'],
    ['Dr. John Smith Jr.', 'John', 'Smith Jr.'],
    ['Mr John Smith III', 'John', 'Smith III'],
    ['John Smith, Jr.', 'John', 'Smith Jr.'],
    ['Smith, John, Jr.', 'John', 'Smith Jr.'],
    ['Smith, Dr. John III', 'John', 'Smith III'],
    ['  JANE   DOE  ', 'JANE', 'DOE'],
    ['Van Morrison', 'Van', 'Morrison'],
    ['', '', ''],
  ];

  describe('splits into first and last name', () => {
    expectNormalizes(
      splitFullName,
      rows.map(([input, first, last]) => [input, { first, last }] as const),
    );
  });

  describe('uses a single word as the first name with NAME_SINGLE_WORD', () => {
    expectNormalizes(splitFullName, [
      ['Cher', { first: 'Cher', last: '' }, 'NAME_SINGLE_WORD'],
      ['Dr. Who', { first: 'Who', last: '' }, 'NAME_SINGLE_WORD'],
    ]);
  });

  it('never fails', () => {
    expect(splitFullName(',,,').ok).toBe(true);
    expect(splitFullName('Dr.').ok).toBe(true);
  });
  describe('never throws on hostile input and answers fast', () => {
    expectTotal((raw) => normalizeName(raw, { maxLength: 30 }));
    expectTotal(splitFullName);
  });
});
