import { describe, expect, it } from 'vitest';
import { HOSTILE_INPUTS } from './expect-normalize.test-helper.js';
import {
  detectSpreadsheetDamage,
  type SpreadsheetColumnKind,
  spreadsheetErrorValue,
  stripTrailingDecimal,
} from './spreadsheet-damage.js';

describe('detectSpreadsheetDamage', () => {
  describe('rejects scientific notation, overflow and error cells as unrecoverable errors', () => {
    it.each([
      ['1.23E+15', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
      ['4.11111e15', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
      ['4.11111E+15', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
      ['7.21045E+12', 'SPREADSHEET_SCIENTIFIC_NOTATION'], // Shopify customer id without its apostrophe
      ['4,11111E+15', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
      ['1E+15', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
      ['#######', 'SPREADSHEET_CELL_OVERFLOW'],
      ['#VALUE!', 'SPREADSHEET_ERROR_VALUE'],
      ['#N/A', 'SPREADSHEET_ERROR_VALUE'],
      ['#REF!', 'SPREADSHEET_ERROR_VALUE'],
      ['#DIV/0!', 'SPREADSHEET_ERROR_VALUE'],
      ['#NAME?', 'SPREADSHEET_ERROR_VALUE'],
    ] as const)('%s → %s', (raw, code) => {
      const problem = detectSpreadsheetDamage(raw, 'digits');
      expect(problem).toMatchObject({ code, severity: 'error' });
      expect(problem?.message).not.toContain(raw);
    });
  });

  describe('warns about a recoverable trailing .0 with SPREADSHEET_TRAILING_DECIMAL', () => {
    it.each([
      ['12345.0', 'id'],
      ['2139.0', 'zip'],
      ['5551112222.00', 'phone'],
    ] as const)('%s in a %s column', (raw, kind: SpreadsheetColumnKind) => {
      expect(detectSpreadsheetDamage(raw, kind)).toMatchObject({
        code: 'SPREADSHEET_TRAILING_DECIMAL',
        severity: 'warning',
      });
      expect(stripTrailingDecimal(raw)).toBe(raw.slice(0, raw.indexOf('.')));
    });
  });

  describe('accepts clean values with null', () => {
    it.each(['12345', '4111111111111111', '02139', '(775) 555-0154', '', '12.5', 'E15', '#1', '#hashtag'])(
      '%s',
      (raw) => {
        expect(detectSpreadsheetDamage(raw, 'id')).toBeNull();
      },
    );
  });

  describe('never throws on hostile input', () => {
    it.each(HOSTILE_INPUTS.map((input, i) => [i, input] as const))('input %i', (_i, input) => {
      expect(() => detectSpreadsheetDamage(input, 'digits')).not.toThrow();
      expect(() => stripTrailingDecimal(input)).not.toThrow();
    });
  });
});

describe('spreadsheetErrorValue: what a spreadsheet left in a cell of any column', () => {
  it.each([
    ['#N/A', 'SPREADSHEET_ERROR_VALUE'],
    [' #REF! ', 'SPREADSHEET_ERROR_VALUE'],
    ['#value!', 'SPREADSHEET_ERROR_VALUE'],
    ['#######', 'SPREADSHEET_CELL_OVERFLOW'],
  ])('%j → %s', (raw, code) => {
    expect(spreadsheetErrorValue(raw)).toMatchObject({ code, severity: 'error' });
  });

  it.each(['', 'N/A', '#12', 'Apt #4', '4.11111E+15', '12345.0', ' Suite 5', '#'])('%j → null', (raw) => {
    expect(spreadsheetErrorValue(raw)).toBeNull();
  });
});
