import { describe, expect, it } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import { abaChecksumValid, createPrecisionLossCheck, normalizeDigits } from './normalize-digits.js';

const card = (raw: string) => normalizeDigits(raw, { kind: 'card' });
const routing = (raw: string) => normalizeDigits(raw, { kind: 'routing' });
const account = (raw: string) => normalizeDigits(raw, { kind: 'account' });
const id = (raw: string) => normalizeDigits(raw, { kind: 'id' });

describe('normalizeDigits', () => {
  describe('accepts card numbers with spaces, dashes, padding and an apostrophe', () => {
    expectNormalizes(card, [
      ['4111111111111111', '4111111111111111'],
      ['4111 1111 1111 1111', '4111111111111111'],
      ['4111-1111-1111-1111', '4111111111111111'],
      [' 4111111111111111', '4111111111111111'], // NMI ids carry a leading space
      ["'4111111111111111", '4111111111111111'],
      ['378282246310005', '378282246310005'], // Amex, 15 digits
      ['6011111111111117', '6011111111111117'],
      ['4222222222222', '4222222222222'], // 13-digit Visa test number
      ['', ''],
    ]);
  });

  describe('rejects masked card numbers with DIGITS_MASKED', () => {
    expectProblem(card, [
      ['4xxxxxxxxxxx1111', 'DIGITS_MASKED'], // NMI
      ['XXXX9876', 'DIGITS_MASKED'], // Authorize.net
      ['411111******1111', 'DIGITS_MASKED'],
      ['•••• 4242', 'DIGITS_MASKED'],
      ['**** **** **** 4242', 'DIGITS_MASKED'],
    ]);
  });

  describe('rejects spreadsheet damage that lost digits', () => {
    expectProblem(card, [
      ['4.11111E+15', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
      ['4.11111e15', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
      ['#######', 'SPREADSHEET_CELL_OVERFLOW'],
      ['#VALUE!', 'SPREADSHEET_ERROR_VALUE'],
    ]);
    expectProblem(routing, [['21000021', 'SPREADSHEET_LEADING_ZERO_LOST']]);
  });

  describe('rejects bad card numbers with DIGITS_LUHN_FAILED and DIGITS_LENGTH', () => {
    expectProblem(card, [
      ['4111111111111112', 'DIGITS_LUHN_FAILED'],
      ['4111111111111110', 'DIGITS_LUHN_FAILED'],
      ['41111111111', 'DIGITS_LENGTH'],
      ['41111111111111111111', 'DIGITS_LENGTH'],
      ['4111/1111/1111/1111', 'DIGITS_INVALID'],
      ['card', 'DIGITS_INVALID'],
    ]);
  });

  describe('rejects a card ending in 0 that fails Luhn with SPREADSHEET_PRECISION_LOST when the column is suspect', () => {
    expectProblem(
      (raw) => normalizeDigits(raw, { kind: 'card', precisionLossSuspected: true }),
      [
        ['4111111111111110', 'SPREADSHEET_PRECISION_LOST'],
        ['411111111111110', 'SPREADSHEET_PRECISION_LOST'],
        ['4111111111111112', 'DIGITS_LUHN_FAILED'],
      ],
    );
  });

  describe('accepts routing numbers that pass the ABA checksum', () => {
    expectNormalizes(routing, [
      ['021000021', '021000021'],
      ['011000015', '011000015'],
      ["'021000021", '021000021'],
    ]);
    expectProblem(routing, [
      ['123456789', 'DIGITS_ROUTING_CHECKSUM'],
      ['0210000210', 'DIGITS_LENGTH'],
      ['1234567', 'DIGITS_LENGTH'],
    ]);
  });

  describe('accepts account numbers and ids, recovering a trailing .0', () => {
    expectNormalizes(account, [
      ['000123456789', '000123456789'],
      ['1234', '1234'],
    ]);
    expectProblem(account, [
      ['123', 'DIGITS_LENGTH'],
      ['123456789012345678', 'DIGITS_LENGTH'],
    ]);
    expectNormalizes(id, [
      ['12345.0', '12345', 'SPREADSHEET_TRAILING_DECIMAL'],
      ["'7210448301122", '7210448301122'], // Shopify
      ['1', '1'],
    ]);
    expectNormalizes(
      (raw) => normalizeDigits(raw, { kind: 'id', minLength: 3, maxLength: 5 }),
      [['123', '123']],
    );
    expectProblem(
      (raw) => normalizeDigits(raw, { kind: 'id', minLength: 3, maxLength: 5 }),
      [['123456', 'DIGITS_LENGTH']],
    );
  });

  it('never puts digits in messages or received', () => {
    const result = card('4111111111111112');
    expect(JSON.stringify(result)).not.toContain('4111');
  });

  describe('never throws on hostile input', () => {
    expectTotal(card);
    expectTotal(routing);
    expectTotal(id);
  });
});

describe('abaChecksumValid', () => {
  it.each([
    ['021000021', true],
    ['011000015', true],
    ['123456789', false],
    ['12345678', false],
    ['abcdefghi', false],
  ])('%s → %s', (digits, valid) => expect(abaChecksumValid(digits)).toBe(valid));
});

describe('createPrecisionLossCheck', () => {
  const check = (values: readonly string[]) => {
    const c = createPrecisionLossCheck();
    for (const v of values) c.observe(v);
    return c.result();
  };

  it('suspects a column with 15-digit values ending in 0 among 16-digit cards', () => {
    expect(check(['4111111111111111', '5555555555554444', '411111111111110']).suspected).toBe(true);
  });

  it('suspects a column where most Luhn failures end in 0', () => {
    expect(
      check(['4111111111111110', '5555555555554440', '6011111111111110', '4111111111111111']).suspected,
    ).toBe(true);
  });

  it('suspects a column with scientific notation', () => {
    expect(check(['4.11111E+15']).suspected).toBe(true);
  });

  it('does not suspect a clean column or one with random typos', () => {
    expect(check(['4111111111111111', '378282246310005']).suspected).toBe(false);
    expect(check(['4111111111111112', '4111111111111113', '4111111111111114']).suspected).toBe(false);
  });

  it('never throws on hostile input', () => {
    expect(check(['a'.repeat(1024 * 1024), '\u0000', '\ud800', '']).suspected).toBe(false);
  });
});
