import { describe, expect, it } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import {
  type DecimalInference,
  inferDecimalSeparator,
  isMarkedAmount,
  normalizeMoney,
} from './normalize-money.js';

const dot = (raw: string) => normalizeMoney(raw);
const comma = (raw: string) => normalizeMoney(raw, { decimal: ',' });
const euroComma = (raw: string) => normalizeMoney(raw, { decimal: ',', currency: 'EUR' });
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
      ['1.234,50', '1234.50'],
      ['1 234,50', '1234.50'],
      ['0,0', '0.00'], // Stripe "Converted Amount" in a Danish export
      ['1234', '1234.00'],
    ]);
    expectNormalizes(euroComma, [
      ['€49,95', '49.95'],
      ['49,95 €', '49.95'],
      ['EUR 1.234,50', '1234.50'],
    ]);
  });

  describe('accepts the currency markers of the USD default ($, US$, USD)', () => {
    expectNormalizes(dot, [
      ['$29.95', '29.95'],
      ['29.95 $', '29.95'],
      ['US$ 29.95', '29.95'],
      ['29.95 usd', '29.95'],
      ['$29.95 USD', '29.95'],
      ['USD$29.95', '29.95'],
    ]);
    expectNormalizes(signed, [
      ['-USD 5', '-5.00'],
      ['(USD 5)', '-5.00'],
      ['$-5', '-5.00'],
    ]);
  });

  describe('refuses another currency than the (default USD) currency with MONEY_CURRENCY_MISMATCH', () => {
    expectProblem(dot, [
      ['€29.95', 'MONEY_CURRENCY_MISMATCH'],
      ['29.95 EUR', 'MONEY_CURRENCY_MISMATCH'],
      ['29.95EUR', 'MONEY_CURRENCY_MISMATCH'],
      ['eur 29.95', 'MONEY_CURRENCY_MISMATCH'],
      ['£5', 'MONEY_CURRENCY_MISMATCH'],
      ['5 £', 'MONEY_CURRENCY_MISMATCH'],
      ['¥500', 'MONEY_CURRENCY_MISMATCH'],
      ['GBP 5.00', 'MONEY_CURRENCY_MISMATCH'],
      ['C$12.00', 'MONEY_CURRENCY_MISMATCH'],
      ['CA$12.00', 'MONEY_CURRENCY_MISMATCH'],
      ['CAD$12.00', 'MONEY_CURRENCY_MISMATCH'],
      ['AU$12.00', 'MONEY_CURRENCY_MISMATCH'],
      ['R$12,00', 'MONEY_CURRENCY_MISMATCH'],
      ['(€12.00)', 'MONEY_CURRENCY_MISMATCH'],
      ['-€12.00', 'MONEY_CURRENCY_MISMATCH'],
      ['$12 EUR', 'MONEY_CURRENCY_MISMATCH'],
    ]);
    expectProblem(comma, [['€49,95', 'MONEY_CURRENCY_MISMATCH']]);
  });

  it('says in the mismatch which marker and which currency, and that USD is assumed when none is declared', () => {
    const undeclared = normalizeMoney('€29.95');
    expect(undeclared).toMatchObject({
      ok: false,
      problem: { code: 'MONEY_CURRENCY_MISMATCH', severity: 'error' },
    });
    if (!undeclared.ok) {
      expect(undeclared.problem.message).toContain('€');
      expect(undeclared.problem.message).toContain('USD is assumed');
      expect(undeclared.problem.expected).toBe('an amount in USD');
    }
    const declared = normalizeMoney('£5', { currency: 'EUR' });
    expect(declared.ok).toBe(false);
    if (!declared.ok) {
      expect(declared.problem.message).toContain('in EUR');
      expect(declared.problem.message).not.toContain('assumed');
    }
  });

  describe('accepts the markers of a declared currency and refuses the others', () => {
    const eur = (raw: string) => normalizeMoney(raw, { currency: 'EUR' });
    const gbp = (raw: string) => normalizeMoney(raw, { currency: 'gbp' });
    const cad = (raw: string) => normalizeMoney(raw, { currency: 'CAD' });
    const jpy = (raw: string) => normalizeMoney(raw, { currency: 'JPY', maxDecimals: 0 });
    expectNormalizes(eur, [
      ['€29.95', '29.95'],
      ['29.95 EUR', '29.95'],
      ['29.95€', '29.95'],
      ['29.95', '29.95'],
    ]);
    expectProblem(eur, [
      ['$29.95', 'MONEY_CURRENCY_MISMATCH'],
      ['USD 29.95', 'MONEY_CURRENCY_MISMATCH'],
      ['£29.95', 'MONEY_CURRENCY_MISMATCH'],
    ]);
    expectNormalizes(gbp, [
      ['£5', '5.00'],
      ['GBP 5', '5.00'],
    ]);
    expectNormalizes(cad, [
      ['$12.00', '12.00'], // a bare $ is any dollar
      ['C$12.00', '12.00'],
      ['CA$ 12.00', '12.00'],
      ['12.00 CAD', '12.00'],
    ]);
    expectProblem(cad, [
      ['US$12.00', 'MONEY_CURRENCY_MISMATCH'],
      ['12.00 USD', 'MONEY_CURRENCY_MISMATCH'],
    ]);
    expectNormalizes(jpy, [['¥1,500', '1500']]);
  });

  describe('reads the French and Québec dollar forms ($US 5, 5 $US, 29,95 $ CA)', () => {
    const cad = (raw: string) => normalizeMoney(raw, { currency: 'CAD', decimal: ',' });
    expectNormalizes(dot, [
      ['$US 5', '5.00'],
      ['$US5', '5.00'],
      ['5 $US', '5.00'],
      ['5 $ US', '5.00'],
      ['5.00 $us', '5.00'],
      ['29.95 $ USD', '29.95'],
    ]);
    expectNormalizes(cad, [
      ['29,95 $ CA', '29.95'],
      ['29,95 $CA', '29.95'],
      ['$CA 29,95', '29.95'],
      ['1 234,50 $', '1234.50'],
    ]);
    expectProblem(dot, [
      ['5 $CA', 'MONEY_CURRENCY_MISMATCH'],
      ['$CA 5', 'MONEY_CURRENCY_MISMATCH'],
      ['5 $ABC', 'MONEY_INVALID'], // three letters after the $: not a dollar form
    ]);
    expectProblem(cad, [['29,95 $ US', 'MONEY_CURRENCY_MISMATCH']]);
  });

  describe('reads a dollar prefix after the amount as before it (10.00 US$, 29.95 C$)', () => {
    const cad = (raw: string) => normalizeMoney(raw, { currency: 'CAD' });
    const brl = (raw: string) => normalizeMoney(raw, { currency: 'BRL', decimal: ',' });
    expectNormalizes(dot, [
      ['10.00 US$', '10.00'],
      ['10.00US$', '10.00'],
      ['10 us$', '10.00'],
      ['10.00 USD$', '10.00'],
      ['10.00 U$', '10.00'],
      ['US$ 10.00 US$', '10.00'],
    ]);
    expectNormalizes(signed, [
      ['-10.00 US$', '-10.00'],
      ['(10.00 US$)', '-10.00'],
      ['10.00 US$-', '-10.00'],
    ]);
    expectProblem(dot, [
      ['29.95 C$', 'MONEY_CURRENCY_MISMATCH'],
      ['29.95 CA$', 'MONEY_CURRENCY_MISMATCH'],
      ['29.95 XY$', 'MONEY_CURRENCY_MISMATCH'],
      ['12 €US$', 'MONEY_CURRENCY_MISMATCH'],
      ['€12 US$', 'MONEY_CURRENCY_MISMATCH'],
      ['12 ABCD$', 'MONEY_INVALID'], // more than 3 letters before $: no dollar prefix
      ['US$', 'MONEY_INVALID'],
    ]);
    expectNormalizes(cad, [
      ['29.95 C$', '29.95'],
      ['29.95 CA$', '29.95'],
      ['C$29.95 CAD', '29.95'],
      ['29.95 $', '29.95'],
      // a bare $ beside a prefix of several currencies: both fit CAD, one currency
      ['$10 C$', '10.00'],
      ['C$10 $', '10.00'],
    ]);
    expectProblem(cad, [
      ['29.95 US$', 'MONEY_CURRENCY_MISMATCH'],
      ['29.95 A$', 'MONEY_CURRENCY_MISMATCH'],
      ['C$29.95 US$', 'MONEY_CURRENCY_MISMATCH'],
    ]);
    expectNormalizes(brl, [['1.234,50 R$', '1234.50']]);
    it('names the marker after the amount as it names one before it', () => {
      const jmd = normalizeMoney('5.00 TT$', { currency: 'JMD' });
      if (jmd.ok) throw new Error('TT$ in a JMD column');
      expect(jmd.problem.message).toContain('marked TT$ (TTD)');
      expect(jmd.problem.message).toContain('in JMD');
    });
  });

  describe("removes any currency's markers unchecked with currency: any (a column of several currencies)", () => {
    const any = (raw: string) => normalizeMoney(raw, { currency: 'any' });
    expectNormalizes(any, [
      ['€29.95', '29.95'],
      ['29.95 GBP', '29.95'],
      ['$29.95', '29.95'],
      ['€29.95 EUR', '29.95'],
    ]);
    expectProblem(any, [['€29.95 USD', 'MONEY_CURRENCY_MISMATCH']]);
  });

  describe('with currency: any, two markers that can mean one currency agree, as in a column of that currency', () => {
    const any = (raw: string) => normalizeMoney(raw, { currency: 'any' });
    // a bare $ is any dollar (as in a CAD column: $10 C$ is 10.00): beside a dollar prefix or a
    // code it is that currency; a prefix of several currencies (C$: CAD or NIO) agrees with one
    const agree = [
      '$10 C$',
      'C$10 $',
      '$10 B$',
      'B$ 10 $',
      'C$ 10 CAD',
      'CAD 10 C$',
      '$CA 10 C$',
      '$10 CAD',
      'US$ 10 $',
      'C$ 10 NIO',
      '¥1500 JPY',
      'XY$ 10 XY$',
    ];
    expectNormalizes(
      any,
      agree.map((raw) => [raw, raw === '¥1500 JPY' ? '1500.00' : '10.00'] as const),
    );
    // markers that cannot mean one currency are still two currencies
    const disagree = [
      'US$10 C$',
      'C$ 10 US$',
      '€10 $',
      '$10 R$',
      'C$10 A$',
      'US$ 10 CAD',
      '$10 EUR',
      '£10 ¥',
      'XY$ 10 $',
    ];
    expectProblem(
      any,
      disagree.map((raw) => [raw, 'MONEY_CURRENCY_MISMATCH'] as const),
    );
    it('says two currencies, naming both markers', () => {
      const r = any('US$10 C$');
      if (r.ok) throw new Error('US$10 C$ read with currency any');
      expect(r.problem.message).toBe(
        'The amount is marked with two currencies (US$ (USD) and C$ (CAD or NIO)).',
      );
    });
    it('accepts exactly the values some declared currency accepts', () => {
      const codes = ['USD', 'CAD', 'NIO', 'AUD', 'BSD', 'BND', 'BRL', 'EUR', 'GBP', 'JPY', 'CNY'];
      for (const raw of [...agree.filter((r) => !r.startsWith('XY$')), ...disagree])
        expect([raw, any(raw).ok]).toEqual([
          raw,
          codes.some((currency) => normalizeMoney(raw, { currency }).ok),
        ]);
    });
  });

  describe('reads any 1–3 letters glued to $ as a dollar prefix (AR$, RD$, J$, TT$, Bds$)', () => {
    const any = (raw: string) => normalizeMoney(raw, { currency: 'any' });
    expectNormalizes(any, [
      ['AR$5.00', '5.00'],
      ['RD$5.00', '5.00'],
      ['J$5.00', '5.00'],
      ['TT$5.00', '5.00'],
      ['tt$ 5.00', '5.00'],
      ['XY$12', '12.00'], // any currency: removed unchecked
      ['Bds$5', '5.00'],
    ]);
    const listed = [
      ['AR$', 'ARS'],
      ['RD$', 'DOP'],
      ['J$', 'JMD'],
      ['TT$', 'TTD'],
      ['BZ$', 'BZD'],
      ['BD$', 'BMD'],
      ['EC$', 'XCD'],
      ['FJ$', 'FJD'],
      ['N$', 'NAD'],
      ['L$', 'LRD'],
      ['SI$', 'SBD'],
      ['Z$', 'ZWL'],
      ['CUC$', 'CUC'],
      ['B$', 'BSD'],
      ['Bds$', 'BBD'],
      ['CI$', 'KYD'],
      ['G$', 'GYD'],
      ['T$', 'TOP'],
      ['WS$', 'WST'],
      ['US$', 'USD'],
      ['R$', 'BRL'],
      // prefixes of several currencies, and longer local spellings
      ['B$', 'BND'],
      ['C$', 'CAD'],
      ['C$', 'NIO'],
      ['U$', 'USD'],
      ['Mex$', 'MXN'],
      ['Col$', 'COP'],
    ] as const;
    it.each(listed)('%s fits %s and no other currency', (prefix, currency) => {
      expect(normalizeMoney(`${prefix}5.00`, { currency })).toEqual({ ok: true, value: '5.00' });
      expect(normalizeMoney(`5.00 ${prefix}`, { currency })).toEqual({ ok: true, value: '5.00' });
      expect(normalizeMoney(`5.00${prefix.toLowerCase()}`, { currency })).toEqual({
        ok: true,
        value: '5.00',
      });
      expect(normalizeMoney(`${prefix.toLowerCase()}5.00`, { currency })).toMatchObject({ value: '5.00' });
      // no listed prefix is a euro one
      expect(normalizeMoney(`${prefix}5.00`, { currency: 'EUR' })).toMatchObject({
        problem: { code: 'MONEY_CURRENCY_MISMATCH' },
      });
      expect(normalizeMoney(`5.00 ${prefix}`, { currency: 'EUR' })).toMatchObject({
        problem: { code: 'MONEY_CURRENCY_MISMATCH' },
      });
    });
    it('an unlisted prefix of two or three letters fits a currency whose code starts with it, else names the marker', () => {
      expect(normalizeMoney('KY$5', { currency: 'KYD' })).toEqual({ ok: true, value: '5.00' });
      expect(normalizeMoney('BN$5', { currency: 'BND' })).toEqual({ ok: true, value: '5.00' });
      // a one-letter prefix must be listed: E$ is no euro marker
      expect(normalizeMoney('E$5', { currency: 'EUR' })).toMatchObject({
        problem: { code: 'MONEY_CURRENCY_MISMATCH' },
      });
      expect(normalizeMoney('E$5', { currency: 'any' })).toEqual({ ok: true, value: '5.00' });
      const usd = normalizeMoney('XY$12');
      expect(usd).toMatchObject({ problem: { code: 'MONEY_CURRENCY_MISMATCH' } });
      if (!usd.ok) expect(usd.problem.message).toContain('marked XY$, but');
      const jmd = normalizeMoney('TT$5.00', { currency: 'JMD' });
      if (jmd.ok) throw new Error('TT$ in a JMD column');
      expect(jmd.problem.message).toContain('marked TT$ (TTD)');
      expect(jmd.problem.message).toContain('in JMD');
      expect(normalizeMoney('TT$5.00')).toMatchObject({ problem: { code: 'MONEY_CURRENCY_MISMATCH' } });
      expect(normalizeMoney('TT$5.00 TTD', { currency: 'any' })).toEqual({ ok: true, value: '5.00' });
      expect(normalizeMoney('TT$5.00 USD', { currency: 'any' })).toMatchObject({
        problem: { code: 'MONEY_CURRENCY_MISMATCH' },
      });
    });
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

  describe('reads a leading 0 group as decimals, never as thousands (0.500 is half, not 500)', () => {
    expectProblem(comma, [
      ['0.500', 'MONEY_AMBIGUOUS_SEPARATOR'],
      ['01.234', 'MONEY_AMBIGUOUS_SEPARATOR'],
    ]);
    expectProblem(dot, [['0,500', 'MONEY_AMBIGUOUS_SEPARATOR']]);
    expectNormalizes(dot, [['0.500', '0.50']]);
    expectNormalizes(comma, [
      ['0,500', '0.50'],
      ['1.234', '1234.00'],
    ]);
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
      ['ABCD$12', 'MONEY_INVALID'], // more than 3 letters before $: no dollar prefix
      ['ABC 12', 'MONEY_INVALID'], // three letters that are not an ISO 4217 code
      ['USD', 'MONEY_INVALID'],
      ['€', 'MONEY_INVALID'],
      ['₹12', 'MONEY_INVALID'], // a symbol not recognized: refused, never stripped
      ['12.00 USDX', 'MONEY_INVALID'],
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
    ['comma decimals with a code', ['49,95 EUR', 'EUR 5,00'], ',', false],
    ['dot thousands groups (1.234.567)', ['1.234.567'], ',', false],
    ['integers only', ['3', '12', ''], '.', false],
    ['only 3-digit groups', ['1,234', '5,678'], null, true],
    ['a leading 0 before three digits (no thousands group)', ['0.500', '1,234'], '.', false],
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

describe('isMarkedAmount: what the normalizer reads as a marked amount', () => {
  it.each([
    ['$12.00', '.'],
    ['US$ 10.00', '.'],
    ['C$5', '.'],
    ['10.00 US$', '.'],
    ['$US 5', '.'],
    ['29,95 $ CA', ','],
    ['$CA 29,95', ','],
    ['(€1.234,50)', ','],
    ['-USD 12.50', '.'],
  ] as const)('%s is one, and normalizeMoney reads it (currency any)', (value, decimal) => {
    expect(isMarkedAmount(value)).toBe(true);
    expect(normalizeMoney(value, { currency: 'any', decimal, negative: 'allow' }).ok).toBe(true);
  });
  it('is one whatever the normalizer would say of its currency or size', () => {
    for (const value of ['€29.95', 'C$12.00', '$1234567890.00', '$1.234'])
      expect([value, isMarkedAmount(value)]).toEqual([value, true]);
  });
  it.each(['12.50', '', 'US$', 'C$ ', '$', 'ABCD$12', 'US$ 1 2', 'USD ten', '$12.50.7,1'])(
    '%j is not one',
    (value) => {
      expect(isMarkedAmount(value)).toBe(false);
    },
  );
});
