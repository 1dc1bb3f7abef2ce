import { describe, expect, test } from 'vitest';
import { sniffCsv } from './index.js';

const sample = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('sniffCsv', () => {
  test.each([
    ['id,name\n1,Jane\n', ','],
    ['Name;Amount;Fee\nJane;49,95;1,00\nJohn;12,00;0,50\n', ';'],
    ['Name;Amount\nJane;49,95\nJohn;12,00\n', ';'],
    ['id\tname\n1\tDoe, Jane\n', '\t'],
    ['id|name\n1|Doe, Jane\n', '|'],
    ['sep=|\nid,name|x\n1,2|3\n', '|'],
    ['id,note\n1,"a;b;c;d"\n2,"x;y;z;w"\n', ','],
    ['single\nvalue\nother\n', ','],
    // decimal commas and ragged rows: one comma per row splits more evenly than the ; that
    // read the header (line 1, no comma) as a header of the rows' width
    [
      'Kunde;Betrag;Datum;Name\nC1;29,95;01.02.2024;Anna\nC2;9,50;02.02.2024\nC3;1,00;03.02.2024;Ben;extra\nC4;12,30;04.02.2024;Carla\nC5;3,10;05.02.2024;Dora\n',
      ';',
    ],
    // a metadata line with semicolons before a comma file stays metadata
    ['Report; period; 2024-01; all\nid,name,amount\n1,Jane,1\n2,John,2\n3,Ann,3\n', ','],
    // a metadata line with commas before a narrow ; file whose names and amounts hold commas: the
    // ; header (one field by ,) is the header, not the metadata line
    [
      'Umsatzanzeige, Konto DE12, Januar 2024\nName;Betrag\nMüller, Hans;1.234,50\nSchmidt, Eva;12,00\nWeber;3,10\nKoch, Ben;9,99\nBauer, Jo;5,50\n',
      ';',
    ],
  ])('picks the delimiter of %j', (text, delimiter) => {
    expect(sniffCsv(sample(text)).delimiter).toBe(delimiter);
  });

  test('reports the whole dialect and the raw header', () => {
    expect(sniffCsv(sample('\uFEFFsep=;\r\nid;name\r\n1;Jane\r\n'))).toEqual({
      encoding: 'utf-8',
      bom: true,
      delimiter: ';',
      headerLine: 2,
      sepLine: true,
      lineEnding: 'CRLF',
      header: ['id', 'name'],
    });
  });

  test('skips metadata rows, including a mostly empty row with the modal field count', () => {
    const text = 'Export,,\nTotals:,,\nid,name,amount\n1,Jane,1\n2,John,2\n';
    expect(sniffCsv(sample(text))).toMatchObject({ headerLine: 3, header: ['id', 'name', 'amount'] });
  });

  test('keeps line 1 as the header when every data row ends with a delimiter', () => {
    const text = 'id,name,amount\n1,Jane,1.00,\n2,John,2.00,\n3,Ann,3.00,\n';
    expect(sniffCsv(sample(text))).toMatchObject({ headerLine: 1, header: ['id', 'name', 'amount'] });
  });

  test('keeps line 1 as the header when ragged data rows outnumber the good ones in the sample', () => {
    const text = 'id,name,amount\n1,Jane,29,95\n2,John,12,00\n3,Ann,3.00\n';
    expect(sniffCsv(sample(text))).toMatchObject({ headerLine: 1, header: ['id', 'name', 'amount'] });
  });

  test('keeps a header with one empty name (pandas index column)', () => {
    expect(sniffCsv(sample(',name,amount\n0,Jane,1\n1,John,2\n')).headerLine).toBe(1);
  });

  test('an explicit delimiter is obeyed', () => {
    expect(sniffCsv(sample('a;b,c\n1;2,3\n'), { delimiter: ',' })).toMatchObject({
      delimiter: ',',
      header: ['a;b', 'c'],
    });
  });

  test('an empty sample throws CSV_EMPTY_FILE', () => {
    expect(() => sniffCsv(new Uint8Array())).toThrowError(
      expect.objectContaining({ code: 'CSV_EMPTY_FILE' }),
    );
  });
});
