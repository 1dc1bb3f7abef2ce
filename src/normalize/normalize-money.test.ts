import { describe, expect, it } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import { type DecimalInference, inferDecimalSeparator, normalizeMoney } from './normalize-money.js';

const dot = (raw: string) => normalizeMoney(raw);
const comma = (raw: string) => normalizeMoney(raw, { decimal: ',' });
const signed = (raw: string) => normalizeMoney(raw, { negative: 'allow' });
const cents = (raw: string) => normalizeMoney(raw, { cents: true });

describe('normalizeMoney', () => {
  describe('accepts dollar amounts with symbols, codes and thousands separators', () => {
    expectNormalizes(dot, [
      ['11.00', '11.00'], // NMI
      ['10.0000', '10.00'], // NMI product amount, 4 decimals
      ['50.00', '50.00'], // Authorize.net
      ['5.65', '5.65'], // Woo
      ['3', '3.00'],
      ['127.2', '127.20'],
      ['1234.5', '1234.50'],
      ['$1,234.50', '1234.50'],
      ['$ 1,234.50', '1234.50'],
      ['1,234', '1234.00'],
      ['1,234,567.89', '1234567.89'],
      ['USD 12.00', '12.00'],
      ['12.00 USD', '12.00'],
      ['usd12', '12.00'],
      ['US$9.90', '9.90'],
      ['.5', '0.50'],
      ['007.10', '7.10'],
      ['0', '0.00'],
      ['-0.00', '0.00'],
      ['+12', '12.00'],
      ['', ''],
      ['0.1', '0.10'],
      ['999999999.99', '999999999.99'],
    ]);
  });

  describe('accepts comma-decimal amounts with decimal ","', () => {
    expectNormalizes(comma, [
      ['49,95', '49.95'],
      ['€49,95', '49.95'],
      ['49,95 €', '49.95'],
      ['1.234,50', '1234.50'],
      ['1 234,50', '1234.50'],
      ['0,0', '0.00'], // Stripe "Converted Amount" in a Danish export
      ['1234', '1234.00'],
    ]);
  });

  describe('accepts negatives (accounting parentheses, minus) when allowed', () => {
    expectNormalizes(signed, [
      ['(12.00)', '-12.00'],
      ['-12.00', '-12.00'],
      ['-$12.00', '-12.00'],
      ['$-12.00', '-12.00'],
      ['($1,234.50)', '-1234.50'],
      ['12.00-', '-12.00'],
    ]);
  });

  describe('converts integer minor units with cents', () => {
    expectNormalizes(cents, [
      ['1999', '19.99'],
      ['5', '0.05'],
      ['0', '0.00'],
      ['100', '1.00'],
      ['1999.00', '19.99'],
    ]);
    expectProblem(cents, [['19.99', 'MONEY_INVALID']]);
  });

  describe('writes a negative amount without its sign with negative: absolute (refunds exported as -29.95)', () => {
    const absolute = (raw: string) => normalizeMoney(raw, { negative: 'absolute' });
    expectNormalizes(absolute, [
      ['-29.95', '29.95'],
      ['(29.95)', '29.95'],
      ['$-1,234.50', '1234.50'],
      ['29.95', '29.95'],
    ]);
  });

  describe('rejects negatives by default with MONEY_NEGATIVE', () => {
    expectProblem(dot, [
      ['(12.00)', 'MONEY_NEGATIVE'],
      ['-0.01', 'MONEY_NEGATIVE'],
    ]);
  });

  describe('rejects the other decimal separator with MONEY_AMBIGUOUS_SEPARATOR', () => {
    expectProblem(dot, [
      ['1,23', 'MONEY_AMBIGUOUS_SEPARATOR'],
      ['49,95', 'MONEY_AMBIGUOUS_SEPARATOR'],
    ]);
    expectProblem(comma, [['12.50', 'MONEY_AMBIGUOUS_SEPARATOR']]);
  });

  describe('refuses a value that reads both ways when the column did not decide (undecided)', () => {
    const undecided = (raw: string) => normalizeMoney(raw, { undecided: true });
    expectProblem(undecided, [
      ['1.200', 'MONEY_AMBIGUOUS_SEPARATOR'],
      ['1,234', 'MONEY_AMBIGUOUS_SEPARATOR'],
      ['$2.400', 'MONEY_AMBIGUOUS_SEPARATOR'],
    ]);
    expectNormalizes(undecided, [
      ['12', '12.00'],
      ['$7', '7.00'],
    ]);
  });

  describe('rejects non-zero extra decimals with MONEY_TOO_PRECISE and huge amounts with MONEY_TOO_LARGE', () => {
    expectProblem(dot, [
      ['12.345', 'MONEY_TOO_PRECISE'],
      ['0.001', 'MONEY_TOO_PRECISE'],
      ['1000000000.00', 'MONEY_TOO_LARGE'],
      ['99999999999999999999999', 'MONEY_TOO_LARGE'],
    ]);
  });

  describe('rejects text that is not an amount with MONEY_INVALID', () => {
    expectProblem(dot, [
      ['abc', 'MONEY_INVALID'],
      ['$', 'MONEY_INVALID'],
      ['1.2.3', 'MONEY_INVALID'],
      ['12,34,56', 'MONEY_INVALID'],
      ['1e5', 'MONEY_INVALID'],
      ['--12', 'MONEY_INVALID'],
      ['(-12)', 'MONEY_INVALID'],
      ['NaN', 'MONEY_INVALID'],
      ['Infinity', 'MONEY_INVALID'],
      ['abc12', 'MONEY_INVALID'],
    ]);
  });

  it('never goes through floating point', () => {
    expect(normalizeMoney('0.30', {})).toMatchObject({ value: '0.30' });
    expect(normalizeMoney('90071992547409.93', { maxIntegerDigits: 20 })).toMatchObject({
      value: '90071992547409.93',
    });
    expect(normalizeMoney('1.005', { maxDecimals: 3 })).toMatchObject({ value: '1.005' });
  });

  describe('never throws on hostile input', () => {
    expectTotal(dot);
    expectTotal(comma);
    expectTotal(cents);
  });
});

function inferColumn(values: readonly string[]): DecimalInference {
  const inference = inferDecimalSeparator();
  for (const value of values) inference.observe(value);
  return inference.result();
}

describe('inferDecimalSeparator', () => {
  it.each([
    ['dot decimals', ['12.50', '1,234.50', '3'], '.', false],
    ['comma decimals', ['49,95', '1.234,50', '3'], ',', false],
    ['comma decimals with currency', ['€49,95', '€5,00'], ',', false],
    ['dot thousands groups (1.234.567)', ['1.234.567'], ',', false],
    ['integers only', ['3', '12', ''], '.', false],
    ['only 3-digit groups', ['1,234', '5,678'], null, true],
    ['a conflict', ['12.50', '49,95'], null, true],
  ] as const)('reads a column of %s', (_name, values, separator, ambiguous) => {
    expect(inferColumn(values)).toMatchObject({ separator, ambiguous });
  });

  it('gives evidence with the first proving row', () => {
    expect(inferColumn(['1', '49,95']).evidence).toBe("1 values prove ',' (first at row 2)");
  });

  it('never throws on hostile input', () => {
    expect(() => inferColumn(['a'.repeat(1024 * 1024), '\u0000', '\ud800', ',,,', '(('])).not.toThrow();
  });
});
