import { describe, expect, it } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import {
  type CardExpiry,
  expiryBefore,
  normalizeExpiry,
  normalizeExpiryMonth,
  normalizeExpiryYear,
} from './normalize-expiry.js';

const exp = (month: string, year: string): CardExpiry => ({ month, year });
const mmyy = (raw: string) => normalizeExpiry(raw);
const yymm = (raw: string) => normalizeExpiry(raw, { order: 'YYMM' });
const auto = (raw: string) => normalizeExpiry(raw, { order: 'auto' });

describe('normalizeExpiry', () => {
  describe('accepts NMI/Sticky MMYY and the separated shapes of Braintree and others', () => {
    expectNormalizes(mmyy, [
      ['1215', exp('12', '2015')], // NMI cc_exp
      ['0111', exp('01', '2011')], // NMI cc_exp, leading zero significant
      ['0928', exp('09', '2028')],
      ['12/25', exp('12', '2025')],
      ['9/25', exp('09', '2025')],
      ['09/2025', exp('09', '2025')], // Braintree MM/YYYY
      ['9/2025', exp('09', '2025')],
      ['12-2025', exp('12', '2025')],
      ['12 / 25', exp('12', '2025')],
      ['2025-12', exp('12', '2025')],
      ['2025/09', exp('09', '2025')],
      ['2025-12-31', exp('12', '2025')],
      ['122025', exp('12', '2025')],
      ['202512', exp('12', '2025')],
      ['Dec-25', exp('12', '2025')],
      ['Dec 2025', exp('12', '2025')],
      ['December 2025', exp('12', '2025')],
      ['sep-28', exp('09', '2028')],
      ['  1215  ', exp('12', '2015')],
    ]);
  });

  describe('restores a lost leading zero with EXPIRY_LEADING_ZERO_RESTORED', () => {
    expectNormalizes(mmyy, [
      ['111', exp('01', '2011'), 'EXPIRY_LEADING_ZERO_RESTORED'],
      ['928', exp('09', '2028'), 'EXPIRY_LEADING_ZERO_RESTORED'],
      ['92025', exp('09', '2025'), 'EXPIRY_LEADING_ZERO_RESTORED'],
    ]);
  });

  describe('reads Clearent YYMM with the order hint', () => {
    expectNormalizes(yymm, [
      ['2512', exp('12', '2025')],
      ['2801', exp('01', '2028')],
    ]);
  });

  describe('reads 4-digit values with order auto when only one reading is valid', () => {
    expectNormalizes(auto, [
      ['2512', exp('12', '2025')],
      ['1230', exp('12', '2030')],
    ]);
    expectProblem(auto, [['1211', 'EXPIRY_AMBIGUOUS']]);
  });

  describe('rejects masked values with EXPIRY_MASKED', () => {
    expectProblem(mmyy, [
      ['XXXX', 'EXPIRY_MASKED'], // Authorize.net
      ['**/**', 'EXPIRY_MASKED'],
      ['xx/xx', 'EXPIRY_MASKED'],
      ['12/XX', 'EXPIRY_MASKED'],
    ]);
    expectProblem(mmyy, [
      ['#VALUE!', 'SPREADSHEET_ERROR_VALUE'],
      ['#####', 'SPREADSHEET_CELL_OVERFLOW'],
    ]);
  });

  describe('rejects bad months, years and shapes', () => {
    expectProblem(mmyy, [
      ['1325', 'EXPIRY_MONTH_INVALID'],
      ['0025', 'EXPIRY_MONTH_INVALID'],
      ['2512', 'EXPIRY_MONTH_INVALID'],
      ['13/2025', 'EXPIRY_MONTH_INVALID'],
      ['12/1999', 'EXPIRY_YEAR_INVALID'],
      ['12/2100', 'EXPIRY_YEAR_INVALID'],
      ['', 'EXPIRY_INVALID'],
      ['soon', 'EXPIRY_INVALID'],
      ['Foo-25', 'EXPIRY_INVALID'],
      ['1/2/3', 'EXPIRY_INVALID'],
    ]);
    expectProblem(yymm, [['2513', 'EXPIRY_MONTH_INVALID']]);
  });

  describe('never throws on hostile input', () => {
    expectTotal(mmyy);
    expectTotal(auto);
  });
});

describe('normalizeExpiryMonth', () => {
  describe('accepts Stripe unpadded months and month names', () => {
    expectNormalizes(normalizeExpiryMonth, [
      ['9', '09'],
      ['09', '09'],
      ['12', '12'],
      ['1', '01'],
      ['Sep', '09'],
    ]);
  });
  describe('rejects 0, 13 and masks', () => {
    expectProblem(normalizeExpiryMonth, [
      ['0', 'EXPIRY_MONTH_INVALID'],
      ['13', 'EXPIRY_MONTH_INVALID'],
      ['123', 'EXPIRY_MONTH_INVALID'],
      ['XX', 'EXPIRY_MASKED'],
    ]);
  });
  describe('never throws on hostile input', () => expectTotal(normalizeExpiryMonth));
});

describe('normalizeExpiryYear', () => {
  describe('accepts 4-digit and 2-digit years', () => {
    expectNormalizes(normalizeExpiryYear, [
      ['2028', '2028'],
      ['28', '2028'],
      [' 2021 ', '2021'],
    ]);
  });
  describe('rejects other shapes', () => {
    expectProblem(normalizeExpiryYear, [
      ['1999', 'EXPIRY_YEAR_INVALID'],
      ['5', 'EXPIRY_YEAR_INVALID'],
      ['20288', 'EXPIRY_YEAR_INVALID'],
      ['XXXX', 'EXPIRY_MASKED'],
    ]);
  });
  describe('never throws on hostile input', () => expectTotal(normalizeExpiryYear));
});

describe('expiryBefore', () => {
  it.each([
    ['12', '2025', '2026-01-01', true],
    ['12', '2025', '2025-12-31', false],
    ['01', '2026', '2025-12-31', false],
    ['06', '2024', '2025-01-15', true],
    ['bad', '2024', '2025-01-15', false],
    ['06', '2024', 'soon', false],
  ])('card %s/%s before %s is %s', (month, year, date, expected) => {
    expect(expiryBefore(month, year, date)).toBe(expected);
  });
});
